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
const ACRONYM = /^(?:\p{Lu}\.?){2,3}$/u;

/**
 * A word in capitals that may be an acronym: "IS" (Islamic State), "US". Whether a function word spelled so is an
 * acronym depends on the text around it (see `termOf`), so these few words are never cached.
 */
function mayBeAcronym(raw: string): boolean {
	return raw.length <= 4 && ACRONYM.test(raw);
}

function computeTerm(raw: string, acronym: boolean): string | null {
	let word = ASCII.test(raw) ? raw.toLowerCase() : normalizeText(raw);
	word = word.replace(POSSESSIVE, '').replaceAll('.', '');
	if (STOP_WORDS.has(word) && !acronym) return null;
	word = word.replaceAll("'", '');
	if (DIGITS.test(word)) return word;
	return word.length < 2 ? null : stemmer(IRREGULAR_VERBS.get(word) ?? word);
}

/**
 * Terms by word as written. Analysis runs over every paragraph at build time and over every retrieved paragraph
 * and sentence per question, and news text repeats its words, so most words cost one map lookup instead of
 * normalizing and stemming. Bounded: a corpus has far fewer distinct spellings, but uploads must not grow it forever.
 */
const terms = new Map<string, string | null>();
const MAX_CACHED_TERMS = 250_000;

/**
 * Turns one word into its search term, or null for a stop word or a stray letter. A function word written in
 * capitals is an acronym ("IS", "US") unless the whole text is in capitals (wire-copy headlines shout).
 */
export function termOf(raw: string, shouting = false): string | null {
	if (mayBeAcronym(raw)) return computeTerm(raw, !shouting);
	let term = terms.get(raw);
	if (term === undefined) {
		term = computeTerm(raw, false);
		if (terms.size >= MAX_CACHED_TERMS) terms.clear();
		terms.set(raw, term);
	}
	return term;
}

function eachTerm(text: string, visit: (term: string, start: number, end: number) => void): void {
	// Only a capitalised word needs to know whether the whole text is capitals, so that is checked at most once.
	let shouting: boolean | undefined;
	for (const match of text.matchAll(WORD)) {
		const raw = match[0];
		const term = mayBeAcronym(raw) ? termOf(raw, (shouting ??= text === text.toUpperCase())) : termOf(raw);
		if (term !== null) visit(term, match.index, match.index + raw.length);
	}
}

/** Splits text into search terms with their positions, so matches can be highlighted in the original. */
export function analyze(text: string): Token[] {
	const tokens: Token[] = [];
	eachTerm(text, (term, start, end) => tokens.push({ term, start, end }));
	return tokens;
}

/** The words of the text as written, stop words included: what a phrase is made of. */
export function wordsOf(text: string): string[] {
	return [...text.matchAll(WORD)].map((match) => match[0]);
}

export function analyzeTerms(text: string): string[] {
	const found: string[] = [];
	eachTerm(text, (term) => found.push(term));
	return found;
}
