import { ErrorCodes, UserFacingError } from '../errors.js';
import { analyze, analyzeTerms } from '../search/analyzer.js';
import { citationFor, type Library, locateParagraph } from './library.js';
import { validateQuestion } from './question.js';
import type { ParagraphHit } from './types.js';

/** Paragraphs ranked for a query, with the words that matched marked by offsets into the verbatim text. */
export function searchParagraphs(library: Library, query: string, limit: number, offset = 0): { hits: ParagraphHit[]; total: number } {
	const terms = analyzeTerms(validateQuestion(query, 'search'));
	if (terms.length === 0) return { hits: [], total: 0 };
	const { within } = library;
	const { hits, total } = library.index.search(library.index.planQuery(terms, { within }), limit, { offset, within });
	return {
		total,
		hits: hits.flatMap((hit) => {
			const located = locateParagraph(library, hit.id);
			if (!located) return [];
			const matched = new Set(hit.matched);
			const highlights = analyze(located.paragraph.text)
				.filter((token) => matched.has(token.term))
				.map(({ start, end }) => ({ start, end }));
			return [{ text: located.paragraph.text, citation: citationFor(located), score: hit.score, highlights }];
		}),
	};
}

/** One paragraph, verbatim, by its citation. */
export function quoteParagraph(library: Library, doc: string, paragraph: number): ParagraphHit {
	const article = library.articles.get(doc);
	if (!article) throw new UserFacingError(ErrorCodes.UnknownDocument, `There is no document "${doc}" in the corpus; the sources list shows every document.`);
	const located = locateParagraph(library, `${doc}#${paragraph}`);
	if (!located || !Number.isInteger(paragraph)) {
		throw new UserFacingError(ErrorCodes.UnknownParagraph, `"${doc}" has paragraphs 1 to ${article.paragraphs.length}; there is no paragraph ${paragraph}.`);
	}
	return { text: located.paragraph.text, citation: citationFor(located), score: 1, highlights: [] };
}
