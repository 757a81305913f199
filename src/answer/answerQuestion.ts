import { analyzeTerms } from '../search/analyzer.js';
import { findConflicts } from './conflicts.js';
import { type Evidence, gatherEvidence, type ScoredSentence } from './evidence.js';
import { citationFor, type Library } from './library.js';
import { type AnalyzedQuestion, analyzeQuestion } from './question.js';
import type { Answer, Quote } from './types.js';

/**
 * When the corpus is taken to answer. The conditions are on the best sentence: the paragraph around it must hold
 * most of the question's meaning, the sentence itself a fair part of it, and, when the question asks for a kind
 * of thing (an age, a date, a place), the sentence must hold one. A question whose specific words the corpus never
 * uses ("capital of France") falls below the first; "How old was he?" with no age anywhere, below the last.
 */
export const ABSTENTION = { minContext: 0.44, minCoverage: 0.2 } as const;

const MAX_QUOTES = 6;
const MAX_QUOTES_PER_PARAGRAPH = 2;
const MAX_RELATED = 3;
/** Further quotes must score at least this share of the best one, or they are related material, not answers. */
const QUOTE_SCORE_SHARE = 0.6;

export const NOT_COVERED = 'The corpus does not cover this.';

// A sentence that opens on a pronoun leans on the one before; quoting both keeps the quote self-explanatory.
const LEANS_ON_PREVIOUS = /^[“"]?(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|The group)\b/;

function quoteOf(candidate: ScoredSentence): Quote {
	const { located, sentences, position, extendTo } = candidate;
	const sentence = sentences[position]!;
	const leans = position > 0 && LEANS_ON_PREVIOUS.test(sentence.text);
	const first = extendTo === 'previous' || leans ? sentences[position - 1]! : sentence;
	const last = extendTo === 'next' ? sentences[position + 1]! : sentence;
	return { text: located.paragraph.text.slice(first.start, last.end), citation: citationFor(located), score: candidate.score };
}

/** Best sentences first, without repeating a text (archives hold duplicate articles) or crowding one paragraph. */
function pickQuotes(candidates: readonly ScoredSentence[], limit: number, accept: (candidate: ScoredSentence) => boolean): Quote[] {
	const quotes: Quote[] = [];
	const texts = new Set<string>();
	const perParagraph = new Map<string, number>();
	for (const candidate of candidates) {
		if (quotes.length >= limit) break;
		if (!accept(candidate)) continue;
		const quote = quoteOf(candidate);
		const paragraphKey = `${quote.citation.doc}#${quote.citation.paragraph}`;
		const count = perParagraph.get(paragraphKey) ?? 0;
		if (texts.has(quote.text) || count >= MAX_QUOTES_PER_PARAGRAPH) continue;
		if (quotes.some((other) => other.citation.doc === quote.citation.doc && other.citation.paragraph === quote.citation.paragraph && (other.text.includes(quote.text) || quote.text.includes(other.text)))) continue;
		texts.add(quote.text);
		perParagraph.set(paragraphKey, count + 1);
		quotes.push(quote);
	}
	return quotes;
}

function answers(evidence: Evidence): boolean {
	const best = evidence.sentences[0];
	return best !== undefined && best.context >= ABSTENTION.minContext && best.coverage >= ABSTENTION.minCoverage && best.answerType > 0;
}

/**
 * The story is asked first: the documents other publishers corroborate, when there are others around them. Only
 * when they do not answer is the whole corpus asked, so an archive loaded beside a story can answer what the story
 * does not cover, but never outvote it with a paragraph that happens to share more of a vague question's words.
 */
function evidenceFor(library: Library, question: AnalyzedQuestion): { evidence: Evidence; answered: boolean } {
	const { corroborated, articles } = library;
	const story = corroborated.size > 0 && corroborated.size < articles.size ? gatherEvidence(library, question, corroborated) : null;
	if (story && answers(story)) return { evidence: story, answered: true };
	const everything = gatherEvidence(library, question);
	if (answers(everything)) return { evidence: everything, answered: true };
	// The passages shown with a refusal are the story's nearest, when it has any.
	return { evidence: story && story.sentences.some((sentence) => sentence.coverage > 0) ? story : everything, answered: false };
}

export function answerQuestion(library: Library, question: string): Answer {
	const analyzed = analyzeQuestion(question);
	const base = { question: analyzed.text, expects: analyzed.expects, conflicts: [] };
	if (analyzed.terms.length === 0) {
		return { ...base, outcome: 'not-covered', answered: false, reason: 'The question has no words specific enough to look for; name who or what you are asking about.', quotes: [], related: [] };
	}
	const { evidence, answered } = evidenceFor(library, analyzed);
	if (!answered) {
		const related = pickQuotes(evidence.sentences, MAX_RELATED, (candidate) => candidate.coverage > 0);
		return { ...base, outcome: 'not-covered', answered: false, reason: NOT_COVERED, quotes: [], related };
	}
	const threshold = evidence.sentences[0]!.score * QUOTE_SCORE_SHARE;
	const quotes = pickQuotes(evidence.sentences, MAX_QUOTES, (candidate) => candidate.score >= threshold && candidate.coverage > 0);
	const quoted = new Set(quotes.map((quote) => `${quote.citation.doc}#${quote.citation.paragraph}`));
	const related = pickQuotes(
		evidence.sentences.filter((candidate) => !quoted.has(`${candidate.located.article.id}#${candidate.located.paragraph.number}`)),
		MAX_RELATED,
		(candidate) => candidate.coverage > 0,
	);
	// Dates and numbers are compared on what the question is about, and, when it asks "when" or "how many", on what
	// the top quotes are about. Names are compared as the top quote spells them, and as the next quotes spell the
	// names the question asks about. Wider than this, nearly every answer would carry the same notice, and a
	// notice on everything is read as noise.
	const asksForValue = analyzed.expects === 'time' || analyzed.expects === 'quantity';
	const subjects = new Set([...analyzed.terms, ...(asksForValue ? quotes.slice(0, 3).flatMap((quote) => analyzeTerms(quote.text)) : [])]);
	const conflicts = findConflicts(library, evidence.documents, subjects, quotes.slice(0, 3), new Set(analyzed.terms));
	return { ...base, outcome: 'answered', answered: true, reason: null, quotes, conflicts, related };
}
