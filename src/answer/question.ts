import { ErrorCodes, UserFacingError } from '../errors.js';
import { analyze, termOf } from '../search/analyzer.js';
import { wordNet } from './bridge/lexicon.js';
import { LIGHT_TERMS } from './questionWords.js';
import type { ExpectedAnswerType } from './types.js';

/** Longer than any real question; Discord's own option caps it at 300. */
export const MAX_QUESTION_LENGTH = 1_000;

export interface AnalyzedQuestion {
	text: string;
	expects: ExpectedAnswerType;
	/** Search terms, in question order, without duplicates. */
	terms: string[];
	/** Each word as typed with its term, for spelling correction. */
	words: Array<{ word: string; term: string }>;
	/**
	 * The term naming the thing asked about, when the question names it ("how many *shells*", "which *judge*",
	 * "what is the *magnitude*", "who was *killed*"): a sentence that lacks it cannot give the detail asked for.
	 */
	focus: string | null;
	/**
	 * A follow-up's terms taken from the question before it, beside a subject of its own (see `analyzeFollowUp`).
	 * They say whose detail is asked for, not which, so like light terms they match at a fraction of their weight.
	 */
	borrowed?: ReadonlySet<string>;
}

const AUXILIARY = 'is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|of|the|a|an';
const FOCUS_CUES = [
	new RegExp(`\\bhow (?:many|much)\\s+(?!(?:${AUXILIARY})\\b)([\\p{L}-]+)`, 'iu'),
	new RegExp(`\\b(?:what|which|whose)\\s+(?!(?:${AUXILIARY})\\b)([\\p{L}-]+)`, 'iu'),
	/\b(?:who|what) (?:is|was|are|were) the ([\p{L}-]+)/iu,
	// "who was killed", "who won": for a person asked about by what they did, the verb names the thing asked about.
	new RegExp(`\\bwho(?:'s| (?:is|was|are|were|has been|had been|got))?\\s+(?!(?:${AUXILIARY}|not)\\b)([\\p{L}-]+)`, 'iu'),
	/\bname of the ([\p{L}-]+)/iu,
];

/** See `AnalyzedQuestion.focus`. */
export function focusOf(question: string): string | null {
	for (const cue of FOCUS_CUES) {
		const word = cue.exec(question)?.[1];
		const term = word === undefined ? null : termOf(word);
		if (term !== null && !LIGHT_TERMS.has(term)) return term;
	}
	return null;
}

// In order: where two cues match at the same place, the first listed wins ("how long ago" is a time, not a duration).
const ANSWER_TYPE_CUES: ReadonlyArray<[ExpectedAnswerType, RegExp]> = [
	['time', /\b(?:when|what (?:time|date|day|year|month)|which (?:day|date|year|month)|how long ago)\b/i],
	['duration', /\b(?:how long|for how long|how many (?:days|weeks|months|years|hours|minutes))\b/i],
	['money', /\b(?:what (?:price|sum|fee|salary|cost)|how much (?:money|cash)|how much (?=(?:did|does|do|is|was|are|were|has|have|had|will|would|could|can|should|extra|more|per)\b)(?=[^?]*\b(?:cost|costs|pay|paid|pays|price|worth|spend|spent|fined?|borrow|owe|owed|charge|charged|salary|fee|funding|compensation|raise|raised|earn|earned|sell|sold|buy|bought|bid|offer|offered|value|valued)\b))/i],
	['quantity', /\b(?:how (?:many|much|old)|what (?:number|percentage|share|proportion|amount))\b/i],
	['reason', /\b(?:why|how come|what (?:was|is|were|are) the reasons?|for what reason)\b/i],
	// "What did X say", and as a request: "remind me what X said", "how GM took the settlement", "what X made of it".
	['statement', /\b(?:what (?:did|does|do|has|have|had|will|would)\b[^?]{0,60}?\b(?:say|tell|call|describe|brand|think|claim|reply|respond|argue|warn|add|make of)|what [^?]{0,40}?\b(?:said|says|told|tells|thinks|thought|argues|argued|claims|claimed|made of|makes of)|how (?:did|does|do|has|have|had)\b[^?]{0,60}?\b(?:react|respond|reply|take|describe|sum up|defend)|how [^?]{0,40}?\b(?:took|reacted|responded|replied|described|summed up|defended|saw|sees|viewed|views)|reactions?|responses?|comments?|quotes?)\b/i],
	['place', /\b(?:where|(?:what|which) (?:town|city|village|country|region|province|place|area|part of)|name of the (?:town|city|village|country|region|province|place|area))\b/i],
	['organization', /\b(?:what|which) (?:group|organi[sz]ation|agency|force|forces|faction|militia|company|monitor|think tank|news agency|ministry|government)\b/i],
	['person', /\b(?:who|whom|whose|(?:what|which) (?:official|officials|person|man|woman|director|leader|president)|name)\b/i],
];

// C0 and C1 control characters; tabs are harmless and are allowed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

/**
 * Invisible format characters (Unicode category Cf): soft hyphens, zero-width spaces and joiners, a BOM, bidi marks.
 * Pasted text carries them inside words ("Dam\u00ADascus"), where they split one word into two that match nothing.
 * Only the question loses them; the corpus, and so every quote, stays verbatim.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Rejects input that cannot be a question (or search, or claim), with a message the user can act on; returns the
 * text to analyze, without its invisible format characters.
 */
export function validateQuestion(question: string, noun = 'question', maxLength = MAX_QUESTION_LENGTH): string {
	const text = question.replace(FORMAT_CHARACTERS, '').trim();
	if (CONTROL_CHARACTERS.test(text)) {
		throw new UserFacingError(ErrorCodes.QuestionControlCharacters, `The ${noun} contains control characters; please type it as plain text.`);
	}
	if (text.length > maxLength) {
		throw new UserFacingError(ErrorCodes.QuestionTooLong, `The ${noun} is too long (${text.length} characters); keep it to ${maxLength} at most.`);
	}
	if (!/[\p{L}\p{N}]/u.test(text)) throw new UserFacingError(ErrorCodes.QuestionEmpty, `Please type a ${noun} with words in it.`);
	return text;
}

// "On what date…", "In which part…": a preposition may come before the question word.
const LEADING_QUESTION_WORD = /^(?:(?:and|so|but|then)\s+)?(?:(?:in|on|at|for|from|to|by|since|until|with|of|about|during)\s+)?(?=(?:what|which|who|whom|whose|when|where|how)\b)/i;
const YES_NO_QUESTION = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must)\b/i;

// A question word a yes/no frame embeds, after the words that introduce it ("anything on why", "say when").
const EMBEDDED_IN_YES_NO = /\b(?:on|about|me|us|know|tell|say|said|says)\s+(what|which|who|whom|whose|when|where|why|how)\b/i;

// Words after which a question word opens an embedded question ("remind me who…", "anything on when…").
const EMBEDS = /(?:^|\b(?:me|us|on|about|know|tell|out|asking|wondering|check|and|or|but|so))\s*$/i;

/**
 * In a request that opens with no question word, "where" or "when" after a noun is a relative clause ("the bit
 * where the union reacted", "the night when…"), not what is asked; after "remind me" or "anything on" it is.
 */
function isRelative(text: string, match: RegExpExecArray): boolean {
	return /^(?:where|when|who|whom|whose)\b/i.test(match[0]) && match.index > 0 && !EMBEDS.test(text.slice(0, match.index));
}

/**
 * The answer type is read from the question word that opens the question, so the clause in "What did the cousin
 * see when he opened his door?" does not make it a "when" question. A yes/no question expects no particular kind
 * of answer; a bare phrase ("victim's mother name") is read by its earliest cue.
 */
export function expectedAnswerType(question: string): ExpectedAnswerType {
	const opening = LEADING_QUESTION_WORD.exec(question);
	if (!opening && YES_NO_QUESTION.test(question)) {
		// "Is there anything on why…", "did the spokesman say when…": a yes/no frame around the question asked.
		const embedded = EMBEDDED_IN_YES_NO.exec(question);
		return embedded ? expectedAnswerType(question.slice(embedded.index + embedded[0].length - embedded[1]!.length)) : 'other';
	}
	const from = opening ? opening[0].length : 0;
	let best: { type: ExpectedAnswerType; at: number } = { type: 'other', at: Number.POSITIVE_INFINITY };
	const rest = question.slice(from);
	for (const [type, cue] of ANSWER_TYPE_CUES) {
		const match = cue.exec(rest);
		if (!match || match.index >= best.at) continue;
		// After "What…" a later cue may name the kind ("What's the name of the town"), but a later question
		// word opens a clause ("What did he see when…").
		const inClause = opening && match.index > 0 && (!/^(?:what|which)\b/i.test(rest) || /^(?:when|where|who|whom|whose|how)\b/i.test(match[0]));
		if (!inClause && !(opening === null && isRelative(rest, match))) best = { type, at: match.index };
	}
	return best.type === 'other' ? (kindOfAskedNoun(rest) ?? 'other') : best.type;
}

/** Words after "which" that end the noun phrase asked about. */
const NOT_A_NOUN = new RegExp(`^(?:${AUXILIARY}|not|they|he|she|it|we|you|i)$`, 'i');

/**
 * "Which *judge*…", "what *union*…": the kind of thing the noun after the question word names, by WordNet. Of two
 * words, the second is the head when it names a kind ("which labour *MP*", "which Japanese *companies*"), unless it
 * reads as the verb ("which judge *turned*…").
 */
function kindOfAskedNoun(rest: string): ExpectedAnswerType | null {
	const after = /^(?:what|which)\s+([^?]*)/i.exec(rest)?.[1]?.split(/\s+/) ?? [];
	const end = after.findIndex((word) => NOT_A_NOUN.test(word));
	const words = after.slice(0, end === -1 ? 2 : Math.min(end, 2));
	const kindOfWord = (word: string | undefined) => {
		const term = word === undefined ? null : termOf(word);
		return term === null ? null : wordNet().kindOf(term);
	};
	const second = words[1] !== undefined && !/ed$/i.test(words[1]) ? kindOfWord(words[1]) : null;
	return second ?? kindOfWord(words[0]);
}

export function analyzeQuestion(question: string): AnalyzedQuestion {
	const text = validateQuestion(question);
	const words = analyze(text).map((token) => ({ word: text.slice(token.start, token.end), term: token.term }));
	return { text, expects: expectedAnswerType(text), terms: [...new Set(words.map((word) => word.term))], words, focus: focusOf(text) };
}
