import { analyzeTerms, termOf, wordsOf } from '../../search/analyzer.js';
import { type Lexicon, phraseKey } from './lexicon.js';
import { NEWS_ALIASES, WIRE_ABBREVIATIONS } from './newsAliases.js';

/**
 * How a corpus term was reached from a question term: `close` (a WordNet synonym or derived form), `broad` (a
 * WordNet hypernym, hyponym or cause), `alias` (another name for the same body), `spelling` (the corrected word).
 */
export type BridgeKind = 'close' | 'broad' | 'alias' | 'spelling';

/** A term the corpus uses that stands in for a question term the corpus may not. */
export interface StandIn {
	term: string;
	standsFor: string;
	kind: BridgeKind;
}

/** Names for one body, each as its terms: ["islam", "state"], ["isi"], ["daesh"]. */
type AliasGroup = readonly (readonly string[])[];

/** For each term, the alias groups with a name that uses it: built once per corpus state, so a question only meets its own. */
export type AliasIndex = ReadonlyMap<string, readonly AliasGroup[]>;

/** What the bridge needs to know of a corpus state: its terms' paragraph counts, and its aliases. */
export interface CorpusVocabulary {
	frequency(term: string): number;
	aliases: AliasIndex;
}

/** A question term reaches at most this many related terms of one kind: past them, WordNet's relations are noise. */
const MAX_RELATED = 6;

const newsAliasGroups: AliasGroup[] = [...NEWS_ALIASES, ...WIRE_ABBREVIATIONS].map((group) => group.map((name) => analyzeTerms(name)).filter((terms) => terms.length > 0));

/** The general news aliases and the acronyms a corpus defines (acronym term → the terms of its name), indexed by term. */
export function indexAliases(acronyms: ReadonlyMap<string, readonly string[]>): AliasIndex {
	const index = new Map<string, AliasGroup[]>();
	const groups: AliasGroup[] = [...newsAliasGroups, ...[...acronyms].map(([acronym, name]) => [[acronym], name])];
	for (const group of groups) {
		for (const term of new Set(group.flat())) {
			const list = index.get(term);
			if (list) list.push(group);
			else index.set(term, [group]);
		}
	}
	return index;
}

/** The name's rarest term in the corpus, which stands for it; null when the corpus lacks one of its terms. */
function representative(name: readonly string[], vocabulary: CorpusVocabulary): string | null {
	let best: { term: string; frequency: number } | null = null;
	for (const term of name) {
		const frequency = vocabulary.frequency(term);
		if (frequency === 0) return null;
		if (!best || frequency < best.frequency) best = { term, frequency };
	}
	return best?.term ?? null;
}

function aliasesOf(terms: readonly string[], vocabulary: CorpusVocabulary): StandIn[] {
	const asked = new Set(terms);
	const standIns: StandIn[] = [];
	const groups = new Set(terms.flatMap((term) => vocabulary.aliases.get(term) ?? []));
	for (const group of groups) {
		const named = group.find((name) => name.every((term) => asked.has(term)));
		if (!named) continue;
		// The question's own rarest word of the name is what the other names stand for.
		const standsFor = [...named].sort((a, b) => vocabulary.frequency(a) - vocabulary.frequency(b))[0]!;
		for (const other of group) {
			if (other === named) continue;
			const term = representative(other, vocabulary);
			if (term !== null && !asked.has(term)) standIns.push({ term, standsFor, kind: 'alias' });
		}
	}
	return standIns;
}

/** A run of two or three of the question's words that WordNet lists as one lemma ("stepped down", "leading lady"). */
export interface QuestionPhrase {
	key: string;
	/** Its words' search terms: "step" for "stepped down", "lead" and "ladi" for "leading lady". */
	terms: readonly string[];
}

const PHRASE_LENGTHS = [3, 2] as const;

/** The phrases of the text the lexicon relates to other words, longest first. */
export function phrasesIn(text: string, lexicon: Lexicon): QuestionPhrase[] {
	const words = wordsOf(text);
	const phrases: QuestionPhrase[] = [];
	for (const length of PHRASE_LENGTHS) {
		for (let start = 0; start + length <= words.length; start++) {
			const run = words.slice(start, start + length);
			const terms = run.map((word) => termOf(word)).filter((term) => term !== null);
			const key = phraseKey(run);
			if (terms.length > 0 && (lexicon.close(key).length > 0 || lexicon.broad(key).length > 0)) phrases.push({ key, terms });
		}
	}
	return phrases;
}

/**
 * What a phrase's stand-ins stand for: the word of it the corpus uses least, the one a bridge is most needed for
 * ("lady" of "leading lady" in a corpus that says "actress"); of equals, the last, the head of an English compound.
 */
function phraseTermStandingIn(phrase: QuestionPhrase, vocabulary: CorpusVocabulary): string {
	return phrase.terms.reduce((best, term) => (vocabulary.frequency(term) <= vocabulary.frequency(best) ? term : best));
}

/**
 * The corpus terms that may stand in for each question term, weighted below exact matches by the ranker: only
 * terms the corpus uses, so the bridge never widens a search with words no paragraph holds. A phrase's relations
 * come first: they are more specific than its words' own.
 */
export function bridgeTerms(terms: readonly string[], vocabulary: CorpusVocabulary, lexicon: Lexicon, phrases: readonly QuestionPhrase[] = []): StandIn[] {
	const asked = new Set(terms);
	const seen = new Set<string>();
	const standIns: StandIn[] = [];
	const add = (standIn: StandIn) => {
		if (asked.has(standIn.term) || seen.has(standIn.term)) return;
		seen.add(standIn.term);
		standIns.push(standIn);
	};
	aliasesOf(terms, vocabulary).forEach(add);
	const sources = [...phrases.map((phrase) => ({ key: phrase.key, standsFor: phraseTermStandingIn(phrase, vocabulary) })), ...terms.map((term) => ({ key: term, standsFor: term }))];
	for (const kind of ['close', 'broad'] as const) {
		for (const { key, standsFor } of sources) {
			const related = lexicon[kind](key).filter((other) => vocabulary.frequency(other) > 0);
			for (const other of related.slice(0, MAX_RELATED)) add({ term: other, standsFor, kind });
		}
	}
	return standIns;
}
