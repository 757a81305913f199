import { answerAnalyzed } from './answerQuestion.js';
import type { Library } from './library.js';
import { type AnalyzedQuestion, analyzeQuestion, expectedAnswerType } from './question.js';
import { LIGHT_TERMS } from './questionWords.js';
import { resolveTerms } from './questionTerms.js';
import type { Answer, ContinuedFrom } from './types.js';

/**
 * A question that stands on its own names at least two things the corpus knows: what it is about and what it asks
 * of it ("Who was *killed* in the *raid*?"). With fewer, one of them is left to the question before it: "what about
 * his *mother*?" names the detail but not whose, "and the date?" names neither (date is a light term).
 */
const SUBJECT_TERMS_TO_STAND_ALONE = 2;

/** Earlier questions are kept this far back: a follow-up leans on the one before it, which leans on its own. */
const MAX_EARLIER_QUESTIONS = 5;

export interface FollowUpQuestion {
	analyzed: AnalyzedQuestion;
	continuedFrom: ContinuedFrom;
}

type Word = AnalyzedQuestion['words'][number];

interface Subject {
	/** Words that name what the question is about and that the corpus knows, as typed or by a corrected spelling or alias. */
	known: Word[];
	/** Content words the corpus knows in no spelling: the question names something it does not cover. */
	unknown: Word[];
}

/** The question's content words: not light (those phrase a question, see `LIGHT_TERMS`), split by whether the corpus knows them. */
function subjectOf(library: Library, question: AnalyzedQuestion): Subject {
	const { terms, standIns } = resolveTerms(library, question);
	const sameThing = new Set(standIns.filter(({ kind }) => kind === 'spelling' || kind === 'alias').map(({ standsFor }) => standsFor));
	const content = new Set(terms.filter((term) => !LIGHT_TERMS.has(term)));
	const subject: Subject = { known: [], unknown: [] };
	for (const word of question.words) {
		if (!content.delete(word.term)) continue;
		const known = library.index.statistics.documentFrequency(word.term) > 0 || sameThing.has(word.term);
		subject[known ? 'known' : 'unknown'].push(word);
	}
	return subject;
}

// What opens a clipped follow-up before the noun that says what it asks for: "and the date?", "what about his name?".
const CLIPPED_OPENING = /^(?:(?:and|so|but|then|also)\s+)?(?:(?:what|how)\s+about\s+)?(?:(?:the|his|her|their|its|that|this)\s+)?/i;

/**
 * "and the date?" asks for a date as "what date?" does, though it has no question word to say so. Read only when
 * the follow-up as typed expects nothing in particular, so a follow-up with its own question word keeps its reading.
 */
function expectsOfClipped(question: AnalyzedQuestion): AnalyzedQuestion['expects'] {
	if (question.expects !== 'other') return question.expects;
	return expectedAnswerType(`what ${question.text.replace(CLIPPED_OPENING, '')}`);
}

/** `question`, searched with the subject words of `earlier` it lacks when it has too few of its own. */
function continueFrom(library: Library, earlier: AnalyzedQuestion, question: AnalyzedQuestion): FollowUpQuestion {
	const subject = subjectOf(library, question);
	// A follow-up naming something the corpus lacks ("what about his nephew?") is answered as asked: borrowed words
	// would find passages about the earlier subject and pass them off as about the new one.
	if (subject.known.length >= SUBJECT_TERMS_TO_STAND_ALONE || subject.unknown.length > 0) {
		return { analyzed: question, continuedFrom: { question: earlier.text, borrowed: [] } };
	}
	const own = new Set(question.terms);
	const borrowed = subjectOf(library, earlier).known.filter(({ term }) => !own.has(term));
	const analyzed: AnalyzedQuestion = {
		...question,
		expects: expectsOfClipped(question),
		// The one thing the follow-up names is what it asks about ("his *mother*"); the borrowed words only say whose.
		focus: question.focus ?? subject.known[0]?.term ?? null,
		terms: [...question.terms, ...borrowed.map(({ term }) => term)],
		words: [...question.words, ...borrowed],
		// With no subject of its own ("and the date?"), the borrowed words are its whole subject and weigh fully.
		...(subject.known.length > 0 ? { borrowed: new Set(borrowed.map(({ term }) => term)) } : {}),
	};
	return { analyzed, continuedFrom: { question: earlier.text, borrowed: borrowed.map(({ word }) => word) } };
}

/**
 * Reads `question` in the context of the questions before it (oldest first, the last one being the question it
 * follows up). Each earlier question is itself read in the context of the ones before it, so "and the date?" after
 * "what about his mother?" after "Who was killed in the raid?" still knows which raid. The follow-up's own focus is
 * kept: the detail an earlier question asked for is not what this one asks.
 */
export function analyzeFollowUp(library: Library, question: string, earlier: readonly [string, ...string[]]): FollowUpQuestion {
	const [first, ...rest] = earlier.slice(-MAX_EARLIER_QUESTIONS) as [string, ...string[]];
	let context = analyzeQuestion(first);
	for (const text of rest) context = continueFrom(library, context, analyzeQuestion(text)).analyzed;
	return continueFrom(library, context, analyzeQuestion(question));
}

/** The answer to a follow-up, saying which question it continued from. */
export function answerFollowUp(library: Library, question: string, earlier: readonly [string, ...string[]]): Answer {
	const { analyzed, continuedFrom } = analyzeFollowUp(library, question, earlier);
	return { ...answerAnalyzed(library, analyzed), continuedFrom };
}
