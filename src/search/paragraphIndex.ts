import type { Article } from '../corpus/types.js';
import { analyzeTerms } from './analyzer.js';
import { COMMON_TERMS, EXPANSION, INDEX_OPTIONS, SCORING, TITLE_FIELD } from './indexOptions.js';
import { Ranker } from './ranking.js';
import { type AnalyzedParagraph, type PackedIndex, ParagraphMiniSearch } from './paragraphMiniSearch.js';
import { documentOf, paragraphId, type QueryTerm, type SearchIndex, type SearchOptions, type SearchResults, type TermFrequencies } from './searchIndex.js';

function analyzed(article: Article): AnalyzedParagraph[] {
	return article.paragraphs.map(({ number, text, section }) => ({
		id: paragraphId(article.id, number),
		terms: analyzeTerms(text),
		sectionTerms: section === null ? null : analyzeTerms(section),
	}));
}

/** Terms counted per set of paragraphs (see `#frequencyAmong`); past this the count starts afresh. */
const MAX_COUNTED_TERMS = 20_000;

/**
 * The search side of the engine, behind a narrow surface (build, add, remove, search, snapshot), so that an
 * archive that outgrows one process can move to another engine without touching the answer code.
 */
export class ParagraphIndex implements SearchIndex {
	readonly #miniSearch: ParagraphMiniSearch;
	readonly #ranker: Ranker;
	/** Paragraph counts per term, read from the postings. */
	readonly statistics: TermFrequencies;

	private constructor(miniSearch = new ParagraphMiniSearch(INDEX_OPTIONS, SCORING, TITLE_FIELD)) {
		this.#miniSearch = miniSearch;
		this.#ranker = new Ranker(miniSearch, COMMON_TERMS);
		this.statistics = {
			get paragraphCount() {
				return miniSearch.documentCount;
			},
			documentFrequency: (term) => miniSearch.documentFrequency(term),
			// BM25's smoothed IDF; an unknown term gets the highest weight, since it is the most specific.
			idf: (term) => {
				const frequency = miniSearch.documentFrequency(term);
				return Math.log(1 + (miniSearch.documentCount - frequency + 0.5) / (frequency + 0.5));
			},
		};
	}

	static build(articles: Iterable<Article>): ParagraphIndex {
		const index = new ParagraphIndex();
		index.add(articles);
		return index;
	}

	/** Throws if the snapshot does not fit these index options; the caller then rebuilds. */
	static fromSnapshot(packed: PackedIndex): ParagraphIndex {
		return new ParagraphIndex(ParagraphMiniSearch.unpack(packed, INDEX_OPTIONS, SCORING, TITLE_FIELD));
	}

	/**
	 * A new index with the changes applied, built beside this one, which goes on serving exactly as it was (a failure
	 * partway leaves it untouched): the engine swaps the new one in when it is complete. Costs the changed articles,
	 * not a rebuild. Call it on the live index only: it retires the index this one was made from (see `fork`).
	 */
	withChanges({ remove, add }: { remove: readonly Article[]; add: readonly Article[] }): ParagraphIndex {
		if (remove.length === 0 && add.length === 0) return this;
		const next = new ParagraphIndex(this.#miniSearch.fork());
		next.remove(remove);
		next.add(add);
		return next;
	}

	/** Changes this index in place: for one no question reads yet (a live index changes through `withChanges`). */
	add(articles: Iterable<Article>): void {
		this.#paragraphsWithin = new WeakMap();
		for (const article of articles) this.#miniSearch.addArticle(analyzed(article), analyzeTerms(article.title));
	}

	/** Removes articles as they were indexed (their terms are analyzed again to find their postings). */
	remove(articles: Iterable<Article>): void {
		this.#paragraphsWithin = new WeakMap();
		for (const article of articles) this.#miniSearch.removeArticle(analyzed(article), analyzeTerms(article.title));
	}

	/**
	 * Decides how each term may match. A term the corpus (or the documents `within`) knows well is matched exactly; a
	 * rare or unknown one (likely a misspelled name: "Dumayar", "Masood") also by edit distance and prefix. Within a
	 * story, "Abdul" is unknown and meets "Abdel", however often an archive around the story uses it.
	 */
	planQuery(terms: readonly string[], { within }: Pick<SearchOptions, 'within'> = {}): QueryTerm[] {
		const paragraphs = within && this.#paragraphsOf(within);
		const frequency = (term: string) => (paragraphs ? this.#frequencyAmong(term, paragraphs) : this.#miniSearch.documentFrequency(term));
		return [...new Set(terms)].map((term) => {
			const paragraphCount = frequency(term);
			const rare = paragraphCount <= EXPANSION.maxDocumentFrequency;
			const fuzzy = !rare || term.length < EXPANSION.minFuzzyLength ? 0 : term.length >= EXPANSION.twoEditsFromLength ? 2 : 1;
			const prefix = rare && term.length >= EXPANSION.minPrefixLength && !/^\d+$/.test(term);
			return { term, fuzzy, prefix, paragraphs: paragraphCount };
		});
	}

	/** See `Ranker` for which paragraphs are ranked; `total` counts them. */
	search(terms: readonly QueryTerm[], limit: number, { offset = 0, within }: SearchOptions = {}): SearchResults {
		if (terms.length === 0) return { hits: [], total: 0 };
		const { top, candidates } = this.#ranker.rank(terms, offset + limit, within && this.#paragraphsOf(within));
		const hits = top.slice(offset).map(({ shortId, score, matched }) => ({ id: this.#miniSearch.externalId(shortId), score, matched }));
		return { hits, total: candidates };
	}

	/**
	 * A story is asked about with the same set of documents question after question (and several times within one),
	 * so their paragraphs are looked up once per set until the index changes.
	 */
	#paragraphsWithin = new WeakMap<ReadonlySet<string>, number[]>();

	/** Short ids of the documents' paragraphs. */
	#paragraphsOf(documents: ReadonlySet<string>): number[] {
		let paragraphs = this.#paragraphsWithin.get(documents);
		if (!paragraphs) {
			paragraphs = [...documents].flatMap((doc) => this.#miniSearch.articleParagraphs(paragraphId(doc, 1)));
			this.#paragraphsWithin.set(documents, paragraphs);
		}
		return paragraphs;
	}

	/**
	 * How many of the paragraphs hold the term, kept per set of paragraphs (which goes when the index changes): a
	 * question about the story counts its words and every WordNet relative of them among the story's paragraphs, a
	 * lookup per paragraph each, and the next question about the story asks about most of the same words.
	 */
	#countsAmong = new WeakMap<readonly number[], Map<string, number>>();

	#frequencyAmong(term: string, paragraphs: readonly number[]): number {
		let counts = this.#countsAmong.get(paragraphs);
		if (!counts || counts.size >= MAX_COUNTED_TERMS) this.#countsAmong.set(paragraphs, (counts = new Map()));
		let count = counts.get(term);
		if (count === undefined) counts.set(term, (count = this.#miniSearch.documentFrequencyAmong(term, paragraphs)));
		return count;
	}

	*documentsSharingRareTerms(maxParagraphs: number): Generator<string[]> {
		const documents = new Map<number, string>();
		const documentAt = (start: number) => {
			let id = documents.get(start);
			if (id === undefined) documents.set(start, (id = documentOf(this.#miniSearch.externalId(start))));
			return id;
		};
		for (const starts of this.#miniSearch.articlesSharingRareTerms(maxParagraphs)) yield starts.map(documentAt);
	}

	/** See `ParagraphMiniSearch.pack`: null when the index changed while it was being packed. */
	toSnapshot(): Promise<PackedIndex | null> {
		return this.#miniSearch.pack();
	}
}
