/**
 * The whole surface the answer code sees of search: how often a term occurs, how a question's terms will be matched,
 * and the ranked paragraphs for them. Keeping it this narrow is what lets the index move to another engine
 * (see docs/search-design.md) without touching `src/answer/`.
 */

/** A question term as it will be matched: exactly, or also by edit distance and prefix when it is rare. */
export interface QueryTerm {
	term: string;
	/** Maximum edit distance; 0 means exact only. */
	fuzzy: number;
	prefix: boolean;
	/** Relative weight in ranking; 1 unless the term only stands in for another (a synonym). */
	boost?: number;
	/** From `planQuery`: how many paragraphs hold the term, in the corpus or `within` the documents planned for. */
	paragraphs?: number;
}

export interface IndexHit {
	/** `doc#paragraph`, see `paragraphId`. */
	id: string;
	score: number;
	/** Index terms that matched: the query terms themselves, or their fuzzy and prefix expansions. */
	matched: string[];
}

export interface SearchResults {
	hits: IndexHit[];
	/** How many paragraphs were ranked: the length of the list `hits` is a page of. */
	total: number;
}

/** Paragraph counts per term, for weighing question terms (IDF) and telling unknown words from known ones. */
export interface TermFrequencies {
	readonly paragraphCount: number;
	documentFrequency(term: string): number;
	idf(term: string): number;
}

export interface SearchOptions {
	/** Skip this many of the best paragraphs (paging). */
	offset?: number;
	/** Rank only the paragraphs of these documents. */
	within?: ReadonlySet<string>;
}

export interface SearchIndex {
	readonly statistics: TermFrequencies;
	/** Decides how each analyzed question term may match (exactly, by edit distance, by prefix), judged `within` some documents or the whole corpus. */
	planQuery(terms: readonly string[], options?: Pick<SearchOptions, 'within'>): QueryTerm[];
	/** The best paragraphs for the terms, best first: `limit` of them. */
	search(terms: readonly QueryTerm[], limit: number, options?: SearchOptions): SearchResults;
	/**
	 * For each term whose text is in 2 to `maxParagraphs` paragraphs, the ids of the documents holding it: which
	 * documents share their rarest words (names, places), counted for a whole corpus without reading a document.
	 */
	documentsSharingRareTerms(maxParagraphs: number): Iterable<string[]>;
}

export function paragraphId(doc: string, paragraph: number): string {
	return `${doc}#${paragraph}`;
}

/** The document a paragraph id belongs to. */
export function documentOf(paragraphId: string): string {
	return paragraphId.slice(0, paragraphId.lastIndexOf('#'));
}
