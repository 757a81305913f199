/**
 * The reference every tuned figure is divided by: MiniSearch with its default options (default tokenizer, no stop
 * words, no stemming, every paragraph's title and section as fields), searched with fuzzy 0.2 and prefix matching
 * on every term, as in the reference measurements.
 */
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import type { Article } from '../src/corpus/types.js';
import { documentOf, type IndexHit, paragraphId, type QueryTerm, type SearchIndex, type SearchOptions as IndexSearchOptions, type SearchResults, type TermFrequencies } from '../src/search/searchIndex.js';

export const DEFAULT_FIELDS = ['text', 'title', 'section'];

/** A paragraph as default MiniSearch indexes it: with its article's title as a field of its own. */
export interface DefaultDocument {
	id: string;
	text: string;
	title: string;
	section: string | null;
}

export const DEFAULT_SEARCH: SearchOptions = { fuzzy: 0.2, prefix: true };

export function defaultDocuments(articles: readonly Article[]): DefaultDocument[] {
	return articles.flatMap((article) =>
		article.paragraphs.map((paragraph) => ({ id: paragraphId(article.id, paragraph.number), text: paragraph.text, title: article.title, section: paragraph.section })),
	);
}

export function buildDefaultIndex(articles: readonly Article[]): MiniSearch<DefaultDocument> {
	const miniSearch = new MiniSearch<DefaultDocument>({ fields: DEFAULT_FIELDS });
	miniSearch.addAll(defaultDocuments(articles));
	return miniSearch;
}

export function loadDefaultIndex(json: string): MiniSearch<DefaultDocument> {
	return MiniSearch.loadJSON<DefaultDocument>(json, { fields: DEFAULT_FIELDS });
}

function hitsOf(results: ReturnType<MiniSearch['search']>, limit: number, offset: number): SearchResults {
	const hits: IndexHit[] = results.slice(offset, offset + limit).map((result) => ({ id: result.id as string, score: result.score, matched: result.terms }));
	return { hits, total: results.length };
}

/** The raw question through the default index: what an untuned MiniSearch answers a question with. */
export function searchDefault(miniSearch: MiniSearch<DefaultDocument>, question: string, limit: number): SearchResults {
	return hitsOf(miniSearch.search(question, DEFAULT_SEARCH), limit, 0);
}

/**
 * The default index behind the answer code's search interface, so the whole answer path (sentence selection,
 * citations, disagreements) runs unchanged over default retrieval. It gets the answer code's analyzed terms (no
 * stop words), which makes it faster than the raw-question default: the ratios it yields understate the gain.
 * Term statistics and shared rare terms are facts about the corpus, not the index, so it borrows the tuned index's.
 */
export class DefaultSearchIndex implements SearchIndex {
	readonly statistics: TermFrequencies;

	constructor(
		readonly miniSearch: MiniSearch<DefaultDocument>,
		readonly tuned: SearchIndex,
	) {
		this.statistics = tuned.statistics;
	}

	planQuery(terms: readonly string[]): QueryTerm[] {
		return [...new Set(terms)].map((term) => ({ term, fuzzy: Math.round(term.length * 0.2), prefix: true }));
	}

	documentsSharingRareTerms(maxParagraphs: number): Iterable<string[]> {
		return this.tuned.documentsSharingRareTerms(maxParagraphs);
	}

	search(terms: readonly QueryTerm[], limit: number, { offset = 0, within }: IndexSearchOptions = {}): SearchResults {
		if (terms.length === 0) return { hits: [], total: 0 };
		const filter = within && ((result: SearchResult) => within.has(documentOf(result.id as string)));
		return hitsOf(this.miniSearch.search(terms.map(({ term }) => term).join(' '), { ...DEFAULT_SEARCH, filter }), limit, offset);
	}
}
