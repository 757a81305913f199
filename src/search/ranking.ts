import type { MatchList, ParagraphMiniSearch } from './paragraphMiniSearch.js';
import type { QueryTerm } from './searchIndex.js';

/**
 * A common term's list is scanned when it is at most this many times longer than the candidate list, and looked up
 * candidate by candidate (a binary search each) otherwise: a scan step is a typed-array read, a lookup ~15 of them.
 */
const SCAN_RATIO = 8;

/** `#lastTerm` of a paragraph that is a candidate before any term reached it (see `within`); no query position. */
const UNMATCHED = 0xffff_ffff;

export interface RankedParagraph {
	shortId: number;
	score: number;
	/** Index terms found in the paragraph: the query terms themselves, or their expansions. */
	matched: string[];
}

export interface Ranking {
	top: RankedParagraph[];
	/** How many paragraphs were ranked. */
	candidates: number;
}

/** When a term is common enough to stop bringing in paragraphs of its own; see `Ranker`. */
export interface CommonTermRule {
	/** Share of all paragraphs a term's postings must exceed… */
	share: number;
	/** …and this many: in a small corpus every term brings in its paragraphs, and ranking is exhaustive. */
	minimum: number;
}

/**
 * Ranks paragraphs for a query with MiniSearch's own scores (BM25+ per field and expansion, summed, times the
 * number of query terms matched), but without scoring every paragraph that shares a word with the question.
 *
 * Terms are taken rarest first. Paragraphs come in through the specific terms; a common term ("said", "government"
 * in a news archive) only adds to the score of paragraphs already in, looked up by id, when a rarer term exists.
 * A paragraph that holds none of the question's specific words is not ranked: with wire copy around, it never
 * belongs in the answer, and scoring the tens of thousands of them was most of the cost of a question.
 *
 * Scores are accumulated in typed arrays indexed by MiniSearch's short ids and reused by every query (searches
 * are synchronous, so one set serves all), which avoids MiniSearch's per-result objects and its sort of all results.
 */
export class Ranker {
	readonly #index: ParagraphMiniSearch;
	readonly #rule: CommonTermRule;
	#scores = new Float64Array(0);
	#termsMatched = new Uint16Array(0);
	/** 1 + the position of the query term that last reached the paragraph; 0 when it is not a candidate. */
	#lastTerm = new Uint32Array(0);

	constructor(index: ParagraphMiniSearch, rule: CommonTermRule) {
		this.#index = index;
		this.#rule = rule;
	}

	#ensureCapacity(): void {
		const capacity = this.#index.idCapacity;
		if (this.#scores.length >= capacity) return;
		const size = Math.max(capacity, Math.ceil(this.#scores.length * 1.5));
		this.#scores = new Float64Array(size);
		this.#termsMatched = new Uint16Array(size);
		this.#lastTerm = new Uint32Array(size);
	}

	/**
	 * The best `count` paragraphs for the terms. With `within` (short ids), only those paragraphs are ranked: each is a
	 * candidate from the start, and every term only adds to their scores, however common it is.
	 */
	rank(terms: readonly QueryTerm[], count: number, within?: readonly number[]): Ranking {
		this.#ensureCapacity();
		const groups = terms.map((term, position) => this.#index.matchLists(term, position));
		const costs = groups.map((lists) => lists.reduce((sum, list) => sum + list.paragraphs, 0));
		const order = groups.map((_, position) => position).filter((position) => costs[position]! > 0);
		order.sort((a, b) => costs[a]! - costs[b]!);
		const common = Math.max(this.#rule.minimum, this.#rule.share * this.#index.documentCount);
		const specific = within ? 0 : Math.max(1, order.filter((position) => costs[position]! <= common).length);

		const candidates: number[] = [];
		for (const shortId of within ?? []) {
			this.#lastTerm[shortId] = UNMATCHED;
			candidates.push(shortId);
		}
		for (const position of order.slice(0, specific)) {
			for (const list of groups[position]!) {
				this.#scan(list, (shortId, value) => {
					if (this.#lastTerm[shortId] === 0) candidates.push(shortId);
					this.#add(list, shortId, value);
				});
			}
		}
		for (const position of order.slice(specific)) {
			for (const list of groups[position]!) {
				if (list.paragraphs <= SCAN_RATIO * candidates.length) {
					this.#scan(list, (shortId, value) => {
						if (this.#lastTerm[shortId] !== 0) this.#add(list, shortId, value);
					});
					continue;
				}
				for (const shortId of candidates) {
					const key = list.perArticle ? this.#index.articleStart(shortId) : shortId;
					const frequency = list.postings.get(key);
					if (frequency !== undefined) this.#add(list, shortId, this.#index.contribution(list, key, frequency));
				}
			}
		}

		const ranked = within ? candidates.filter((shortId) => this.#termsMatched[shortId]! > 0) : candidates;
		const top = this.#best(ranked, count);
		for (const shortId of candidates) {
			this.#scores[shortId] = 0;
			this.#termsMatched[shortId] = 0;
			this.#lastTerm[shortId] = 0;
		}
		const lists = groups.flat();
		const matched = (shortId: number) => lists.filter((list) => list.postings.has(list.perArticle ? this.#index.articleStart(shortId) : shortId)).map((list) => list.indexTerm);
		return { top: top.map(({ shortId, score }) => ({ shortId, score, matched: [...new Set(matched(shortId))] })), candidates: ranked.length };
	}

	/** Every paragraph the list reaches, with the list's contribution to it; a title reaches its article's paragraphs. */
	#scan(list: MatchList, visit: (shortId: number, value: number) => void): void {
		list.postings.scan((key, frequency) => {
			if (list.perArticle) {
				const value = this.#index.contribution(list, key, frequency);
				for (let shortId = key, end = key + this.#index.articleSize(key); shortId < end; shortId++) visit(shortId, value);
			} else {
				visit(key, this.#index.contribution(list, key, frequency));
			}
		});
	}

	#add(list: MatchList, shortId: number, value: number): void {
		this.#scores[shortId]! += value;
		if (this.#lastTerm[shortId] !== list.query + 1) {
			this.#lastTerm[shortId] = list.query + 1;
			this.#termsMatched[shortId]!++;
		}
	}

	/** The `count` best candidates, best first; ties go to the paragraph indexed first. */
	#best(candidates: readonly number[], count: number): Scored[] {
		const best: Scored[] = [];
		for (const shortId of candidates) {
			const entry = { shortId, score: this.#scores[shortId]! * this.#termsMatched[shortId]! };
			if (best.length === count && (count === 0 || !beats(entry, best[count - 1]!))) continue;
			let at = best.length;
			while (at > 0 && beats(entry, best[at - 1]!)) at--;
			best.splice(at, 0, entry);
			if (best.length > count) best.pop();
		}
		return best;
	}
}

interface Scored {
	shortId: number;
	score: number;
}

function beats(a: Scored, b: Scored): boolean {
	return a.score > b.score || (a.score === b.score && a.shortId < b.shortId);
}
