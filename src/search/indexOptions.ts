import type { Options } from 'minisearch';
import type { AnalyzedParagraph, Scoring } from './paragraphMiniSearch.js';
import type { CommonTermRule } from './ranking.js';

/**
 * Every MiniSearch option lives here, so the snapshot key (see `snapshot.ts`) can hash them and a change
 * to any of them invalidates old snapshots.
 * Bump this when the analyzer (tokenizing, stop words, stemming) changes: the options object cannot show that.
 */
export const ANALYZER_VERSION = 2;

/** The article's title is a field too, indexed once per article (see `ParagraphMiniSearch`). */
export const TITLE_FIELD = 'title';

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

/** How paragraphs are scored: MiniSearch's BM25+ with its default parameters and expansion weights, per field. */
export const SCORING = {
	boosts: FIELD_BOOSTS,
	weights: { fuzzy: 0.45, prefix: 0.375 },
	bm25: { k: 1.2, b: 0.7, d: 0.5 },
} as const satisfies Scoring;

/**
 * A term in more than 1 % of paragraphs, and in more than 1,000, only adds to the score of paragraphs a rarer
 * question term brings in (see `Ranker`). Below 1,000 paragraphs nothing is common, so the story alone, or any
 * small corpus, is ranked exhaustively.
 */
export const COMMON_TERMS = { share: 0.01, minimum: 1_000 } as const satisfies CommonTermRule;

/** Options that are data (hashed into the snapshot key); the functions are attached in `paragraphIndex.ts`. */
export const INDEX_OPTIONS = {
	idField: 'id',
	fields: FIELDS,
	storeFields: [] as string[],
} satisfies Partial<Options<AnalyzedParagraph>>;
