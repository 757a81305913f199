import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bridgeTerms, indexAliases, phrasesIn } from '../../src/answer/bridge/bridge.js';
import { learnAcronyms } from '../../src/answer/bridge/corpusAliases.js';
import { wordNet } from '../../src/answer/bridge/lexicon.js';
import { correctSpelling } from '../../src/answer/bridge/spelling.js';
import { MODEL_FILE, parseModel } from '../../src/answer/ranking/model.js';
import type { Article } from '../../src/corpus/types.js';
import { termOf } from '../../src/search/analyzer.js';

const corpusOf = (words: string[]) => {
	const terms = new Set(words.map((word) => termOf(word)));
	return { frequency: (term: string) => (terms.has(term) ? 3 : 0), aliases: indexAliases(new Map()) };
};
const wordFrequency = (words: string[]) => {
	const { frequency } = corpusOf(words);
	return (word: string) => frequency(termOf(word) ?? '');
};

describe('the lexical bridge', () => {
	it('reaches "helicopter" from "chopper" only when the corpus uses it', () => {
		const withIt = bridgeTerms([termOf('chopper')!], corpusOf(['helicopter', 'raid']), wordNet());
		expect(withIt).toContainEqual({ term: termOf('helicopter'), standsFor: termOf('chopper'), kind: 'close' });
		expect(bridgeTerms([termOf('chopper')!], corpusOf(['raid']), wordNet())).toEqual([]);
	});

	it('reads a phrasal verb or a compound as one word: "stepped down" reaches "resigned", "leading lady" an actress', () => {
		const lexicon = wordNet();
		const stepDown = 'why did the minister step down';
		const standIns = bridgeTerms(['minist', 'step'], corpusOf(['minister', 'resigned']), lexicon, phrasesIn(stepDown, lexicon));
		expect(standIns).toContainEqual({ term: termOf('resigned'), standsFor: termOf('step'), kind: 'close' });
		expect(phrasesIn('he stepped down', lexicon).map((phrase) => phrase.key)).toEqual(phrasesIn(stepDown, lexicon).map((phrase) => phrase.key));
		const actress = bridgeTerms(['lead', 'ladi'], corpusOf(['actress', 'leading']), lexicon, phrasesIn('who was the leading lady', lexicon));
		expect(actress).toContainEqual({ term: termOf('actress'), standsFor: termOf('lady'), kind: 'broad' });
		// Function words alone make no phrase: "out of" relates nothing.
		expect(phrasesIn('out of it all', lexicon).filter((phrase) => phrase.key === 'out of')).toEqual([]);
	});

	it('links a general news alias: "ISIS" reaches the corpus\'s "Islamic State"', () => {
		const standIns = bridgeTerms([termOf('ISIS')!], corpusOf(['Islamic', 'State']), wordNet());
		expect(standIns.filter((standIn) => standIn.kind === 'alias').map((standIn) => standIn.term)).toContain(termOf('Islamic'));
	});

	it('reads wire copy\'s abbreviations: "percent" reaches "pct", "dollars" "dlrs"', () => {
		const standIns = bridgeTerms([termOf('percent')!, termOf('dollars')!], corpusOf(['pct', 'dlrs']), wordNet());
		expect(standIns.filter((standIn) => standIn.kind === 'alias').map((standIn) => standIn.term)).toEqual([termOf('pct'), termOf('dlrs')]);
	});

	it('learns an acronym the corpus defines, and bridges to it', () => {
		const article = { id: 'a', paragraphs: [{ text: 'The Securities and Exchange Commission (SEC) said on Monday it would look again.' }] } as unknown as Article;
		const acronyms = learnAcronyms([article]);
		expect(acronyms.get(termOf('SEC')!)).toEqual(['secur', 'exchang', 'commiss']);
		const vocabulary = { ...corpusOf(['SEC', 'securities', 'exchange', 'commission']), aliases: indexAliases(acronyms) };
		expect(bridgeTerms(['secur', 'exchang', 'commiss'], vocabulary, wordNet()).map((standIn) => standIn.term)).toContain(termOf('SEC'));
	});
});

describe('the WordNet lexicon', () => {
	it('finds every word and relation its file holds, as the file states them', () => {
		const lexicon = wordNet();
		const lines = gunzipSync(readFileSync(new URL('../../lexicon/wordnet.tsv.gz', import.meta.url))).toString('utf8').split('\n');
		const fields = (kind: string) => lines.map((line) => line.split('\t')).filter((parts) => parts[0] === kind);
		const words = fields('w');
		const relations = fields('r');
		expect(words.length).toBeGreaterThan(50_000);
		expect(relations.length).toBeGreaterThan(30_000);
		expect(words.filter(([, word, count]) => !lexicon.isWord(word!) || lexicon.frequency(word!) !== Number(count)).map(([, word]) => word)).toEqual([]);
		const listed = (list: string) => (list ? list.split(' ') : []);
		const differing = relations.filter(([, term, close, broad]) => lexicon.close(term!).join(' ') !== listed(close!).join(' ') || lexicon.broad(term!).join(' ') !== listed(broad!).join(' '));
		expect(differing.map(([, term]) => term)).toEqual([]);
		expect(lexicon.isWord('qzxwv')).toBe(false);
		expect(lexicon.frequency('qzxwv')).toBe(0);
	});
});

describe('spelling correction of common words', () => {
	it('reads a swap of two letters before a substitution ("tiem" is time, not them)', () => {
		expect(correctSpelling('tiem', wordFrequency(['time']), wordNet())).toEqual({ kind: 'word', word: 'time' });
	});

	it.each(['abot', 'wat', 'teh'])('recognises the misspelled function word "%s", which is then ignored', (word) => {
		expect(correctSpelling(word, wordFrequency([]), wordNet())).toEqual({ kind: 'function-word' });
	});

	// "asociation" shares its stem with "asocial", which once made it pass for a rare English word left uncorrected.
	it('corrects a misspelling that merely shares its stem with a rare word', () => {
		expect(correctSpelling('asociation', wordFrequency(['association']), wordNet())).toEqual({ kind: 'word', word: 'association' });
		expect(correctSpelling('picketters', wordFrequency(['picketers']), wordNet())).toEqual({ kind: 'word', word: 'picketers' });
	});

	it.each(['nannies', 'stepped', 'bigger', 'broke', 'ministers'])('takes "%s", a form of a WordNet lemma, for English', (word) => {
		expect(wordNet().isWord(word)).toBe(true);
	});

	it('leaves English words, corpus words and unknown names alone', () => {
		expect(correctSpelling('minister', wordFrequency([]), wordNet())).toBeNull();
		expect(correctSpelling('Dumayr', wordFrequency(['Dumayr']), wordNet())).toBeNull();
		expect(correctSpelling('Qzxwv', wordFrequency([]), wordNet())).toBeNull();
	});
});

describe('the fitted ranking model', () => {
	it('ships a weight for every feature and ordered thresholds', () => {
		const model = parseModel(readFileSync(MODEL_FILE, 'utf8'));
		expect(model.thresholds.closest).toBeLessThanOrEqual(model.thresholds.answered);
		expect(model.fitted.questions).toBeGreaterThan(0);
	});

	it('refuses a model file that lacks a weight, instead of scoring it as 0', () => {
		const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8'));
		delete model.ranking.weights.exact;
		expect(() => parseModel(JSON.stringify(model))).toThrow(/exact/);
	});
});
