import type { Options } from 'minisearch';
import type { Article } from '../corpus/types.js';
import { analyzeTerms } from './analyzer.js';
import { COMMON_TERMS, EXPANSION, INDEX_OPTIONS, type IndexedParagraph, SCORING } from './indexOptions.js';
import { type PackedIndex, ParagraphMiniSearch } from './paragraphMiniSearch.js';
import { Ranker } from './ranking.js';
import { paragraphId, type QueryTerm, type SearchIndex, type SearchResults } from './searchIndex.js';
import { type PackedStatistics, TermStatistics } from './termStatistics.js';

export interface IndexSnapshot {
	index: PackedIndex;
	statistics: PackedStatistics;
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
	readonly #miniSearch: ParagraphMiniSearch;
	readonly #statistics: TermStatistics;
	readonly #ranker: Ranker;
	// MiniSearch tokenizes each field itself; we analyze the text first for the statistics, so the text
	// field's terms are handed over instead of being computed twice.
	#pending: { text: string; terms: string[] } | null = null;

	private constructor(statistics: TermStatistics, packed?: PackedIndex) {
		const options: Options<IndexedParagraph> = {
			...INDEX_OPTIONS,
			tokenize: (text) => (this.#pending?.text === text ? this.#pending.terms : analyzeTerms(text)),
			// Terms arrive already analyzed.
			processTerm: (term) => term,
		};
		this.#miniSearch = packed ? ParagraphMiniSearch.unpack(packed, options, SCORING) : new ParagraphMiniSearch(options, SCORING);
		this.#statistics = statistics;
		this.#ranker = new Ranker(this.#miniSearch, COMMON_TERMS);
	}

	static build(articles: Iterable<Article>): ParagraphIndex {
		const index = new ParagraphIndex(new TermStatistics());
		index.add(articles);
		return index;
	}

	/** Throws if the snapshot does not fit these index options; the caller then rebuilds. */
	static fromSnapshot(snapshot: IndexSnapshot): ParagraphIndex {
		return new ParagraphIndex(TermStatistics.unpack(snapshot.statistics), snapshot.index);
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

	/** See `Ranker` for which paragraphs are ranked; `total` counts them. */
	search(terms: readonly QueryTerm[], limit: number, offset = 0): SearchResults {
		if (terms.length === 0) return { hits: [], total: 0 };
		const { top, candidates } = this.#ranker.rank(terms, offset + limit);
		const hits = top.slice(offset).map(({ shortId, score, matched }) => ({ id: this.#miniSearch.externalId(shortId), score, matched }));
		return { hits, total: candidates };
	}

	toSnapshot(): IndexSnapshot {
		return { index: this.#miniSearch.pack(), statistics: this.#statistics.pack() };
	}
}
