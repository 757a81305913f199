import { ErrorCodes, UserFacingError } from '../errors.js';
import { analyzeTerms } from '../search/analyzer.js';
import type { ExpectedAnswerType } from './types.js';

/** Longer than any real question; Discord's own option caps it at 300. */
export const MAX_QUESTION_LENGTH = 1_000;

export interface AnalyzedQuestion {
	text: string;
	expects: ExpectedAnswerType;
	/** Search terms, in question order, without duplicates. */
	terms: string[];
}

const ANSWER_TYPE_CUES: ReadonlyArray<[ExpectedAnswerType, RegExp]> = [
	['time', /\b(?:when|what (?:time|date|day|year|month)|which (?:day|date|year|month)|how long ago)\b/i],
	['quantity', /\b(?:how (?:many|much|old)|what (?:number|percentage|share|proportion|amount))\b/i],
	['place', /\b(?:where|(?:what|which) (?:town|city|village|country|region|province|place|area|part of)|name of the (?:town|city|village|country|region|province|place|area))\b/i],
	['organization', /\b(?:what|which) (?:group|organi[sz]ation|agency|force|forces|faction|militia|company|monitor|think tank|news agency|ministry|government)\b/i],
	['person', /\b(?:who|whom|whose|(?:what|which) (?:official|officials|person|man|woman|director|leader|president)|name)\b/i],
];

// C0 and C1 control characters; tabs are harmless and are allowed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

/** Rejects input that cannot be a question (or search, or claim), with a message the user can act on. */
export function validateQuestion(question: string, noun = 'question', maxLength = MAX_QUESTION_LENGTH): string {
	const text = question.trim();
	if (CONTROL_CHARACTERS.test(text)) {
		throw new UserFacingError(ErrorCodes.QuestionControlCharacters, `The ${noun} contains control characters; please type it as plain text.`);
	}
	if (text.length > maxLength) {
		throw new UserFacingError(ErrorCodes.QuestionTooLong, `The ${noun} is too long (${text.length} characters); keep it under ${maxLength}.`);
	}
	if (!/[\p{L}\p{N}]/u.test(text)) throw new UserFacingError(ErrorCodes.QuestionEmpty, `Please type a ${noun} with words in it.`);
	return text;
}

/** The answer type is decided by the earliest cue, so "Who said when…" asks for a person. */
export function expectedAnswerType(question: string): ExpectedAnswerType {
	let best: { type: ExpectedAnswerType; at: number } = { type: 'other', at: Number.POSITIVE_INFINITY };
	for (const [type, cue] of ANSWER_TYPE_CUES) {
		const at = question.search(cue);
		if (at !== -1 && at < best.at) best = { type, at };
	}
	return best.type;
}

export function analyzeQuestion(question: string): AnalyzedQuestion {
	const text = validateQuestion(question);
	return { text, expects: expectedAnswerType(text), terms: [...new Set(analyzeTerms(text))] };
}
