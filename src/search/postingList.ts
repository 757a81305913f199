/** Most terms occur in a handful of paragraphs; a new list has room for this many before it needs an array of its own. */
const SLOT_PAIRS = 4;
/** New lists take their first slots from shared slabs: one typed array per 16,384 lists instead of one per list. */
const SLAB_PAIRS = SLOT_PAIRS * 16_384;
let slab = new Uint32Array(0);
let slabUsed = 0;

function newSlot(): { pairs: Uint32Array; offset: number } {
	if (slabUsed + SLOT_PAIRS > slab.length / 2) {
		slab = new Uint32Array(2 * SLAB_PAIRS);
		slabUsed = 0;
	}
	const offset = slabUsed;
	slabUsed += SLOT_PAIRS;
	return { pairs: slab, offset };
}

/**
 * One term's postings in one field: short ids in increasing order, each with its term frequency, as pairs in one
 * typed array. MiniSearch keeps these in a `Map` per term and field, about 40 bytes a posting; here a posting takes 8,
 * which is most of the difference between a 150 MB and a 40 MB index for the archive. It implements `Map`, so
 * anything MiniSearch's own code does with postings still works on it.
 *
 * Short ids only grow, so adding a paragraph appends. A deleted posting stays in place with frequency 0 until the
 * list is copied (when it grows, or is packed). A list loaded from a snapshot is a view into the snapshot's array,
 * copied on its first growth.
 */
export class PostingList implements Map<number, number> {
	/** id, frequency, id, frequency… possibly shared with other lists, which own other ranges of it. */
	#pairs: Uint32Array<ArrayBufferLike>;
	/** Index of the first pair in `#pairs`. */
	#offset: number;
	/** Pairs stored from `#offset`, deleted ones included. */
	#stored: number;
	/** Pairs that fit from `#offset` before the list must move to an array of its own. */
	#capacity: number;
	#size: number;

	/** A new, empty list; or, with arguments, a view of `stored` pairs of a snapshot's array, copied before it grows. */
	constructor(pairs?: Uint32Array<ArrayBufferLike>, offset = 0, stored = 0) {
		if (pairs) {
			this.#pairs = pairs;
			this.#offset = offset;
			this.#capacity = stored;
		} else {
			({ pairs: this.#pairs, offset: this.#offset } = newSlot());
			this.#capacity = SLOT_PAIRS;
		}
		this.#stored = stored;
		this.#size = stored;
	}

	get size(): number {
		return this.#size;
	}

	/** Calls `visit` for every posting, in increasing id order: the fast path for ranking and packing. */
	scan(visit: (id: number, frequency: number) => void): void {
		const pairs = this.#pairs;
		for (let index = 2 * this.#offset, end = 2 * (this.#offset + this.#stored); index < end; index += 2) {
			const frequency = pairs[index + 1]!;
			if (frequency !== 0) visit(pairs[index]!, frequency);
		}
	}

	/** A list of its own with the same postings, to change while this one is still read (see `ParagraphMiniSearch.fork`). */
	copy(): PostingList {
		if (this.#size === 0) return new PostingList();
		const pairs = new Uint32Array(2 * this.#size);
		this.copyInto(pairs, 0);
		return new PostingList(pairs, 0, this.#size);
	}

	/** Writes the postings as pairs into `target` from pair `at`; returns how many were written. */
	copyInto(target: Uint32Array, at: number): number {
		const start = 2 * this.#offset;
		if (this.#size === this.#stored) {
			target.set(this.#pairs.subarray(start, start + 2 * this.#stored), 2 * at);
			return this.#stored;
		}
		let written = 0;
		this.scan((id, frequency) => {
			target[2 * (at + written)] = id;
			target[2 * (at + written++) + 1] = frequency;
		});
		return written;
	}

	/** Index in `#pairs` of the frequency of `id`, or -1. */
	#find(id: number): number {
		const pairs = this.#pairs;
		let low = this.#offset;
		let high = this.#offset + this.#stored - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const found = pairs[2 * middle]!;
			if (found === id) return 2 * middle + 1;
			if (found < id) low = middle + 1;
			else high = middle - 1;
		}
		return -1;
	}

	get(id: number): number | undefined {
		const at = this.#find(id);
		return at === -1 || this.#pairs[at] === 0 ? undefined : this.#pairs[at];
	}

	has(id: number): boolean {
		return this.get(id) !== undefined;
	}

	set(id: number, frequency: number): this {
		if (frequency < 1) throw new RangeError('a posting needs a frequency of at least 1');
		const last = this.#stored === 0 ? -1 : this.#pairs[2 * (this.#offset + this.#stored - 1)]!;
		const at = id > last ? -1 : this.#find(id);
		if (at !== -1) {
			if (this.#pairs[at] === 0) this.#size++;
			this.#pairs[at] = frequency;
			return this;
		}
		this.#reserve(this.#stored + 1);
		const first = this.#offset;
		let position = first + this.#stored;
		while (position > first && this.#pairs[2 * (position - 1)]! > id) position--;
		this.#pairs.copyWithin(2 * (position + 1), 2 * position, 2 * (first + this.#stored));
		this.#pairs[2 * position] = id;
		this.#pairs[2 * position + 1] = frequency;
		this.#stored++;
		this.#size++;
		return this;
	}

	delete(id: number): boolean {
		const at = this.#find(id);
		if (at === -1 || this.#pairs[at] === 0) return false;
		this.#pairs[at] = 0;
		this.#size--;
		return true;
	}

	clear(): void {
		({ pairs: this.#pairs, offset: this.#offset } = newSlot());
		this.#capacity = SLOT_PAIRS;
		this.#stored = 0;
		this.#size = 0;
	}

	/** Room for `needed` pairs; beyond the capacity, an array of its own without deleted pairs, doubling to copy rarely. */
	#reserve(needed: number): void {
		if (needed <= this.#capacity) return;
		const capacity = Math.max(needed, 2 * this.#size, SLOT_PAIRS);
		const pairs = new Uint32Array(2 * capacity);
		let stored = 0;
		this.scan((id, frequency) => {
			pairs[2 * stored] = id;
			pairs[2 * stored++ + 1] = frequency;
		});
		this.#pairs = pairs;
		this.#offset = 0;
		this.#stored = stored;
		this.#capacity = capacity;
	}

	forEach(callback: (frequency: number, id: number, map: Map<number, number>) => void): void {
		this.scan((id, frequency) => callback(frequency, id, this));
	}

	*entries(): MapIterator<[number, number]> {
		// By position, so that deleting while iterating (as MiniSearch's vacuuming does) is safe.
		for (let index = 0; index < this.#stored; index++) {
			const frequency = this.#pairs[2 * (this.#offset + index) + 1]!;
			if (frequency !== 0) yield [this.#pairs[2 * (this.#offset + index)]!, frequency];
		}
	}

	*keys(): MapIterator<number> {
		for (const [id] of this.entries()) yield id;
	}

	*values(): MapIterator<number> {
		for (const [, frequency] of this.entries()) yield frequency;
	}

	[Symbol.iterator](): MapIterator<[number, number]> {
		return this.entries();
	}

	get [Symbol.toStringTag](): string {
		return 'PostingList';
	}
}
