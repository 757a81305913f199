import { STOP_WORDS } from '../../search/stopWords.js';
import type { Lexicon } from './lexicon.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every string one edit away, with how likely the edit is as a typo: two letters swapped ("tiem") is the commonest
 * slip and is tried first, so it is not outvoted by a substitution that happens to make a word ("them").
 */
function oneEditAway(word: string): Map<string, number> {
	const edits = new Map<string, number>();
	const add = (candidate: string, cost: number) => {
		if (candidate !== word && (edits.get(candidate) ?? Number.POSITIVE_INFINITY) > cost) edits.set(candidate, cost);
	};
	for (let i = 0; i <= word.length; i++) {
		const head = word.slice(0, i);
		const tail = word.slice(i);
		if (tail.length > 1) add(head + tail[1] + tail[0] + tail.slice(2), 0);
		if (tail) add(head + tail.slice(1), 1);
		for (const letter of LETTERS) {
			if (tail) add(head + letter + tail.slice(1), 1);
			add(head + letter + tail, 1);
		}
	}
	return edits;
}

/** What a misspelled word most likely was: a function word (to be ignored), or a word the corpus uses. */
export type Correction = { kind: 'function-word' } | { kind: 'word'; word: string };

/**
 * Corrects a question word that is neither in the corpus nor a commonly used English word ("wat", "tiem"), one
 * edit away. The commonest words are the commonest typos, so a function word wins; then the word the corpus uses most,
 * then the English word WordNet's texts use most. Null when nothing is one edit away (a name the corpus lacks).
 */
export function correctSpelling(word: string, corpusFrequency: (word: string) => number, lexicon: Lexicon): Correction | null {
	const lower = word.toLowerCase();
	if (lower.length < 3 || !/^[a-z]+$/.test(lower) || corpusFrequency(lower) > 0) return null;
	// A rare WordNet lemma one edit from a function word ("wat", a temple; "abt") is far likelier a typo of it; as a
	// content word it is left alone.
	const rareWord = lexicon.isWord(lower);
	if (rareWord && lexicon.frequency(lower) > 0) return null;
	let best: { word: string; rank: number[] } | null = null;
	for (const [candidate, cost] of oneEditAway(lower)) {
		const inCorpus = corpusFrequency(candidate);
		const kind = STOP_WORDS.has(candidate) ? 3 : inCorpus > 0 ? 2 : lexicon.isWord(candidate) ? 1 : 0;
		if (kind === 0) continue;
		const rank = [-cost, kind, kind === 2 ? inCorpus : lexicon.frequency(candidate)];
		if (!best || compare(rank, best.rank) > 0) best = { word: candidate, rank };
	}
	if (!best) return null;
	if (STOP_WORDS.has(best.word)) return { kind: 'function-word' };
	return rareWord ? null : { kind: 'word', word: best.word };
}

function compare(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
	return 0;
}
