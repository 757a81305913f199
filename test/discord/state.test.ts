import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldowns.js';
import { ButtonKinds, encodeCustomId, parseCustomId, parseOffset } from '../../src/discord/customId.js';
import { ExpiringMap } from '../../src/discord/expiringMap.js';
import { MAX_CUSTOM_ID_LENGTH } from '../../src/discord/reply.js';

function clock(start = 0) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ExpiringMap', () => {
	it('forgets entries after their time', () => {
		const time = clock();
		const map = new ExpiringMap<string>({ ttlMs: 1_000, maxEntries: 10, now: time.now });
		map.set('a', 'question');
		time.advance(999);
		expect(map.get('a')).toBe('question');
		time.advance(1);
		expect(map.get('a')).toBeUndefined();
	});

	it('drops the oldest entries beyond its size, so memory stays bounded', () => {
		const map = new ExpiringMap<number>({ ttlMs: 1_000, maxEntries: 3, now: clock().now });
		for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, index);
		expect(map.size).toBe(3);
		expect(map.get('a')).toBeUndefined();
		expect(map.get('d')).toBe(3);
	});
});

describe('Cooldowns', () => {
	it('lets a user go, then says how many whole seconds to wait, per command', () => {
		const time = clock();
		const cooldowns = new Cooldowns(5, time.now);
		expect(cooldowns.take('user', 'ask')).toBe(0);
		time.advance(1_200);
		expect(cooldowns.take('user', 'ask')).toBe(4);
		expect(cooldowns.take('user', 'search')).toBe(0);
		expect(cooldowns.take('colleague', 'ask')).toBe(0);
		time.advance(3_800);
		expect(cooldowns.take('user', 'ask')).toBe(0);
	});

	it('is off at 0 seconds', () => {
		const cooldowns = new Cooldowns(0);
		expect(cooldowns.take('user', 'ask')).toBe(0);
		expect(cooldowns.take('user', 'ask')).toBe(0);
	});
});

describe('custom ids', () => {
	it('round-trip and stay well within Discord’s 100 characters', () => {
		const id = encodeCustomId(ButtonKinds.SearchPage, '12345678901234567890', 999_995);
		expect(id.length).toBeLessThan(MAX_CUSTOM_ID_LENGTH);
		expect(parseCustomId(id)).toEqual({ kind: ButtonKinds.SearchPage, session: '12345678901234567890', detail: '999995' });
	});

	it('reject ids of other shapes, and offsets that are not small whole numbers', () => {
		expect(parseCustomId('unknown:1:2')).toBeNull();
		expect(parseCustomId('ask-more:1')).toBeNull();
		expect(parseCustomId('ask-more:1:2:3')).toBeNull();
		expect(parseOffset('-3')).toBeNull();
		expect(parseOffset('1e3')).toBeNull();
		expect(parseOffset('15')).toBe(15);
	});
});
