import { termOf } from '../search/analyzer.js';

function terms(words: string): Set<string> {
	return new Set(words.split(/\s+/).flatMap((word) => termOf(word) ?? []));
}

/**
 * Words that phrase a question rather than name what it is about ("When did the raid *happen*?",
 * "What did Airwars *find*?"). In a small corpus they are rare, so their IDF would outweigh the real subject;
 * they still match, at a fraction of their weight.
 */
export const LIGHT_TERMS = terms(`happen happened occur occurred take took taken place find found say said know known
describe described explain mean meant call called report reported involve involved role happen get got make made do
go went come came give gave use used think want look seem become became according article story source sources
news detail details information exactly kind sort type thing things way ways`);

export const LIGHT_TERM_FACTOR = 0.1;

/**
 * A small thesaurus of news vocabulary: a question's word also finds its usual stand-ins in copy
 * ("killed" → "death", "fatally"), at a lower weight than the word itself.
 */
const SYNONYM_GROUPS = [
	'kill killed killing die died death dead fatal fatally slain shot',
	'arrest arrested capture captured detain detained seize seized apprehend',
	'attack attacked raid strike assault operation',
	'spy spying undercover informant infiltrate infiltrated intelligence',
	'say said tell told state stated announce announced',
	'wife husband widow family relatives',
	'soldier soldiers troops forces',
	'town village city',
	'official officials authorities',
	'comment commented statement respond',
	'wound wounded injured injure',
	'blame blamed responsible accountable',
].map(terms);

export const SYNONYM_WEIGHT = 0.6;

/** The stand-ins for a term, without the term itself. */
export function synonymsOf(term: string): string[] {
	return SYNONYM_GROUPS.filter((group) => group.has(term)).flatMap((group) => [...group].filter((other) => other !== term));
}
