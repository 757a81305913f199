import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { termOf } from '../../search/analyzer.js';

/**
 * WordNet 3.1 reduced to search terms (stems) by `scripts/buildLexicon.ts`: which terms a term is related to, and
 * the English word list. Read once per process, on first use.
 */
export interface Lexicon {
	/** Synonyms and derivationally related forms. */
	close(term: string): readonly string[];
	/** One-step hypernyms, hyponyms and causes. */
	broad(term: string): readonly string[];
	/** An English word, as written or as any form of a WordNet lemma (its stem is one). */
	isWord(word: string): boolean;
	/** How often WordNet's tagged texts use the lemma; 0 for a word they never use. */
	frequency(word: string): number;
}

const LEXICON_FILE = new URL('../../../lexicon/wordnet.tsv.gz', import.meta.url);
const NONE: readonly string[] = [];

function readLexicon(): Lexicon {
	const frequencies = new Map<string, number>();
	const stems = new Set<string>();
	const relations = new Map<string, [string, string]>();
	for (const line of gunzipSync(readFileSync(LEXICON_FILE)).toString('utf8').split('\n')) {
		const [kind, key, a, b] = line.split('\t');
		if (kind === 'w') {
			frequencies.set(key!, Number(a));
			if (b) stems.add(b);
		} else if (kind === 'r') relations.set(key!, [a ?? '', b ?? '']);
	}
	// The relations stay as the file's strings until a question asks for them: most terms are never asked.
	const asked = new Map<string, [readonly string[], readonly string[]]>();
	const related = (term: string) => {
		let lists = asked.get(term);
		if (!lists) {
			const [close, broad] = relations.get(term) ?? ['', ''];
			asked.set(term, (lists = [close ? close.split(' ') : NONE, broad ? broad.split(' ') : NONE]));
		}
		return lists;
	};
	return {
		close: (term) => related(term)[0],
		broad: (term) => related(term)[1],
		isWord: (word) => frequencies.has(word) || stems.has(termOf(word) ?? ''),
		frequency: (word) => frequencies.get(word) ?? 0,
	};
}

let lexicon: Lexicon | undefined;

export function wordNet(): Lexicon {
	return (lexicon ??= readLexicon());
}
