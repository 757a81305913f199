import type { Article } from '../corpus/types.js';
import { bodyHas, paragraphTerms } from './articleTerms.js';
import { rareParagraphLimit } from './corroboration.js';
import type { Library } from './library.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';

/** Two documents cover the same event when they share at least this many rare terms (names, places). */
const SHARED_RARE_TERMS = 3;

function isRare(library: Library, term: string): boolean {
	const { statistics } = library.index;
	return statistics.documentFrequency(term) <= rareParagraphLimit(statistics.paragraphCount);
}

// Rarity depends on the whole corpus, so an article's rare terms are kept per corpus state (replaced on refresh).
const rareTermsCache = new WeakMap<Library, RecentArticles<Set<string>>>();

/** The rare terms of the article's body. */
function rareTerms(library: Library, article: Article): Set<string> {
	let cache = rareTermsCache.get(library);
	if (!cache) rareTermsCache.set(library, (cache = new RecentArticles(RECENT_ARTICLES)));
	return cache.get(article, () => new Set(paragraphTerms(article).flatMap((terms) => [...terms.keys()].filter((term) => isRare(library, term)))));
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
