import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import type { Article } from '../corpus/types.js';
import { analyzeTerms } from './analyzer.js';
import { EXPANSION, INDEX_OPTIONS, type IndexedParagraph } from './indexOptions.js';
import { paragraphId, type QueryTerm, type SearchIndex, type SearchResults } from './searchIndex.js';
import { TermStatistics } from './termStatistics.js';

export interface IndexSnapshot {
	index: AsPlainObject;
	statistics: ReturnType<TermStatistics['toJSON']>;
}

function indexedParagraphs(article: Article): IndexedParagraph[] {
	return article.paragraphs.map((paragraph) => ({
		id: paragraphId(article.id, paragraph.number),
		text: paragraph.text,
		title: article.title,
		section: paragraph.section,
	}));
}

/**
 * The search side of the engine, behind a narrow surface (build, add, remove, search, snapshot), so that an
 * archive that outgrows one process can move to another engine without touching the answer code.
 */
export class ParagraphIndex implements SearchIndex {
	readonly #miniSearch: MiniSearch<IndexedParagraph>;
	readonly #statistics: TermStatistics;
	// MiniSearch tokenizes each field itself; we analyze the text first for the statistics, so the text
	// field's terms are handed over instead of being computed twice.
	#pending: { text: string; terms: string[] } | null = null;

	private constructor(statistics: TermStatistics, snapshot?: AsPlainObject) {
		const options: Options<IndexedParagraph> = {
			...INDEX_OPTIONS,
			tokenize: (text) => (this.#pending?.text === text ? this.#pending.terms : analyzeTerms(text)),
			// Terms arrive already analyzed, both when indexing and in query trees built by `search`.
			processTerm: (term) => term,
			searchOptions: { ...INDEX_OPTIONS.searchOptions, tokenize: (term) => [term], processTerm: (term) => term },
		};
		this.#miniSearch = snapshot ? MiniSearch.loadJS(snapshot, options) : new MiniSearch(options);
		this.#statistics = statistics;
	}

	static build(articles: Iterable<Article>): ParagraphIndex {
		const index = new ParagraphIndex(new TermStatistics());
		index.add(articles);
		return index;
	}

	/** Throws if the snapshot was made by an incompatible MiniSearch; the caller then rebuilds. */
	static fromSnapshot(snapshot: IndexSnapshot): ParagraphIndex {
		const { paragraphs, counts } = snapshot.statistics;
		return new ParagraphIndex(new TermStatistics(counts, paragraphs), snapshot.index);
	}

	get statistics(): TermStatistics {
		return this.#statistics;
	}

	add(articles: Iterable<Article>): void {
		for (const article of articles) {
			for (const paragraph of indexedParagraphs(article)) {
				const terms = analyzeTerms(paragraph.text);
				this.#statistics.add(new Set(terms));
				this.#pending = { text: paragraph.text, terms };
				this.#miniSearch.add(paragraph);
			}
		}
		this.#pending = null;
	}

	/** Removes articles as they were indexed. `discard` is O(1); MiniSearch vacuums the index in the background. */
	remove(articles: Iterable<Article>): void {
		for (const article of articles) {
			for (const paragraph of article.paragraphs) {
				this.#statistics.remove(new Set(analyzeTerms(paragraph.text)));
				this.#miniSearch.discard(paragraphId(article.id, paragraph.number));
			}
		}
	}

	/**
	 * Decides how each term may match. A term the corpus knows well is matched exactly; a rare or unknown one
	 * (likely a misspelled name: "Dumayar", "Masood") also by edit distance and prefix.
	 */
	planQuery(terms: readonly string[]): QueryTerm[] {
		return [...new Set(terms)].map((term) => {
			const rare = this.#statistics.documentFrequency(term) <= EXPANSION.maxDocumentFrequency;
			const fuzzy = !rare || term.length < EXPANSION.minFuzzyLength ? 0 : term.length >= EXPANSION.twoEditsFromLength ? 2 : 1;
			const prefix = rare && term.length >= EXPANSION.minPrefixLength && !/^\d+$/.test(term);
			return { term, fuzzy, prefix };
		});
	}

	search(terms: readonly QueryTerm[], limit: number, offset = 0): SearchResults {
		if (terms.length === 0) return { hits: [], total: 0 };
		const query: Query = {
			combineWith: 'OR',
			queries: terms.map(({ term, fuzzy, prefix, boost = 1 }) => ({ queries: [term], fuzzy: fuzzy || false, prefix, boostTerm: () => boost })),
		};
		const results = this.#miniSearch.search(query);
		const hits = results.slice(offset, offset + limit).map((result) => ({ id: result.id as string, score: result.score, matched: result.terms }));
		return { hits, total: results.length };
	}

	toSnapshot(): IndexSnapshot {
		return { index: this.#miniSearch.toJSON(), statistics: this.#statistics.toJSON() };
	}
}
