import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch, { type Options } from 'minisearch';
import { OverlayMap } from './overlayMap.js';
import { PostingList } from './postingList.js';
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
	/** Short id → how often the term occurs in the field. For an article field, the id is the article's first paragraph. */
	postings: PostingList;
	/** The title: one posting per article, counting for every paragraph of it. */
	perArticle: boolean;
	/** How many paragraphs the list reaches: BM25's document frequency, and the cost of scanning the list. */
	paragraphs: number;
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
	fieldIds: Record<string, number>;
	averageFieldLength: number[];
	shortIds: Uint32Array;
	ids: string[];
	/** Per paragraph, the short id of its article's first paragraph. */
	articleStarts: Uint32Array;
	/** Per paragraph and field, its number of distinct terms (0 where the paragraph lacks the field). */
	fieldLengths: Uint32Array;
	terms: string[];
	/** Per term and field, how many postings follow in `postings` (0: none). */
	postingCounts: Uint32Array;
	/** Short id, frequency, short id, frequency… term after term, field after field. */
	postings: Uint32Array;
}

/** A paragraph as indexed: its id (`doc#n`) and the terms of its text and section, already analyzed. */
export interface AnalyzedParagraph {
	id: string;
	terms: string[];
	/** Null when the paragraph has no section, which MiniSearch does not count in the section's average length. */
	sectionTerms: string[] | null;
}

/**
 * MiniSearch, opened up where its fields are `protected` for exactly this. It keeps MiniSearch's data model (a radix
 * tree of terms, per field the postings with term frequencies, field lengths and their averages, numeric short ids)
 * and its BM25+, and changes how that data is held and read:
 *
 * - Postings are `PostingList`s (typed arrays) instead of a `Map` per term and field: 8 bytes a posting, not ~40.
 * - Ranking reads the postings directly (see `ranking.ts`) instead of scoring and sorting every paragraph that
 *   shares a word with the question.
 * - The title is indexed once per article, on the article's first paragraph, instead of once per paragraph: every
 *   paragraph is scored on its article's title as before (same BM25, with paragraph-weighted statistics), but the
 *   archive's 700,000 title postings shrink to 130,000. An article's paragraphs are added together, so their short
 *   ids run consecutively from the first.
 * - Removal is eager (the article's terms are known), so postings never hold removed paragraphs and a term's
 *   posting count is its exact paragraph count.
 * - Snapshots are flat arrays, and a loaded index reads its postings in place from them.
 * - A refresh changes a `fork`, which shares the postings and copies each list before changing it, while the
 *   original goes on serving as it was.
 */
/** Query terms whose expansions are kept; past this the memo starts afresh. */
const MAX_MEMOIZED_EXPANSIONS = 5_000;

export class ParagraphMiniSearch extends MiniSearch<AnalyzedParagraph> {
	readonly #options: Options<AnalyzedParagraph>;
	readonly #titleFieldName: string;
	readonly #scoring: Scoring;
	readonly #fieldNames: string[];
	readonly #titleField: number;
	readonly #textField: number;
	/** Paragraph short id → its article's first paragraph. */
	#articleStarts = new Uint32Array(0);
	/** First paragraph's short id → the article's number of paragraphs (0 elsewhere): read for every title posting ranked. */
	#articleSizes = new Uint32Array(0);
	/** Σ over articles of paragraphs × title length: the title's average length, per paragraph as before. */
	#titleLengthTotal = 0;
	#memo: { generation: number; map: Map<string, readonly (readonly [string, number])[]> } = { generation: -1, map: new Map() };
	/**
	 * Per field, the number of distinct terms of each paragraph (the title's on the article's first paragraph), by
	 * short id. MiniSearch keeps an array per paragraph in a map; ranking reads these for every posting it scores.
	 */
	#fieldLengths: Uint32Array[];
	/**
	 * Term → fields → postings: what the index holds. The radix tree holds the same maps, but it is read for its keys
	 * alone (which terms a prefix or an edit distance reaches), and always through this map.
	 */
	#terms = new Map<string, Map<number, PostingList>>();
	/**
	 * Once forked, the radix tree is shared with the fork: it only gains terms, and one the index no longer holds is
	 * skipped on lookup (so a long-running bot's tree keeps removed terms until the next start, loaded or built).
	 */
	#dictionaryShared = false;
	/** Null: every map and list is this index's own. After a fork: the ones created or copied since, the only ones to change in place. */
	#owned: WeakSet<object> | null = null;
	/** Counts changes, so that packing spread over several turns of the event loop can tell it went stale. */
	#generation = 0;

	constructor(options: Options<AnalyzedParagraph>, scoring: Scoring, titleField: string) {
		super(options);
		this.#options = options;
		this.#titleFieldName = titleField;
		this.#scoring = scoring;
		this.#fieldNames = options.fields;
		this.#titleField = this._fieldIds[titleField]!;
		this.#textField = this._fieldIds['text']!;
		this.#fieldLengths = this.#fieldNames.map(() => new Uint32Array(0));
	}

	/** One past the largest short id in use: the size of a per-paragraph array. */
	get idCapacity(): number {
		return this._nextId;
	}

	/** Paragraphs whose text holds the term: the postings are exact, removal being eager. */
	documentFrequency(term: string): number {
		return this.#terms.get(term)?.get(this.#textField)?.size ?? 0;
	}

	/** How many of these paragraphs (short ids) hold the term in their text: a lookup each. */
	documentFrequencyAmong(term: string, paragraphs: readonly number[]): number {
		const postings = this.#terms.get(term)?.get(this.#textField);
		return postings ? paragraphs.filter((shortId) => postings.has(shortId)).length : 0;
	}

	/** Short ids of the paragraphs of the article whose first paragraph has this id; none when it is not indexed. */
	articleParagraphs(firstParagraphId: string): number[] {
		const start = this._idToShortId.get(firstParagraphId);
		if (start === undefined) return [];
		return Array.from({ length: this.articleSize(start) }, (_, offset) => start + offset);
	}

	/**
	 * For each term whose text postings reach 2 to `maxParagraphs` paragraphs, the first paragraphs of the articles
	 * holding it. Postings are sorted by short id and an article's paragraphs are consecutive, so each comes once.
	 */
	*articlesSharingRareTerms(maxParagraphs: number): Generator<number[]> {
		for (const fields of this.#terms.values()) {
			const postings = fields.get(this.#textField);
			if (!postings || postings.size < 2 || postings.size > maxParagraphs) continue;
			const starts: number[] = [];
			postings.scan((shortId) => {
				const start = this.#articleStarts[shortId]!;
				if (starts.at(-1) !== start) starts.push(start);
			});
			if (starts.length > 1) yield starts;
		}
	}

	externalId(shortId: number): string {
		return this._documentIds.get(shortId) as string;
	}

	articleStart(shortId: number): number {
		return this.#articleStarts[shortId]!;
	}

	/** Paragraphs of the article starting at this short id; 0 once it is removed. */
	articleSize(start: number): number {
		return this.#articleSizes[start] ?? 0;
	}

	/**
	 * Adds an article's paragraphs as MiniSearch's `add` would (short ids, field lengths and their running averages,
	 * postings with term frequencies), but into posting lists, with the terms already analyzed, and the title once.
	 */
	addArticle(paragraphs: readonly AnalyzedParagraph[], titleTerms: readonly string[]): void {
		this.#generation++;
		const start = this._nextId;
		const { text, section } = this._fieldIds as Record<string, number>;
		for (const { id, terms, sectionTerms } of paragraphs) {
			if (this._idToShortId.has(id)) throw new Error(`MiniSearch: duplicate ID ${id}`);
			const shortId = this._nextId++;
			this._documentCount++;
			this._idToShortId.set(id, shortId);
			this._documentIds.set(shortId, id);
			this.#growPerParagraphArrays();
			this.#changeField(shortId, text!, terms, 1);
			if (sectionTerms !== null) this.#changeField(shortId, section!, sectionTerms, 1);
		}
		this.#articleStarts.fill(start, start, this._nextId);
		this.#articleSizes[start] = paragraphs.length;
		this.#titleLengthTotal += paragraphs.length * this.#changeField(start, this.#titleField, titleTerms, 1);
	}

	/**
	 * Removes an article's paragraphs and title given the same terms it was added with. Unlike MiniSearch's
	 * `discard`, the postings go at once: no vacuuming, and a term's posting count stays its exact paragraph count.
	 */
	removeArticle(paragraphs: readonly AnalyzedParagraph[], titleTerms: readonly string[]): void {
		const start = this._idToShortId.get(paragraphs[0]?.id);
		if (start === undefined) return;
		this.#generation++;
		this.#titleLengthTotal -= this.articleSize(start) * this.#changeField(start, this.#titleField, titleTerms, -1);
		this.#articleSizes[start] = 0;
		for (const { id, terms, sectionTerms } of paragraphs) {
			const shortId = this._idToShortId.get(id)!;
			this.#changeField(shortId, this._fieldIds['text']!, terms, -1);
			if (sectionTerms !== null) this.#changeField(shortId, this._fieldIds['section']!, sectionTerms, -1);
			this._idToShortId.delete(id);
			this._documentIds.delete(shortId);
			this._documentCount--;
		}
	}

	/**
	 * Adds (+1) or removes (-1) one field of a paragraph, or the title of an article: its postings, its length, and
	 * for paragraph fields MiniSearch's running average length, computed exactly as its `add` and `discard` do.
	 * Returns the field's length: its number of distinct terms.
	 */
	#changeField(shortId: number, fieldId: number, terms: readonly string[], direction: 1 | -1): number {
		const frequencies = new Map<string, number>();
		for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
		for (const [term, frequency] of frequencies) {
			if (direction === 1) {
				this.#writablePostings(term, fieldId, true)!.set(shortId, frequency);
				continue;
			}
			const postings = this.#writablePostings(term, fieldId, false);
			if (!postings) continue;
			postings.delete(shortId);
			if (postings.size > 0) continue;
			const fields = this.#terms.get(term)!;
			fields.delete(fieldId);
			if (fields.size > 0) continue;
			this.#terms.delete(term);
			if (!this.#dictionaryShared) this._index.delete(term);
		}
		const length = frequencies.size;
		if (direction === 1) this.#fieldLengths[fieldId]![shortId] = length;
		if (fieldId === this.#titleField) return length;
		const average = this._avgFieldLength[fieldId] ?? 0;
		if (direction === 1) {
			const count = this._documentCount - 1;
			this._avgFieldLength[fieldId] = (average * count + length) / (count + 1);
		} else {
			const count = this._documentCount;
			this._avgFieldLength[fieldId] = count === 1 ? 0 : (average * count - length) / (count - 1);
		}
		return length;
	}

	#setTerm(term: string, fields: Map<number, PostingList>): void {
		this._index.set(term, fields);
		this.#terms.set(term, fields);
	}

	#owns(value: object): boolean {
		return this.#owned === null || this.#owned.has(value);
	}

	#own<T extends object>(value: T): T {
		this.#owned?.add(value);
		return value;
	}

	/** The term's postings in the field, safe to change: copied first while a fork still shares them. */
	#writablePostings(term: string, fieldId: number, create: boolean): PostingList | undefined {
		let fields = this.#terms.get(term);
		if (!fields) {
			if (!create) return undefined;
			this.#setTerm(term, (fields = this.#own(new Map())));
		} else if (!this.#owns(fields)) this.#setTerm(term, (fields = this.#own(new Map(fields))));
		let postings = fields.get(fieldId);
		if (!postings) {
			if (!create) return undefined;
			fields.set(fieldId, (postings = this.#own(new PostingList())));
		} else if (!this.#owns(postings)) fields.set(fieldId, (postings = this.#own(postings.copy())));
		return postings;
	}

	/**
	 * A copy to change while this one keeps serving unchanged. The maps of ids, terms and article sizes are overlaid
	 * (see `OverlayMap`), the typed columns copied, the posting lists shared, and each side copies a list before
	 * changing it: the cost is the change, not the index.
	 *
	 * Only the live index is forked. Forking settles this index's own changes into the maps it shares with the index
	 * it was forked from, which is no longer read once this one is live. The fork supersedes this index: a snapshot
	 * of this one being packed is abandoned, as the fork brings its own.
	 */
	fork(): ParagraphMiniSearch {
		this.#generation++;
		const copy = new ParagraphMiniSearch(this.#options, this.#scoring, this.#titleFieldName);
		copy._index = this._index;
		copy.#dictionaryShared = this.#dictionaryShared = true;
		copy._documentCount = this._documentCount;
		copy._nextId = this._nextId;
		copy._fieldIds = this._fieldIds;
		copy._avgFieldLength = [...this._avgFieldLength];
		copy._documentIds = new OverlayMap(this._documentIds);
		copy._idToShortId = new OverlayMap(this._idToShortId);
		copy.#articleStarts = this.#articleStarts.slice();
		copy.#fieldLengths = this.#fieldLengths.map((lengths) => lengths.slice());
		copy.#articleSizes = this.#articleSizes.slice();
		copy.#titleLengthTotal = this.#titleLengthTotal;
		copy.#terms = new OverlayMap(this.#terms);
		copy.#generation = this.#generation;
		this.#owned = new WeakSet();
		copy.#owned = new WeakSet();
		return copy;
	}

	#growPerParagraphArrays(): void {
		if (this.#articleStarts.length >= this._nextId) return;
		const size = Math.max(this._nextId, Math.ceil(this.#articleStarts.length * 1.5));
		const grow = (array: Uint32Array) => {
			const grown = new Uint32Array(size);
			grown.set(array);
			return grown;
		};
		this.#articleStarts = grow(this.#articleStarts);
		this.#articleSizes = grow(this.#articleSizes);
		this.#fieldLengths = this.#fieldLengths.map(grow);
	}

	/**
	 * The index terms a query term reaches, with their weights: the term itself, then prefix expansions, then fuzzy
	 * ones (a term that is both counts as a prefix match). Walking the radix tree by edit distance is the costliest
	 * step of a search on a large archive, and questions about a story repeat their words, so the expansions are
	 * kept until the index changes (bounded).
	 */
	#expansions(term: string, fuzzy: number, prefix: boolean): readonly (readonly [string, number])[] {
		if (this.#memo.generation !== this.#generation || this.#memo.map.size >= MAX_MEMOIZED_EXPANSIONS) this.#memo = { generation: this.#generation, map: new Map() };
		const key = `${term}\u0000${fuzzy}\u0000${prefix ? 1 : 0}`;
		let expansions = this.#memo.map.get(key);
		if (expansions) return expansions;
		const { weights } = this.#scoring;
		const found: [indexTerm: string, weight: number][] = [[term, 1]];
		const prefixed = new Set<string>();
		if (prefix) {
			for (const [indexTerm] of this._index.atPrefix(term)) {
				const distance = indexTerm.length - term.length;
				if (distance === 0) continue;
				prefixed.add(indexTerm);
				found.push([indexTerm, (weights.prefix * indexTerm.length) / (indexTerm.length + 0.3 * distance)]);
			}
		}
		if (fuzzy > 0) {
			for (const [indexTerm, [, distance]] of this._index.fuzzyGet(term, fuzzy)) {
				if (distance === 0 || prefixed.has(indexTerm)) continue;
				found.push([indexTerm, (weights.fuzzy * indexTerm.length) / (indexTerm.length + distance)]);
			}
		}
		// The radix tree yields expansions in insertion order, which differs between a built and a loaded index;
		// a fixed order keeps the floating-point sums, and so the ranking, identical between the two.
		found.sort(([a], [b]) => (a === term ? -1 : b === term ? 1 : a < b ? -1 : a > b ? 1 : 0));
		expansions = found;
		this.#memo.map.set(key, expansions);
		return expansions;
	}

	/**
	 * The postings a query term reaches, weighted as MiniSearch's `executeQuerySpec` weighs them: the term itself,
	 * then prefix expansions, then fuzzy ones (a term that is both counts as a prefix match).
	 */
	matchLists(queryTerm: QueryTerm, query: number): MatchList[] {
		const { term, fuzzy, prefix, boost = 1 } = queryTerm;
		const lists: MatchList[] = [];
		for (const [indexTerm, weight] of this.#expansions(term, fuzzy, prefix)) {
			const fields = this.#terms.get(indexTerm);
			if (!fields) continue;
			for (const field of this.#fieldNames) {
				const fieldId = this._fieldIds[field]!;
				const postings = fields.get(fieldId);
				if (!postings) continue;
				const perArticle = fieldId === this.#titleField;
				const paragraphs = perArticle ? this.#paragraphsOf(postings) : postings.size;
				lists.push({
					query,
					indexTerm,
					fieldId,
					postings,
					perArticle,
					paragraphs,
					scale: weight * boost * (this.#scoring.boosts[field] ?? 1) * inverseDocumentFrequency(paragraphs, this._documentCount),
					averageLength: perArticle ? this.#titleLengthTotal / this._documentCount : this._avgFieldLength[fieldId]!,
				});
			}
		}
		return lists;
	}

	/** Paragraphs a title list reaches, per list until the index changes: a common title word's list is long. */
	#titleReach = { generation: -1, counts: new WeakMap<PostingList, number>() };

	#paragraphsOf(articlePostings: PostingList): number {
		if (this.#titleReach.generation !== this.#generation) this.#titleReach = { generation: this.#generation, counts: new WeakMap() };
		let paragraphs = this.#titleReach.counts.get(articlePostings);
		if (paragraphs === undefined) {
			let sum = 0;
			articlePostings.scan((start) => {
				sum += this.articleSize(start);
			});
			this.#titleReach.counts.set(articlePostings, (paragraphs = sum));
		}
		return paragraphs;
	}

	/** The BM25+ contribution of one posting (a paragraph, or for the title an article's first paragraph). */
	contribution(list: MatchList, shortId: number, frequency: number): number {
		const { k, b, d } = this.#scoring.bm25;
		const length = this.#fieldLengths[list.fieldId]![shortId]!;
		return list.scale * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / list.averageLength)));
	}

	/**
	 * Packs the index a slice at a time, letting other work (questions) run between slices: the archive takes
	 * ~100 ms to pack, too long to hold the event loop. Null when the index changed meanwhile: the change that did it
	 * brings a save of its own.
	 */
	async pack(): Promise<PackedIndex | null> {
		const generation = this.#generation;
		const unchangedAfterPause = async () => {
			await nextTurn();
			return this.#generation === generation;
		};
		const fieldCount = this.#fieldNames.length;
		const shortIds = new Uint32Array(this._documentIds.size);
		const articleStarts = new Uint32Array(shortIds.length);
		const ids: string[] = [];
		const fieldLengths = new Uint32Array(shortIds.length * fieldCount);
		let position = 0;
		for (const [shortId, id] of this._documentIds) {
			if (position % PACK_SLICE === 0 && !(await unchangedAfterPause())) return null;
			shortIds[position] = shortId;
			articleStarts[position] = this.#articleStarts[shortId]!;
			ids.push(id as string);
			for (let field = 0; field < fieldCount; field++) fieldLengths[position * fieldCount + field] = this.#fieldLengths[field]![shortId]!;
			position++;
		}
		const entries = [...this.#terms];
		const terms = entries.map(([term]) => term);
		let total = 0;
		for (const [, fields] of entries) for (const postings of fields.values()) total += postings.size;
		const postingCounts = new Uint32Array(terms.length * fieldCount);
		const pairs = new Uint32Array(2 * total);
		let offset = 0;
		for (const [termIndex, [, fields]] of entries.entries()) {
			if (termIndex % PACK_SLICE === 0 && !(await unchangedAfterPause())) return null;
			// In field order, as `unpack` reads them; the map holds fields in the order the term first appeared in them.
			for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
				const postings = fields.get(fieldId);
				if (!postings) continue;
				postingCounts[termIndex * fieldCount + fieldId] = postings.size;
				offset += postings.copyInto(pairs, offset);
			}
		}
		return {
			documentCount: this._documentCount,
			nextId: this._nextId,
			fieldIds: this._fieldIds,
			averageFieldLength: this._avgFieldLength,
			shortIds,
			ids,
			articleStarts,
			fieldLengths,
			terms,
			postingCounts,
			postings: pairs,
		};
	}

	static unpack(packed: PackedIndex, options: Options<AnalyzedParagraph>, scoring: Scoring, titleField: string): ParagraphMiniSearch {
		const index = new ParagraphMiniSearch(options, scoring, titleField);
		const fieldCount = options.fields.length;
		if (Object.keys(packed.fieldIds).length !== fieldCount || packed.ids.length !== packed.shortIds.length || packed.articleStarts.length !== packed.shortIds.length) {
			throw new Error('MiniSearch: the packed index does not match these fields');
		}
		index._documentCount = packed.documentCount;
		index._nextId = packed.nextId;
		index._fieldIds = packed.fieldIds;
		index._avgFieldLength = packed.averageFieldLength;
		index.#growPerParagraphArrays();
		packed.ids.forEach((id, position) => {
			const shortId = packed.shortIds[position]!;
			for (let field = 0; field < fieldCount; field++) index.#fieldLengths[field]![shortId] = packed.fieldLengths[position * fieldCount + field]!;
			index._documentIds.set(shortId, id);
			index._idToShortId.set(id, shortId);
			const start = packed.articleStarts[position]!;
			index.#articleStarts[shortId] = start;
			index.#articleSizes[start]!++;
		});
		index.#articleSizes.forEach((size, start) => {
			index.#titleLengthTotal += size * index.#fieldLengths[index.#titleField]![start]!;
		});
		let offset = 0;
		packed.terms.forEach((term, termIndex) => {
			const fields = new Map<number, PostingList>();
			for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
				const count = packed.postingCounts[termIndex * fieldCount + fieldId]!;
				if (count === 0) continue;
				fields.set(fieldId, new PostingList(packed.postings, offset, count));
				offset += count;
			}
			index.#setTerm(term, fields);
		});
		if (2 * offset !== packed.postings.length) throw new Error('MiniSearch: the packed index has postings left over');
		return index;
	}
}

/** Paragraphs or terms packed between two turns of the event loop: a few milliseconds' work. */
const PACK_SLICE = 8_192;

/** MiniSearch's IDF: BM25's, smoothed so that a term in every paragraph still counts a little. */
function inverseDocumentFrequency(matching: number, total: number): number {
	return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}
