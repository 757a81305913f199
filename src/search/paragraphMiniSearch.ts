import MiniSearch, { type Options } from 'minisearch';
import type { IndexedParagraph } from './indexOptions.js';
import type { QueryTerm } from './searchIndex.js';

/**
 * One list of postings a query term reaches: an index term (the query term itself, or one of its fuzzy or prefix
 * expansions) in one field, with what its BM25 contribution needs precomputed.
 */
export interface MatchList {
	/** Position of the query term this list stands for, in the query. */
	query: number;
	indexTerm: string;
	fieldId: number;
	/** Paragraph (short id) → how often the term occurs in the field. */
	postings: ReadonlyMap<number, number>;
	/** Term weight × field boost × IDF: everything in the contribution that does not depend on the paragraph. */
	scale: number;
	averageLength: number;
}

/** MiniSearch's own BM25+ parameters and weights, so a contribution here equals MiniSearch's to the last bit. */
export interface Scoring {
	boosts: Readonly<Record<string, number>>;
	weights: { fuzzy: number; prefix: number };
	bm25: { k: number; b: number; d: number };
}

/** Everything the index holds, as flat arrays: what a snapshot stores and loads without re-analyzing any text. */
export interface PackedIndex {
	documentCount: number;
	nextId: number;
	dirtCount: number;
	fieldIds: Record<string, number>;
	averageFieldLength: number[];
	shortIds: Uint32Array;
	ids: string[];
	/** Per paragraph and field, its number of distinct terms; NO_FIELD where the paragraph lacks the field. */
	fieldLengths: Uint32Array;
	terms: string[];
	/** Per term and field, how many postings follow in `postingIds` / `postingFrequencies` (0: none). */
	postingCounts: Uint32Array;
	postingIds: Uint32Array;
	postingFrequencies: Uint32Array;
}

const NO_FIELD = 0xffff_ffff;

/**
 * MiniSearch, opened up where its fields are `protected` for exactly this: ranking reads the postings directly
 * (see `ranking.ts`) instead of scoring and sorting every paragraph that shares a word with the question, and
 * snapshots are packed into flat arrays instead of JSON objects keyed by stringified numbers.
 */
export class ParagraphMiniSearch extends MiniSearch<IndexedParagraph> {
	readonly #scoring: Scoring;
	readonly #fieldNames: string[];

	constructor(options: Options<IndexedParagraph>, scoring: Scoring) {
		super(options);
		this.#scoring = scoring;
		this.#fieldNames = options.fields;
	}

	/** One past the largest short id in use: the size of a per-paragraph array. */
	get idCapacity(): number {
		return this._nextId;
	}

	isLive(shortId: number): boolean {
		return this._documentIds.has(shortId);
	}

	externalId(shortId: number): string {
		return this._documentIds.get(shortId) as string;
	}

	fieldLength(shortId: number, fieldId: number): number {
		return this._fieldLength.get(shortId)![fieldId]!;
	}

	/**
	 * The postings a query term reaches, weighted as MiniSearch's `executeQuerySpec` weighs them: the term itself,
	 * then prefix expansions, then fuzzy ones (a term that is both counts as a prefix match).
	 */
	matchLists(queryTerm: QueryTerm, query: number): MatchList[] {
		const { term, fuzzy, prefix, boost = 1 } = queryTerm;
		const { weights } = this.#scoring;
		const expansions: [indexTerm: string, weight: number][] = [[term, 1]];
		const prefixed = new Set<string>();
		if (prefix) {
			for (const [indexTerm] of this._index.atPrefix(term)) {
				const distance = indexTerm.length - term.length;
				if (distance === 0) continue;
				prefixed.add(indexTerm);
				expansions.push([indexTerm, (weights.prefix * indexTerm.length) / (indexTerm.length + 0.3 * distance)]);
			}
		}
		if (fuzzy > 0) {
			for (const [indexTerm, [, distance]] of this._index.fuzzyGet(term, fuzzy)) {
				if (distance === 0 || prefixed.has(indexTerm)) continue;
				expansions.push([indexTerm, (weights.fuzzy * indexTerm.length) / (indexTerm.length + distance)]);
			}
		}
		// The radix tree yields expansions in insertion order, which differs between a built and a loaded index;
		// a fixed order keeps the floating-point sums, and so the ranking, identical between the two.
		expansions.sort(([a], [b]) => (a === term ? -1 : b === term ? 1 : a < b ? -1 : a > b ? 1 : 0));
		const lists: MatchList[] = [];
		for (const [indexTerm, weight] of expansions) {
			const fields = this._index.get(indexTerm);
			if (!fields) continue;
			for (const field of this.#fieldNames) {
				const fieldId = this._fieldIds[field]!;
				const postings = fields.get(fieldId);
				if (!postings) continue;
				lists.push({
					query,
					indexTerm,
					fieldId,
					postings,
					scale: weight * boost * (this.#scoring.boosts[field] ?? 1) * inverseDocumentFrequency(postings.size, this._documentCount),
					averageLength: this._avgFieldLength[fieldId]!,
				});
			}
		}
		return lists;
	}

	/** The BM25+ contribution of one list to one paragraph, exactly as MiniSearch computes it. */
	contribution(list: MatchList, shortId: number, frequency: number): number {
		const { k, b, d } = this.#scoring.bm25;
		const length = this.fieldLength(shortId, list.fieldId);
		return list.scale * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / list.averageLength)));
	}

	pack(): PackedIndex {
		const fieldCount = this.#fieldNames.length;
		const shortIds = new Uint32Array(this._documentIds.size);
		const ids: string[] = [];
		const fieldLengths = new Uint32Array(shortIds.length * fieldCount).fill(NO_FIELD);
		let position = 0;
		for (const [shortId, id] of this._documentIds) {
			shortIds[position] = shortId;
			ids.push(id as string);
			const lengths = this._fieldLength.get(shortId)!;
			for (let field = 0; field < fieldCount; field++) {
				if (lengths[field] !== undefined) fieldLengths[position * fieldCount + field] = lengths[field]!;
			}
			position++;
		}
		const terms: string[] = [];
		let total = 0;
		for (const [term, fields] of this._index) {
			terms.push(term);
			for (const postings of fields.values()) total += postings.size;
		}
		const postingCounts = new Uint32Array(terms.length * fieldCount);
		const postingIds = new Uint32Array(total);
		const postingFrequencies = new Uint32Array(total);
		let termIndex = 0;
		let offset = 0;
		for (const [, fields] of this._index) {
			// In field order, as `unpack` reads them; the map holds fields in the order the term first appeared in them.
			for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
				const postings = fields.get(fieldId);
				if (!postings) continue;
				postingCounts[termIndex * fieldCount + fieldId] = postings.size;
				for (const [shortId, frequency] of postings) {
					postingIds[offset] = shortId;
					postingFrequencies[offset++] = frequency;
				}
			}
			termIndex++;
		}
		return {
			documentCount: this._documentCount,
			nextId: this._nextId,
			dirtCount: this._dirtCount,
			fieldIds: this._fieldIds,
			averageFieldLength: this._avgFieldLength,
			shortIds,
			ids,
			fieldLengths,
			terms,
			postingCounts,
			postingIds,
			postingFrequencies,
		};
	}

	static unpack(packed: PackedIndex, options: Options<IndexedParagraph>, scoring: Scoring): ParagraphMiniSearch {
		const index = new ParagraphMiniSearch(options, scoring);
		const fieldCount = options.fields.length;
		if (Object.keys(packed.fieldIds).length !== fieldCount || packed.ids.length !== packed.shortIds.length) {
			throw new Error('MiniSearch: the packed index does not match these fields');
		}
		index._documentCount = packed.documentCount;
		index._nextId = packed.nextId;
		index._dirtCount = packed.dirtCount;
		index._fieldIds = packed.fieldIds;
		index._avgFieldLength = packed.averageFieldLength;
		packed.ids.forEach((id, position) => {
			const shortId = packed.shortIds[position]!;
			const lengths: number[] = [];
			for (let field = 0; field < fieldCount; field++) {
				const length = packed.fieldLengths[position * fieldCount + field]!;
				if (length !== NO_FIELD) lengths[field] = length;
			}
			index._documentIds.set(shortId, id);
			index._idToShortId.set(id, shortId);
			index._fieldLength.set(shortId, lengths);
		});
		let offset = 0;
		packed.terms.forEach((term, termIndex) => {
			const fields = new Map<number, Map<number, number>>();
			for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
				const count = packed.postingCounts[termIndex * fieldCount + fieldId]!;
				if (count === 0) continue;
				const postings = new Map<number, number>();
				for (const end = offset + count; offset < end; offset++) postings.set(packed.postingIds[offset]!, packed.postingFrequencies[offset]!);
				fields.set(fieldId, postings);
			}
			index._index.set(term, fields);
		});
		if (offset !== packed.postingIds.length) throw new Error('MiniSearch: the packed index has postings left over');
		return index;
	}
}

/** MiniSearch's IDF: BM25's, smoothed so that a term in every paragraph still counts a little. */
function inverseDocumentFrequency(matching: number, total: number): number {
	return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}
