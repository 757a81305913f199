import type { Article } from '../corpus/types.js';
import { analyzeTerms } from '../search/analyzer.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';

const byParagraph = new RecentArticles<Set<string>[]>(RECENT_ARTICLES);

/** The search terms of each paragraph, in paragraph order. */
export function paragraphTerms(article: Article): Set<string>[] {
	return byParagraph.get(article, ({ paragraphs }) => paragraphs.map((paragraph) => new Set(analyzeTerms(paragraph.text))));
}

const countsByParagraph = new RecentArticles<Array<ReadonlyMap<string, number> | undefined>>(RECENT_ARTICLES);

/**
 * How often each search term occurs in one paragraph (1-based): counted for each paragraph only when first asked
 * for, since a question re-ranks paragraphs of many articles it reads no further.
 */
export function paragraphTermCounts(article: Article, paragraph: number): ReadonlyMap<string, number> {
	const paragraphs = countsByParagraph.get(article, () => []);
	let counts = paragraphs[paragraph - 1];
	if (!counts) {
		const counted = new Map<string, number>();
		for (const term of analyzeTerms(article.paragraphs[paragraph - 1]!.text)) counted.set(term, (counted.get(term) ?? 0) + 1);
		paragraphs[paragraph - 1] = counts = counted;
	}
	return counts;
}

const byTitle = new RecentArticles<string[]>(RECENT_ARTICLES);

/** The search terms of the title: every paragraph of the article a question retrieves weighs them again. */
export function titleTerms(article: Article): string[] {
	return byTitle.get(article, ({ title }) => analyzeTerms(title));
}

/**
 * A test of whether the article's body holds a term. It asks the paragraphs' sets rather than one set of the
 * whole body: built for every article a question touches, those were most of the garbage a long-running bot made.
 */
export function bodyHas(article: Article): (term: string) => boolean {
	const paragraphs = paragraphTerms(article);
	return (term) => paragraphs.some((terms) => terms.has(term));
}
