import { stemmer } from 'stemmer';
import { normalizeText } from '../corpus/normalize.js';
import { IRREGULAR_VERBS } from './irregularVerbs.js';
import { STOP_WORDS } from './stopWords.js';

/** A word as indexed: its search term, and where it sits in the original text (UTF-16 offsets). */
export interface Token {
	term: string;
	start: number;
	end: number;
}

// Dotted acronyms ("U.S.", "a.m.") are one word; other words may hold inner apostrophes ("al-Masoud’s" → "Masoud’s").
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu;
const ASCII = /^[\x00-\x7F]*$/;
const POSSESSIVE = /'s$/;
const DIGITS = /^\p{N}+$/u;
const stems = new Map<string, string>();

function stem(word: string): string {
	let stemmed = stems.get(word);
	if (stemmed === undefined) {
		stemmed = DIGITS.test(word) ? word : stemmer(IRREGULAR_VERBS.get(word) ?? word);
		stems.set(word, stemmed);
	}
	return stemmed;
}

/**
 * A function word written in capitals is an acronym: "IS" (Islamic State), "US". Text that is all capitals
 * (wire-copy headlines) is shouting, not acronyms.
 */
function isAcronym(raw: string, shouting: boolean): boolean {
	return !shouting && raw.length <= 4 && /^(?:\p{Lu}\.?){2,3}$/u.test(raw);
}

/** Turns one word into its search term, or null for a stop word or a stray letter. */
export function termOf(raw: string, shouting = false): string | null {
	let word = ASCII.test(raw) ? raw.toLowerCase() : normalizeText(raw);
	word = word.replace(POSSESSIVE, '').replaceAll('.', '');
	if (STOP_WORDS.has(word) && !isAcronym(raw, shouting)) return null;
	word = word.replaceAll("'", '');
	if (word.length < 2 && !DIGITS.test(word)) return null;
	return stem(word);
}

/** Splits text into search terms with their positions, so matches can be highlighted in the original. */
export function analyze(text: string): Token[] {
	const shouting = text === text.toUpperCase();
	const tokens: Token[] = [];
	for (const match of text.matchAll(WORD)) {
		const term = termOf(match[0], shouting);
		if (term !== null) tokens.push({ term, start: match.index, end: match.index + match[0].length });
	}
	return tokens;
}

export function analyzeTerms(text: string): string[] {
	return analyze(text).map((token) => token.term);
}
