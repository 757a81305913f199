import { termOf } from '../search/analyzer.js';
import { bridgeTerms, type CorpusVocabulary, phrasesIn, type StandIn } from './bridge/bridge.js';
import { gloVe } from './bridge/embeddings.js';
import { wordNet } from './bridge/lexicon.js';
import { correctSpelling } from './bridge/spelling.js';
import type { Library } from './library.js';
import type { AnalyzedQuestion } from './question.js';

export interface ResolvedTerms {
	/** The question's terms, less misspelled function words ("wat", "teh"). */
	terms: string[];
	/** Corpus terms that stand in for question terms: corrected spellings, aliases, WordNet relations. */
	standIns: StandIn[];
}

/**
 * The question's terms as this corpus can match them; bridged only to terms used `within` the documents searched
 * (a story's own words, when it is asked first), so an archive beside the story changes nothing in its answers.
 */
export function resolveTerms(library: Library, question: AnalyzedQuestion, within?: ReadonlySet<string>): ResolvedTerms {
	const lexicon = wordNet();
	const frequency = (term: string) => library.index.statistics.documentFrequency(term);
	// The index keeps these counts per set of documents, so a term counted again is a lookup.
	const frequencyWithin = within ? (term: string) => library.index.planQuery([term], { within })[0]?.paragraphs ?? 0 : frequency;
	const wordFrequency = (word: string) => {
		const term = termOf(word);
		return term === null ? 0 : frequency(term);
	};
	const dropped = new Set<string>();
	const corrections: StandIn[] = [];
	for (const { word, term } of question.words) {
		const correction = correctSpelling(word, wordFrequency, lexicon);
		if (correction?.kind === 'function-word') dropped.add(term);
		else if (correction) {
			const corrected = termOf(correction.word);
			if (corrected !== null && corrected !== term && frequency(corrected) > 0) corrections.push({ term: corrected, standsFor: term, kind: 'spelling' });
		}
	}
	const terms = question.terms.filter((term) => !dropped.has(term));
	const vocabulary: CorpusVocabulary = { frequency: frequencyWithin, aliases: library.aliases };
	const bridged = bridgeTerms(terms, vocabulary, lexicon, phrasesIn(question.text, lexicon)).filter((standIn) => !corrections.some((correction) => correction.term === standIn.term));
	return { terms, standIns: [...corrections, ...bridged] };
}

/**
 * Reads the lexical data (WordNet, GloVe) now rather than on the first question. Read before a corpus is indexed,
 * its parsing garbage is collected while the index is built instead of adding to the peak.
 */
export function loadLexicalData(): void {
	wordNet();
	gloVe();
}
