import type { Options, SearchOptions } from 'minisearch';

/**
 * Every MiniSearch option lives here, so the snapshot key (see `snapshot.ts`) can hash them and a change
 * to any of them invalidates old snapshots.
 * Bump this when the analyzer (tokenizing, stop words, stemming) changes: the options object cannot show that.
 */
export const ANALYZER_VERSION = 2;

/** What the index stores per paragraph; the text itself is kept by the caller, not duplicated in the index. */
export interface IndexedParagraph {
	id: string;
	text: string;
	title: string;
	section: string | null;
}

/** Paragraph text carries the evidence; title and section only nudge ranking. */
export const FIELD_BOOSTS = { text: 1, title: 0.3, section: 0.5 } as const;

export const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];

/** Fuzzy and prefix expansion are costly on a large vocabulary, so they apply only to rare or unknown terms. */
export const EXPANSION = {
	/** A query term found in at most this many paragraphs may be a misspelling of a rarer name. */
	maxDocumentFrequency: 3,
	/** Shorter terms are never expanded: "raid" would match "said", "paid", "rain"... */
	minFuzzyLength: 5,
	/** Edit distance allowed: 1, or 2 from this length on ("Dumeir" → "Dumayr"). */
	twoEditsFromLength: 6,
	minPrefixLength: 4,
} as const;

export const SEARCH_DEFAULTS: SearchOptions = {
	boost: { ...FIELD_BOOSTS },
	combineWith: 'OR',
	weights: { fuzzy: 0.45, prefix: 0.375 },
	bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

/** Options that are data (hashed into the snapshot key); the functions are attached in `paragraphIndex.ts`. */
export const INDEX_OPTIONS = {
	idField: 'id',
	fields: FIELDS,
	storeFields: [] as string[],
	searchOptions: SEARCH_DEFAULTS,
} satisfies Partial<Options<IndexedParagraph>>;
