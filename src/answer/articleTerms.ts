import type { Article } from '../corpus/types.js';
import { analyzeTerms } from '../search/analyzer.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';

const byParagraph = new RecentArticles<Set<string>[]>(RECENT_ARTICLES);
const byArticle = new RecentArticles<Set<string>>(RECENT_ARTICLES);

/** The search terms of each paragraph, in paragraph order. */
export function paragraphTerms(article: Article): Set<string>[] {
	return byParagraph.get(article, ({ paragraphs }) => paragraphs.map((paragraph) => new Set(analyzeTerms(paragraph.text))));
}

/** Every search term of the article's body. */
export function articleTerms(article: Article): Set<string> {
	return byArticle.get(article, () => new Set(paragraphTerms(article).flatMap((paragraph) => [...paragraph])));
}
