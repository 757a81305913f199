import type { Article } from '../corpus/types.js';
import { analyzeTerms } from '../search/analyzer.js';

// Articles are immutable and replaced on change, so their terms can be cached by identity, once for every use.
const byParagraph = new WeakMap<Article, Set<string>[]>();
const byArticle = new WeakMap<Article, Set<string>>();

/** The search terms of each paragraph, in paragraph order. */
export function paragraphTerms(article: Article): Set<string>[] {
	let terms = byParagraph.get(article);
	if (!terms) {
		terms = article.paragraphs.map((paragraph) => new Set(analyzeTerms(paragraph.text)));
		byParagraph.set(article, terms);
	}
	return terms;
}

/** Every search term of the article's body. */
export function articleTerms(article: Article): Set<string> {
	let terms = byArticle.get(article);
	if (!terms) {
		terms = new Set(paragraphTerms(article).flatMap((paragraph) => [...paragraph]));
		byArticle.set(article, terms);
	}
	return terms;
}
