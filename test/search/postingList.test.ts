import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingList } from '../../src/search/postingList.js';

type Operation = { kind: 'set'; id: number; frequency: number } | { kind: 'delete'; id: number };

const operations = fc.array(
	fc.oneof(
		fc.record({ kind: fc.constant('set' as const), id: fc.nat(60), frequency: fc.integer({ min: 1, max: 500 }) }),
		fc.record({ kind: fc.constant('delete' as const), id: fc.nat(60) }),
	),
	{ maxLength: 80 },
);

function apply(list: Map<number, number>, ops: readonly Operation[]): void {
	for (const op of ops) {
		if (op.kind === 'set') list.set(op.id, op.frequency);
		else list.delete(op.id);
	}
}

const sortedEntries = (map: Map<number, number>) => [...map].sort(([a], [b]) => a - b);

describe('posting lists', () => {
	it('hold the same postings as a Map after any sequence of additions and deletions, in id order', () => {
		fc.assert(
			fc.property(operations, (ops) => {
				const list = new PostingList();
				const map = new Map<number, number>();
				apply(list, ops);
				apply(map, ops);
				expect([...list]).toEqual(sortedEntries(map));
				expect(list.size).toBe(map.size);
				for (let id = 0; id <= 60; id++) expect(list.get(id)).toBe(map.get(id));
			}),
		);
	});

	it('read in place from a snapshot array, and leave the other lists in it alone when they change', () => {
		const pairs = Uint32Array.from([1, 2, 5, 1, 9, 3, /* next list */ 2, 7]);
		const first = new PostingList(pairs, 0, 3);
		const second = new PostingList(pairs, 3, 1);
		first.set(12, 4);
		first.delete(5);
		expect([...first]).toEqual([[1, 2], [9, 3], [12, 4]]);
		expect([...second]).toEqual([[2, 7]]);
	});

	it('can be emptied while iterated, as MiniSearch vacuums', () => {
		const list = new PostingList();
		for (const id of [3, 4, 8]) list.set(id, 1);
		for (const [id] of list) list.delete(id);
		expect(list.size).toBe(0);
	});
});
