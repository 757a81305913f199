import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { termOf } from '../../search/analyzer.js';
import { IRREGULAR_VERBS } from '../../search/irregularVerbs.js';

/**
 * WordNet 3.1 reduced to search terms (stems) by `scripts/buildLexicon.ts`: which terms a term is related to, and
 * the English word list. Read once per process, on first use.
 */
export interface Lexicon {
	/** Synonyms and derivationally related forms, of a term or of a phrase's key (see `phraseKey`). */
	close(term: string): readonly string[];
	/** One-step hypernyms, hyponyms and causes. */
	broad(term: string): readonly string[];
	/** An English word: a WordNet lemma, or a form of one by WordNet's detachment rules ("nannies", "stepped"). */
	isWord(word: string): boolean;
	/** How often WordNet's tagged texts use the lemma; 0 for a word they never use. */
	frequency(word: string): number;
	/** The kind of thing a noun term names, when WordNet files it under a person, an organisation or a place. */
	kindOf(term: string): NounKind | null;
}

export type NounKind = 'person' | 'organization' | 'place';

const NOUN_KINDS: ReadonlySet<string> = new Set<NounKind>(['person', 'organization', 'place']);

/**
 * How the lexicon keys a phrase of two or three words ("step down", "leading lady"): each word's search term, or the
 * word itself where it has none (a particle the analyzer drops), so "stepped down" and "step down" meet.
 */
export function phraseKey(words: readonly string[]): string {
	return words.map((word) => termOf(word) ?? word.toLowerCase()).join(' ');
}

const LEXICON_FILE = new URL('../../../lexicon/wordnet.tsv.gz', import.meta.url);
const NONE: readonly string[] = [];
const UNRELATED = [NONE, NONE] as const;
const TAB = 9;
const NEWLINE = 10;

/**
 * WordNet's own rules for an inflected form's lemma ("morphy": nouns, verbs, adjectives), as [ending, replacement].
 * A word is English when one of its base forms is a lemma: "nannies", "stepped", "bigger".
 */
const DETACHMENTS: ReadonlyArray<readonly [string, string]> = [
	['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
	['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];
const DOUBLED = /([b-df-hj-np-tv-z])\1$/;

/** The word and the lemmas it may be a form of, by WordNet's detachment rules and the irregular verbs. */
function baseForms(word: string): string[] {
	const forms = [word];
	const irregular = IRREGULAR_VERBS.get(word);
	if (irregular) forms.push(irregular);
	for (const [ending, replacement] of DETACHMENTS) {
		if (!word.endsWith(ending) || word.length <= ending.length + 1) continue;
		const base = word.slice(0, -ending.length) + replacement;
		forms.push(base);
		// "stepped", "biggest": WordNet lists these in its exception files, which are not shipped; undoubling covers them.
		if (replacement === '' && DOUBLED.test(base)) forms.push(base.slice(0, -1));
	}
	return forms;
}

/**
 * Each section of the file (`w`ords, `r`elations, then noun `k`inds) is sorted by its key, as the build script writes it: a lookup
 * is a binary search of the text, so reading the file builds a table of line starts instead of maps of its lines
 * (a third of the time).
 */
function readLexicon(): Lexicon {
	const text = gunzipSync(readFileSync(LEXICON_FILE)).toString('utf8');
	const words: number[] = [];
	const relations: number[] = [];
	const kinds: number[] = [];
	for (let start = 0, end = 0; start < text.length; start = end + 1) {
		end = text.indexOf('\n', start);
		if (end < 0) end = text.length;
		if (text[start] === 'w') words.push(start);
		else if (text[start] === 'r') relations.push(start);
		else if (text[start] === 'k') kinds.push(start);
	}
	/** The key of the line at `start` against `key`, in the order the build script sorts them, read in place. */
	const compareKey = (start: number, key: string): number => {
		for (let i = 0; ; i++) {
			const code = text.charCodeAt(start + i);
			const ended = code === TAB || code === NEWLINE;
			if (i === key.length) return ended ? 0 : 1;
			if (ended) return -1;
			if (code !== key.charCodeAt(i)) return code - key.charCodeAt(i);
		}
	};
	/** The fields after the key on the line of `section` whose key is `key`, or null. */
	const lookUp = (section: readonly number[], key: string): string[] | null => {
		let [low, high] = [0, section.length - 1];
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const start = section[middle]! + 2;
			const order = compareKey(start, key);
			if (order === 0) return text.slice(start + key.length + 1, text.indexOf('\n', start)).split('\t');
			if (order < 0) low = middle + 1;
			else high = middle - 1;
		}
		return null;
	};
	// Split into lists once per term a question asks for: most terms are never asked. Only what the lexicon holds is
	// kept: every run of a question's words is looked up as a phrase, and keeping the misses too grew without end.
	const asked = new Map<string, [readonly string[], readonly string[]]>();
	const related = (term: string): readonly [readonly string[], readonly string[]] => {
		let lists = asked.get(term);
		if (!lists) {
			const found = lookUp(relations, term);
			if (!found) return UNRELATED;
			const [close, broad] = found;
			asked.set(term, (lists = [close ? close.split(' ') : NONE, broad ? broad.split(' ') : NONE]));
		}
		return lists;
	};
	return {
		close: (term) => related(term)[0],
		broad: (term) => related(term)[1],
		isWord: (word) => baseForms(word.toLowerCase()).some((form) => lookUp(words, form) !== null),
		frequency: (word) => Number(lookUp(words, word)?.[0] ?? 0),
		kindOf: (term) => {
			const kind = lookUp(kinds, term)?.[0];
			return kind !== undefined && NOUN_KINDS.has(kind) ? (kind as NounKind) : null;
		},
	};
}

let lexicon: Lexicon | undefined;

export function wordNet(): Lexicon {
	return (lexicon ??= readLexicon());
}
