import type { Article } from '../corpus/types.js';
import { analyzeTerms } from '../search/analyzer.js';
import { bodyHas } from './articleTerms.js';
import type { Library } from './library.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';

/** Two documents cover the same event when they share at least this many rare terms (names, places). */
const SHARED_RARE_TERMS = 3;
/** The rare terms of a document used to look for other reports of the same event. */
const PROBE_TERMS = 20;
const PROBE_PARAGRAPHS = 40;
const MAX_RARE_PARAGRAPHS = 25;

/**
 * A term is rare when few paragraphs hold it. The bar rises a little with the corpus, but is capped: the names in a
 * story stay in a few dozen paragraphs however large the archive, while a cap that grew with it would count
 * ordinary words ("Lebanon", "tanker") as rare and let unrelated wire copy corroborate itself.
 */
function isRare(library: Library, term: string): boolean {
	const { statistics } = library.index;
	return statistics.documentFrequency(term) <= Math.min(MAX_RARE_PARAGRAPHS, Math.max(5, statistics.paragraphCount * 0.002));
}

/**
 * For each other document, how many of the article's rare terms it holds: `sameEvent` against every document at
 * once, read from the index's postings (a rare term has a couple of dozen), so no other document is analyzed.
 */
function sharedRareTerms(library: Library, article: Article): Map<string, number> {
	const shared = new Map<string, number>();
	for (const term of rareTerms(library, article)) {
		for (const id of library.index.documentsContaining(term)) if (id !== article.id) shared.set(id, (shared.get(id) ?? 0) + 1);
	}
	return shared;
}

// Rarity depends on the whole corpus, so an article's rare terms are kept per corpus state (replaced on refresh).
const rareTermsCache = new WeakMap<Library, RecentArticles<Set<string>>>();

/** The rare terms of the article's body. */
function rareTerms(library: Library, article: Article): Set<string> {
	let cache = rareTermsCache.get(library);
	if (!cache) rareTermsCache.set(library, (cache = new RecentArticles(RECENT_ARTICLES)));
	// Analyzed afresh rather than through the paragraphs' cached sets: corroboration reads hundreds of articles no
	// question retrieved, and caching all of their terms only to let them go again made most of a long run's garbage.
	return cache.get(article, () => new Set(article.paragraphs.flatMap((paragraph) => analyzeTerms(paragraph.text)).filter((term) => isRare(library, term))));
}

/** Documents that share enough rare terms to be reports of the same event. */
export function sameEvent(library: Library, a: Article, b: Article): boolean {
	const holds = bodyHas(b);
	let shared = 0;
	for (const term of rareTerms(library, a)) {
		if (holds(term) && ++shared >= SHARED_RARE_TERMS) return true;
	}
	return false;
}

// A document's corroboration depends on the whole corpus, so it is cached per corpus state (replaced on refresh).
const corroborationCache = new WeakMap<Library, Map<string, boolean>>();

/**
 * Whether another publisher reports the same event. A story a newsroom follows is usually covered by several
 * sources; a lone article from a bulk archive that happens to share a word with the question usually is not.
 */
export function isCorroborated(library: Library, article: Article): boolean {
	let cache = corroborationCache.get(library);
	if (!cache) corroborationCache.set(library, (cache = new Map()));
	let corroborated = cache.get(article.id);
	if (corroborated === undefined) {
		// Terms found in one paragraph only cannot lead to another document; rare terms found in several can.
		const probe = [...rareTerms(library, article)]
			.filter((term) => library.index.statistics.documentFrequency(term) > 1)
			.sort((a, b) => library.index.statistics.documentFrequency(a) - library.index.statistics.documentFrequency(b))
			.slice(0, PROBE_TERMS)
			.map((term) => ({ term, fuzzy: 0, prefix: false }));
		const candidates = new Set(library.index.search(probe, PROBE_PARAGRAPHS).hits.map((hit) => hit.id.slice(0, hit.id.lastIndexOf('#'))));
		const shared = sharedRareTerms(library, article);
		corroborated = [...candidates].some((id) => {
			const other = library.articles.get(id);
			return other !== undefined && other.id !== article.id && other.publisher !== article.publisher && (shared.get(id) ?? 0) >= SHARED_RARE_TERMS;
		});
		cache.set(article.id, corroborated);
	}
	return corroborated;
}
