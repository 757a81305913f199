import { documentOf, type QueryTerm } from '../search/searchIndex.js';
import { analyze, analyzeTerms } from '../search/analyzer.js';
import { paragraphTerms } from './articleTerms.js';
import { editDistance } from './editDistance.js';
import { findOrganizations, findPersons, findPlaces, findQuantities, findTimes, type Mention } from './entities.js';
import { type Library, type LocatedParagraph, locateParagraph } from './library.js';
import type { AnalyzedQuestion } from './question.js';
import { LIGHT_TERM_FACTOR, LIGHT_TERMS, SYNONYM_WEIGHT, synonymsOf } from './questionWords.js';
import { type SentenceSpan, splitSentences } from './sentences.js';
import type { ExpectedAnswerType } from './types.js';

/** How a sentence's score is made; the weights sum to 1. */
export const SCORE_WEIGHTS = {
	/** Share of the question's meaning (IDF-weighted terms) found in the sentence itself. */
	coverage: 0.6,
	/** The same over the whole paragraph and its section (the title at half weight): what the sentence is about. */
	context: 0.2,
	/** Matched terms close together. */
	proximity: 0.05,
	/** The paragraph's retrieval rank. */
	retrieval: 0.15,
} as const;

/**
 * A sentence without the kind of thing asked for (a date for "when", a person for "who") can be on topic but
 * cannot be the answer, so its score is scaled down rather than merely missing a bonus.
 */
export const MISSING_ANSWER_TYPE_FACTOR = 0.55;

/**
 * Between two equally good sentences, a newsroom quotes the one from a named, dated source first: it can be
 * attributed and checked. An unattributed or undated article is ranked slightly lower, never hidden.
 */
const UNATTRIBUTED_FACTOR = 0.98;
const UNDATED_FACTOR = 0.99;

/**
 * Evidence from a document no other source corroborates (see `findCorroborated`) counts for less, in ranking and in
 * deciding whether the corpus answers at all: an archive must not drown the story it surrounds.
 */
export const UNCORROBORATED_FACTOR = 0.55;

/** A neighbouring sentence joins the quote when it adds at least this share of the question's meaning. */
const RUN_GAIN = 0.15;

/** A question term found only in the article's title says little about this paragraph. */
const TITLE_ONLY_WEIGHT = 0.5;

/** A misspelled or partial match counts for less than the word itself. */
const EXPANDED_MATCH_WEIGHT = 0.7;

/** Paragraphs whose sentences are scored. Beyond this, retrieval ranks are too low to matter. */
const PARAGRAPHS_TO_SCORE = 12;
/** Paragraphs retrieved and re-ranked by corroboration before the best are scored sentence by sentence. */
const PARAGRAPHS_TO_RERANK = 40;

export interface ScoredSentence {
	located: LocatedParagraph;
	/** All sentences of the paragraph, so a quote can take in a neighbour. */
	sentences: SentenceSpan[];
	position: number;
	coverage: number;
	context: number;
	/** 1 when the sentence holds the kind of thing asked for, less for a weaker kind (an organisation for "who"). */
	answerType: number;
	score: number;
	/** A neighbour that covers question terms this sentence lacks, so the quote takes both. */
	extendTo: 'previous' | 'next' | null;
}

/** For each index term a question term matched, which question term it stands for and how strongly. */
type TermMatches = Map<string, { term: string; weight: number }>;

function matchIndexTerms(plan: readonly QueryTerm[], synonyms: ReadonlyMap<string, string>, matched: Iterable<string>): TermMatches {
	const matches: TermMatches = new Map();
	for (const [synonym, term] of synonyms) matches.set(synonym, { term, weight: SYNONYM_WEIGHT });
	for (const term of plan) matches.set(term.term, { term: term.term, weight: 1 });
	for (const indexTerm of matched) {
		if (matches.has(indexTerm)) continue;
		const source = plan.find(
			(query) => (query.prefix && indexTerm.startsWith(query.term)) || (query.fuzzy > 0 && editDistance(indexTerm, query.term, query.fuzzy) <= query.fuzzy),
		);
		if (source) matches.set(indexTerm, { term: source.term, weight: EXPANDED_MATCH_WEIGHT });
	}
	return matches;
}

/** Which question terms some text holds, with the strength of each match. */
function termsFound(terms: Iterable<string>, matches: TermMatches): Map<string, number> {
	const found = new Map<string, number>();
	for (const term of terms) {
		const match = matches.get(term);
		if (match && (found.get(match.term) ?? 0) < match.weight) found.set(match.term, match.weight);
	}
	return found;
}

function weightedShare(found: Map<string, number>, weights: Map<string, number>, total: number): number {
	let sum = 0;
	for (const [term, strength] of found) sum += strength * (weights.get(term) ?? 0);
	return total === 0 ? 0 : sum / total;
}

const RECOGNIZERS: Record<Exclude<ExpectedAnswerType, 'other'>, (text: string) => Mention[]> = {
	time: findTimes,
	quantity: findQuantities,
	place: findPlaces,
	person: findPersons,
	organization: findOrganizations,
};

/** "Who" is most often a person, but an organisation can answer it ("Who does the SFA report to?"). */
const WEAKER_TYPES: Partial<Record<ExpectedAnswerType, [Exclude<ExpectedAnswerType, 'other'>, number]>> = {
	person: ['organization', 0.5],
};

function mentionsNewThing(text: string, type: Exclude<ExpectedAnswerType, 'other'>, questionTerms: ReadonlySet<string>): boolean {
	return RECOGNIZERS[type](text).some((mention) => analyzeTerms(mention.text).some((term) => !questionTerms.has(term)));
}

/**
 * How well the sentence holds the kind of answer asked for, beyond what the question already says:
 * "Who is Wassim Nasr?" is not answered by a sentence whose only name is Wassim Nasr.
 */
function answerTypeStrength(text: string, expects: ExpectedAnswerType, questionTerms: ReadonlySet<string>): number {
	if (expects === 'other' || mentionsNewThing(text, expects, questionTerms)) return 1;
	const weaker = WEAKER_TYPES[expects];
	return weaker && mentionsNewThing(text, weaker[0], questionTerms) ? weaker[1] : 0;
}

function gain(from: Map<string, number>, to: Map<string, number> | undefined, weights: Map<string, number>, total: number): number {
	if (!to) return 0;
	const added = new Map([...to].filter(([term]) => !from.has(term)));
	return weightedShare(added, weights, total);
}

/** 1 when all matched terms sit side by side, falling towards 0 as they spread out. */
function proximity(tokens: ReturnType<typeof analyze>, matches: TermMatches): number {
	const positions = tokens.flatMap((token, index) => (matches.has(token.term) ? [index] : []));
	if (positions.length < 2) return 0;
	return (positions.length - 1) / (positions.at(-1)! - positions[0]!);
}

interface LocalStatistics {
	paragraphs: number;
	frequency: Map<string, number>;
}

/**
 * Term frequencies over the documents the question retrieved. Sentences of a story compete with each other, so
 * a question's words are weighed against that story's vocabulary: "mother" is a telling word in a story about a
 * raid even when an archive loaded beside it uses it everywhere, and a word the story never uses counts fully
 * however common it is elsewhere. On a corpus that is the story, this is close to the corpus-wide weight.
 */
function localStatistics(library: Library, paragraphIds: readonly string[]): LocalStatistics {
	const documents = new Set(paragraphIds.map((id) => id.slice(0, id.lastIndexOf('#'))));
	const frequency = new Map<string, number>();
	let paragraphs = 0;
	for (const id of documents) {
		const article = library.articles.get(id);
		if (!article) continue;
		for (const terms of paragraphTerms(article)) {
			paragraphs++;
			for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
		}
	}
	return { paragraphs, frequency };
}

function idf({ paragraphs, frequency }: LocalStatistics, term: string): number {
	const count = frequency.get(term) ?? 0;
	return Math.log(1 + (paragraphs - count + 0.5) / (count + 0.5));
}

/** Synonyms the corpus uses, each mapped to the question term it stands in for. */
function synonymsFor(terms: readonly string[], known: (term: string) => boolean): Map<string, string> {
	const synonyms = new Map<string, string>();
	for (const term of terms) {
		for (const synonym of synonymsOf(term)) {
			if (!terms.includes(synonym) && !synonyms.has(synonym) && known(synonym)) synonyms.set(synonym, term);
		}
	}
	return synonyms;
}

export interface Evidence {
	plan: QueryTerm[];
	/** IDF weight of each question term. */
	weights: Map<string, number>;
	/** Sentences from the best paragraphs, best first. */
	sentences: ScoredSentence[];
	/** Documents of the retrieved paragraphs, best first. */
	documents: string[];
}

/**
 * Retrieves the best paragraphs for a question, from the whole corpus or only `within` some documents, and scores
 * every sentence in them.
 */
export function gatherEvidence(library: Library, question: AnalyzedQuestion, within?: ReadonlySet<string>): Evidence {
	const { index } = library;
	const plan = index.planQuery(question.terms, { within });
	const synonyms = synonymsFor(question.terms, (term) => index.statistics.documentFrequency(term) > 0);
	const standIns = [...synonyms.keys()].map((term): QueryTerm => ({ term, fuzzy: 0, prefix: false, boost: SYNONYM_WEIGHT }));
	// When nothing is corroborated there is no story to tell from an archive, and no document is ranked lower.
	const supportOf = (id: string): number => (library.corroborated.size === 0 || library.corroborated.has(documentOf(id)) ? 1 : UNCORROBORATED_FACTOR);
	const hits = index
		.search([...plan, ...standIns], PARAGRAPHS_TO_RERANK, { within })
		.hits.map((hit) => ({ ...hit, score: hit.score * supportOf(hit.id) }))
		.sort((a, b) => b.score - a.score)
		.slice(0, PARAGRAPHS_TO_SCORE);
	const matches = matchIndexTerms(plan, synonyms, hits.flatMap((hit) => hit.matched));
	const local = localStatistics(library, hits.map((hit) => hit.id));
	const weights = new Map(plan.map(({ term }) => [term, idf(local, term) * (LIGHT_TERMS.has(term) ? LIGHT_TERM_FACTOR : 1)]));
	const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
	const questionTerms = new Set(question.terms);
	const topScore = hits[0]?.score ?? 1;
	const sentences: ScoredSentence[] = [];
	for (const hit of hits) {
		const located = locateParagraph(library, hit.id);
		if (!located) continue;
		const { article, paragraph } = located;
		const support = supportOf(hit.id);
		const inParagraph = termsFound([...paragraphTerms(article)[paragraph.number - 1]!, ...analyzeTerms(paragraph.section ?? '')], matches);
		for (const [term, strength] of termsFound(analyzeTerms(article.title), matches)) {
			if (!inParagraph.has(term)) inParagraph.set(term, strength * TITLE_ONLY_WEIGHT);
		}
		const context = weightedShare(inParagraph, weights, total) * support;
		const attribution = (article.publisher === 'unknown' ? UNATTRIBUTED_FACTOR : 1) * (article.date === null ? UNDATED_FACTOR : 1);
		const spans = splitSentences(paragraph.text);
		const tokens = spans.map((span) => analyze(span.text));
		const found = tokens.map((sentence) => termsFound(sentence.map((token) => token.term), matches));
		spans.forEach((span, position) => {
			const coverage = weightedShare(found[position]!, weights, total) * support;
			const answerType = answerTypeStrength(span.text, question.expects, questionTerms);
			const score =
				(SCORE_WEIGHTS.coverage * coverage +
					SCORE_WEIGHTS.context * context +
					SCORE_WEIGHTS.proximity * proximity(tokens[position]!, matches) +
					SCORE_WEIGHTS.retrieval * (hit.score / topScore)) *
				(MISSING_ANSWER_TYPE_FACTOR + (1 - MISSING_ANSWER_TYPE_FACTOR) * answerType) *
				attribution;
			const fromPrevious = gain(found[position]!, found[position - 1], weights, total);
			const fromNext = gain(found[position]!, found[position + 1], weights, total);
			const extendTo = Math.max(fromPrevious, fromNext) < RUN_GAIN ? null : fromNext >= fromPrevious ? 'next' : 'previous';
			sentences.push({ located, sentences: spans, position, coverage, context, answerType, score, extendTo });
		});
	}
	sentences.sort((a, b) => b.score - a.score);
	const documents = [...new Set(hits.map((hit) => hit.id.slice(0, hit.id.lastIndexOf('#'))))];
	return { plan, weights, sentences, documents };
}
