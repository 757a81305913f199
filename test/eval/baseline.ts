/**
 * The plain BM25 baseline every figure is compared with, run in the same evaluation: MiniSearch with its default
 * options over paragraphs, asked the raw question; the answer is the sentence of the top paragraph that shares the
 * most words with the question. It never refuses. What the engine adds (analysis, the lexical bridge, fitted
 * ranking, abstention) is worth what it beats this by.
 */
import MiniSearch from 'minisearch';
import { splitSentences } from '../../src/answer/sentences.js';
import type { Answer, Citation } from '../../src/answer/types.js';
import type { Article } from '../../src/corpus/types.js';
import type { EvalEngine } from './evaluate.js';

interface BaselineParagraph {
	id: string;
	text: string;
	article: Article;
	number: number;
}

function words(text: string): Set<string> {
	return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function citation(paragraph: BaselineParagraph): Citation {
	const { article, number } = paragraph;
	return { doc: article.id, paragraph: number, title: article.title, publisher: article.publisher, date: article.date, url: article.url, section: null };
}

export function baselineEngine(articles: readonly Article[]): EvalEngine {
	const paragraphs = new Map<string, BaselineParagraph>();
	for (const article of articles) {
		for (const paragraph of article.paragraphs) {
			const id = `${article.id}#${paragraph.number}`;
			paragraphs.set(id, { id, text: paragraph.text, article, number: paragraph.number });
		}
	}
	const miniSearch = new MiniSearch<BaselineParagraph>({ fields: ['text'] });
	miniSearch.addAll([...paragraphs.values()]);
	return {
		answer(question: string): Answer {
			const top = miniSearch.search(question)[0];
			const paragraph = top && paragraphs.get(top.id as string);
			const base = { question, expects: 'other' as const, conflicts: [], related: [] };
			if (!paragraph) return { ...base, answered: false, outcome: 'not-covered', reason: 'no match', quotes: [] };
			const asked = words(question);
			let best = { text: paragraph.text, shared: -1 };
			for (const sentence of splitSentences(paragraph.text)) {
				const shared = [...words(sentence.text)].filter((word) => asked.has(word)).length;
				if (shared > best.shared) best = { text: sentence.text, shared };
			}
			return { ...base, answered: true, outcome: 'answered', reason: null, quotes: [{ text: best.text, citation: citation(paragraph), score: top.score }] };
		},
		quote(doc: string, number: number) {
			const paragraph = paragraphs.get(`${doc}#${number}`);
			if (!paragraph) throw new Error(`no paragraph ${doc} ¶${number}`);
			return { text: paragraph.text, citation: citation(paragraph), score: 0, highlights: [] };
		},
	};
}
