import { analyzeTerms } from '../search/analyzer.js';
import { findConflicts } from './conflicts.js';
import { type Evidence, gatherEvidence, matchedShare, type ScoredSentence, VALUE_TYPES } from './evidence.js';
import { citationFor, type Library, storyDocumentsOf } from './library.js';
import { type AnalyzedQuestion, analyzeQuestion } from './question.js';
import { model } from './ranking/model.js';
import type { Answer, AnswerOutcome, Quote } from './types.js';

const MAX_QUOTES = 6;
const MAX_QUOTES_PER_PARAGRAPH = 2;
const MAX_RELATED = 3;

export const NOT_COVERED = 'The corpus does not cover this.';
export const CLOSEST = 'The corpus may not answer this; these are the closest passages.';

// A sentence that opens on a pronoun leans on the one before; quoting both keeps the quote self-explanatory.
const LEANS_ON_PREVIOUS = /^[“"]?(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|The group)\b/;

export function quoteOf(candidate: ScoredSentence): Quote {
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

/**
 * What the best sentence's fitted probability says: the thresholds are chosen by `npm run fit` on the tuning
 * stories, so that answers given as answers are right at least 90% of the time, and a refusal means the question's
 * subject, or the detail it asks for, is in no matching sentence.
 */
export function outcomeOf(evidence: Evidence, thresholds = model.thresholds): AnswerOutcome {
	const best = evidence.sentences[0];
	if (!best || !matchesClosely(best)) return 'not-covered';
	return best.confidence >= thresholds.answered ? 'answered' : best.confidence >= thresholds.closest ? 'closest' : 'not-covered';
}

/**
 * Whether a sentence shares a question term as written, misspelt or through a synonym, alias or derived form. A
 * sentence linked to the question only through a hypernym ("team" → "unit", met in "United States") is loosely
 * related, never the closest passage to an answer.
 */
function matchesClosely({ features }: ScoredSentence): boolean {
	return features.exact + features.expanded + features.close > 0;
}

const OUTCOME_RANK: Record<AnswerOutcome, number> = { answered: 2, closest: 1, 'not-covered': 0 };

/**
 * The story is asked first: the documents other publishers corroborate, when there are others around them. Only
 * when they do not answer is the whole corpus asked, so an archive loaded beside a story can answer what the story
 * does not cover, but never outvote it with a paragraph that happens to share more of a vague question's words.
 */
function evidenceFor(library: Library, question: AnalyzedQuestion): { evidence: Evidence; outcome: AnswerOutcome } {
	const storyDocuments = storyDocumentsOf(library);
	const story = storyDocuments && gatherEvidence(library, question, storyDocuments);
	const storyOutcome = story && outcomeOf(story);
	if (story && storyOutcome === 'answered') return { evidence: story, outcome: storyOutcome };
	const everything = gatherEvidence(library, question);
	const outcome = outcomeOf(everything);
	if (story && storyOutcome && OUTCOME_RANK[storyOutcome] >= OUTCOME_RANK[outcome]) return { evidence: story, outcome: storyOutcome };
	// An uncorroborated paragraph outvotes the story's own closest passages only when it is surer than they are
	// even at the weight uncorroborated evidence gets (see UNCORROBORATED_FACTOR).
	const best = everything.sentences[0];
	const storyConfidence = story?.sentences[0]?.confidence ?? 0;
	if (story && storyOutcome === 'closest' && best && best.confidence * best.features.support < storyConfidence) return { evidence: story, outcome: storyOutcome };
	return { evidence: everything, outcome };
}

/** A sentence that shares something with the question: the only kind worth showing. */
function matchesSomething(candidate: ScoredSentence): boolean {
	return matchedShare(candidate.features) > 0;
}

export function answerQuestion(library: Library, question: string): Answer {
	return answerAnalyzed(library, analyzeQuestion(question));
}

/** Answers a question already analyzed, or read in the context of an earlier one (see `analyzeFollowUp`). */
export function answerAnalyzed(library: Library, analyzed: AnalyzedQuestion): Answer {
	const base = { question: analyzed.text, expects: analyzed.expects, conflicts: [] };
	if (analyzed.terms.length === 0) {
		return { ...base, outcome: 'not-covered', answered: false, reason: 'The question has no words specific enough to look for; name who or what you are asking about.', quotes: [], related: [] };
	}
	const { evidence, outcome } = evidenceFor(library, analyzed);
	if (outcome === 'not-covered') {
		const related = pickQuotes(evidence.sentences, MAX_RELATED, matchesSomething);
		return { ...base, outcome, answered: false, reason: NOT_COVERED, quotes: [], related };
	}
	// Further quotes must clear the fitted bar for a closest passage, or they are related material, not answers.
	const threshold = model.thresholds.closest;
	const answered = outcome === 'answered';
	const quotes = pickQuotes(evidence.sentences, MAX_QUOTES, (candidate) => candidate.confidence >= threshold && matchesSomething(candidate));
	const quoted = new Set(quotes.map((quote) => `${quote.citation.doc}#${quote.citation.paragraph}`));
	const related = pickQuotes(
		evidence.sentences.filter((candidate) => !quoted.has(`${candidate.located.article.id}#${candidate.located.paragraph.number}`)),
		MAX_RELATED,
		matchesSomething,
	);
	// Dates and numbers are compared on what the question is about, and, when it asks for a value (VALUE_TYPES), on what
	// any of its quotes is about (the date asked for is often in a quote below the first). Names are compared as the
	// top quote spells them, and as the next quotes spell the names the question asks about. Wider than this, nearly
	// every answer would carry the same notice, and a notice on everything is read as noise.
	const asksForValue = VALUE_TYPES.has(analyzed.expects);
	// The headline names the event a story is about: "when was he killed" is asked of the raid its headline reports.
	// Only of a date: a count asked for ("how many caches…") is rarely the event's.
	const headline = analyzed.expects === 'time' && quotes[0] ? analyzeTerms(quotes[0].citation.title) : [];
	const subjects = new Set([...analyzed.terms, ...(asksForValue ? quotes.flatMap((quote) => analyzeTerms(quote.text)) : []), ...headline]);
	const conflicts = findConflicts(library, evidence.documents, subjects, quotes.slice(0, 3), new Set(analyzed.terms));
	return { ...base, outcome, answered, reason: answered ? null : CLOSEST, quotes, conflicts, related };
}
