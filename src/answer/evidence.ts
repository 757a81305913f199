import { documentOf, type IndexHit, type QueryTerm } from '../search/searchIndex.js';
import { analyze, analyzeTerms } from '../search/analyzer.js';
import { paragraphTermCounts, paragraphTerms, type TermCounts, titleTerms } from './articleTerms.js';
import type { BridgeKind } from './bridge/bridge.js';
import { gloVe } from './bridge/embeddings.js';
import { editDistance } from './editDistance.js';
import { type Library, type LocatedParagraph, locateParagraph } from './library.js';
import type { AnalyzedQuestion } from './question.js';
import { LIGHT_TERM_FACTOR, LIGHT_TERMS } from './questionWords.js';
import { resolveTerms } from './questionTerms.js';
import { confidenceOf, type Features, rankingScore } from './ranking/model.js';
import { type AnalyzedSentence, type MentionKind, paragraphSentences } from './paragraphSentences.js';
import type { SentenceSpan } from './sentences.js';
import type { ExpectedAnswerType } from './types.js';

/**
 * Evidence from a document no other source corroborates (see `findCorroborated`) counts for less, in ranking and in
 * deciding whether the corpus answers at all: an archive must not drown the story it surrounds.
 */
export const UNCORROBORATED_FACTOR = 0.55;

/** A neighbouring sentence joins the quote when it adds at least this share of the question's meaning. */
const RUN_GAIN = 0.15;

/** A question term found only in the article's title says little about this paragraph. */
const TITLE_ONLY_WEIGHT = 0.5;

/**
 * How much a bridged term weighs in retrieval, against 1 for the question's own: it only decides which paragraphs
 * are scored, where the fitted weights take over.
 */
const STAND_IN_BOOST = 0.5;

/** Paragraphs whose sentences are scored. Beyond this, retrieval ranks are too low to matter. */
const PARAGRAPHS_TO_SCORE = 12;
/** Paragraphs retrieved and re-ranked (see `rerankLocally`, and corroboration) before the best are scored sentence by sentence. */
const PARAGRAPHS_TO_RERANK = 40;

export interface ScoredSentence {
	located: LocatedParagraph;
	/** All sentences of the paragraph, so a quote can take in a neighbour. */
	sentences: SentenceSpan[];
	position: number;
	features: Features;
	/** The fitted ranking model's score: only its order among the question's sentences means anything. */
	score: number;
	/** The fitted confidence model's probability, 0 to 1, that the sentence answers: what decides the outcome. */
	confidence: number;
	/** A neighbour that covers question terms this sentence lacks, so the quote takes both. */
	extendTo: 'previous' | 'next' | null;
}

/**
 * The kinds of answer that are values: a sentence without one cannot say when, how long, how many or how much,
 * however much of the question it shares, while a name or a clause can be phrased in many ways the recognizers miss.
 */
export const VALUE_TYPES: ReadonlySet<ExpectedAnswerType> = new Set(['time', 'duration', 'quantity', 'money']);

/** How a text matched a question term: as written, by edit distance or prefix, or through the bridge. */
type MatchKind = 'exact' | 'expanded' | BridgeKind;

/** For each index term a question term matched, which question term it stands for and how. */
type TermMatches = Map<string, { term: string; kind: MatchKind }>;

/** Which kinds count for which coverage feature; a term found several ways counts once, by its best way. */
const KIND_RANK: Record<MatchKind, number> = { exact: 0, expanded: 1, spelling: 2, alias: 2, close: 3, broad: 4 };
const FEATURE_OF: Record<MatchKind, 'exact' | 'expanded' | 'close' | 'broad'> = { exact: 'exact', expanded: 'expanded', spelling: 'close', alias: 'close', close: 'close', broad: 'broad' };

function matchIndexTerms(plan: readonly QueryTerm[], standIns: ReturnType<typeof resolveTerms>['standIns'], matched: Iterable<string>): TermMatches {
	const matches: TermMatches = new Map();
	for (const standIn of standIns) matches.set(standIn.term, { term: standIn.standsFor, kind: standIn.kind });
	for (const term of plan) matches.set(term.term, { term: term.term, kind: 'exact' });
	for (const indexTerm of matched) {
		if (matches.has(indexTerm)) continue;
		const source = plan.find(
			(query) => (query.prefix && indexTerm.startsWith(query.term)) || (query.fuzzy > 0 && editDistance(indexTerm, query.term, query.fuzzy) <= query.fuzzy),
		);
		if (source) matches.set(indexTerm, { term: source.term, kind: 'expanded' });
	}
	return matches;
}

/** Which question terms some text holds (in one or more parts, read in turn, not copied), each by its best kind of match. */
function termsFound(matches: TermMatches, ...parts: Iterable<string>[]): Map<string, MatchKind> {
	const found = new Map<string, MatchKind>();
	for (const terms of parts) {
		for (const term of terms) {
			const match = matches.get(term);
			if (!match) continue;
			const before = found.get(match.term);
			if (before === undefined || KIND_RANK[match.kind] < KIND_RANK[before]) found.set(match.term, match.kind);
		}
	}
	return found;
}

/**
 * Share of the question's weight found, by feature: exactly, by edit distance, closely bridged, broadly bridged;
 * only of the terms `except` lacks, when given.
 */
function coverageOf(found: Map<string, MatchKind>, weights: Map<string, number>, total: number, except?: Map<string, MatchKind>) {
	const shares = { exact: 0, expanded: 0, close: 0, broad: 0 };
	if (total === 0) return shares;
	for (const [term, kind] of found) if (!except?.has(term)) shares[FEATURE_OF[kind]] += (weights.get(term) ?? 0) / total;
	return shares;
}

/** One number for "how much of the question": matches of every kind counted alike (the model weighs them apart). */
export function matchedShare({ exact, expanded, close, broad }: Pick<Features, 'exact' | 'expanded' | 'close' | 'broad'>): number {
	return exact + expanded + close + broad;
}

function anyShare(found: Map<string, MatchKind>, weights: Map<string, number>, total: number): number {
	return matchedShare(coverageOf(found, weights, total));
}

/**
 * "Who" is most often a person, but an organisation can answer it ("Who does the SFA report to?"); a sum or a span
 * of time may be written as a bare number ("paid 90.25", "for 52").
 */
const WEAKER_TYPES: Partial<Record<ExpectedAnswerType, [MentionKind, number]>> = {
	person: ['organization', 0.5],
	money: ['quantity', 0.5],
	duration: ['quantity', 0.5],
};

function mentionsNewThing(sentence: AnalyzedSentence, type: MentionKind, questionTerms: ReadonlySet<string>): boolean {
	return sentence.mentions(type).some((mention) => analyzeTerms(mention.text).some((term) => !questionTerms.has(term)));
}

/**
 * How well the sentence holds the kind of answer asked for, beyond what the question already says:
 * "Who is Wassim Nasr?" is not answered by a sentence whose only name is Wassim Nasr.
 */
function answerTypeStrength(sentence: AnalyzedSentence, expects: ExpectedAnswerType, questionTerms: ReadonlySet<string>): number {
	if (expects === 'other' || mentionsNewThing(sentence, expects, questionTerms)) return 1;
	const weaker = WEAKER_TYPES[expects];
	return weaker && mentionsNewThing(sentence, weaker[0], questionTerms) ? weaker[1] : 0;
}

function gain(from: Map<string, MatchKind>, to: Map<string, MatchKind> | undefined, weights: Map<string, number>, total: number): number {
	if (!to) return 0;
	return matchedShare(coverageOf(to, weights, total, from));
}

/** 1 when all matched terms sit side by side, falling towards 0 as they spread out. */
function proximity(tokens: ReturnType<typeof analyze>, matches: TermMatches): number {
	let first = -1;
	let last = -1;
	let count = 0;
	tokens.forEach((token, index) => {
		if (!matches.has(token.term)) return;
		if (first === -1) first = index;
		last = index;
		count++;
	});
	if (count < 2) return 0;
	return (count - 1) / (last - first);
}

interface LocalStatistics {
	paragraphs: number;
	/** Of the terms weighed only. */
	frequency: Map<string, number>;
}

/**
 * Term frequencies over the documents the question retrieved. Sentences of a story compete with each other, so
 * a question's words are weighed against that story's vocabulary: "mother" is a telling word in a story about a
 * raid even when an archive loaded beside it uses it everywhere, and a word the story never uses counts fully
 * however common it is elsewhere. On a corpus that is the story, this is close to the corpus-wide weight.
 */
function localStatistics(library: Library, paragraphIds: readonly string[], weighed: readonly string[]): LocalStatistics {
	const documents = new Set(paragraphIds.map((id) => id.slice(0, id.lastIndexOf('#'))));
	// Only the terms weighed: counting the documents' whole vocabulary was a sixth of what an answer allocated.
	const frequency = new Map(weighed.map((term) => [term, 0]));
	let paragraphs = 0;
	for (const id of documents) {
		const article = library.articles.get(id);
		if (!article) continue;
		for (const terms of paragraphTerms(article)) {
			paragraphs++;
			for (const [term, count] of frequency) if (terms.has(term)) frequency.set(term, count + 1);
		}
	}
	return { paragraphs, frequency };
}

function idf({ paragraphs, frequency }: LocalStatistics, term: string): number {
	const count = frequency.get(term) ?? 0;
	return Math.log(1 + (paragraphs - count + 0.5) / (count + 0.5));
}

/** One term's BM25 (k1 1.2, b 0.75): its weight, how often the text holds it, the text's length against a typical one. */
function bm25Term(weight: number, count: number, relativeLength: number): number {
	return (weight * count * 2.2) / (count + 1.2 * (0.25 + 0.75 * relativeLength));
}

/** BM25 of a sentence as its own little document, against a typical 25-term sentence. */
function sentenceBm25(found: Map<string, MatchKind>, weights: Map<string, number>, length: number): number {
	let sum = 0;
	for (const term of found.keys()) sum += bm25Term(weights.get(term) ?? 0, 1, length / 25);
	return sum;
}

/**
 * How close in meaning the sentence is to the question: for each question term, 1 when the sentence matches it in
 * any way, else its nearest sentence term's cosine similarity (GloVe), weighted by IDF like coverage.
 */
function semanticShare(sentence: AnalyzedSentence, questionVectors: ReadonlyMap<string, number>, found: Map<string, MatchKind>, weights: Map<string, number>, total: number): number {
	if (total === 0) return 0;
	const embeddings = gloVe();
	let sum = 0;
	for (const [term, weight] of weights) {
		if (found.has(term)) {
			sum += weight;
			continue;
		}
		const vector = questionVectors.get(term) ?? -1;
		if (vector < 0) continue;
		let best = 0;
		for (const other of sentence.vectors) best = Math.max(best, embeddings.similarityOf(vector, other));
		sum += weight * best;
	}
	return sum / total;
}

/** How much less a question term found only through the bridge counts when paragraphs are ranked. */
const BRIDGED_IN_RANKING: Record<MatchKind, number> = { exact: 1, expanded: 1, spelling: 1, alias: 1, close: STAND_IN_BOOST, broad: STAND_IN_BOOST };

/**
 * The retrieved paragraphs scored again, BM25-like, on the question terms' weights among the documents retrieved
 * (see `localStatistics`) rather than the whole corpus's: the story's paragraphs then rank alike whether or not an
 * archive is loaded beside it, and a word common in the archive but telling in the story keeps its weight.
 */
function rerankLocally<T extends IndexHit>(library: Library, hits: readonly T[], matches: TermMatches, weights: Map<string, number>): T[] {
	const paragraphs = hits.map((hit): TermCounts => {
		const place = locateParagraph(library, hit.id);
		return place ? paragraphTermCounts(place.article, place.paragraph.number) : { counts: new Map(), length: 0 };
	});
	const averageLength = Math.max(1, paragraphs.reduce((sum, { length }) => sum + length, 0) / Math.max(1, paragraphs.length));
	return hits.map((hit, i) => {
		const { counts: termCounts, length } = paragraphs[i]!;
		// Per question term: how often the paragraph holds it in any of its forms, stand-ins included, by its best kind.
		const counts = new Map<string, { count: number; kind: MatchKind }>();
		for (const [indexTerm, count] of termCounts) {
			const match = matches.get(indexTerm);
			if (!match) continue;
			const before = counts.get(match.term);
			counts.set(match.term, { count: (before?.count ?? 0) + count, kind: before && KIND_RANK[before.kind] <= KIND_RANK[match.kind] ? before.kind : match.kind });
		}
		let sum = 0;
		for (const [term, { count, kind }] of counts) sum += bm25Term(weights.get(term) ?? 0, count, length / averageLength) * BRIDGED_IN_RANKING[kind];
		return { ...hit, score: sum };
	});
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
 * every sentence in them with the fitted model.
 */
export function gatherEvidence(library: Library, question: AnalyzedQuestion, within = library.within): Evidence {
	const { index } = library;
	const { terms, standIns } = resolveTerms(library, question, within);
	const plan = index.planQuery(terms, { within });
	// A question word the corpus (or the story, within it) uses retrieves its own paragraphs; only for one it lacks
	// do the WordNet stand-ins search too (the commonest of them would otherwise scan much of an archive). Every
	// stand-in still counts in scoring.
	const unknown = new Set(plan.filter((term) => (term.paragraphs ?? index.statistics.documentFrequency(term.term)) === 0).map((term) => term.term));
	const bridged = standIns
		.filter((standIn) => standIn.kind === 'alias' || standIn.kind === 'spelling' || unknown.has(standIn.standsFor))
		.map((standIn): QueryTerm => ({ term: standIn.term, fuzzy: 0, prefix: false, boost: STAND_IN_BOOST }));
	// When nothing is corroborated there is no story to tell from an archive, and no document is ranked lower.
	const supportOf = (id: string): number => (library.corroborated.size === 0 || library.corroborated.has(documentOf(id)) ? 1 : UNCORROBORATED_FACTOR);
	const candidates = index.search([...plan, ...bridged], PARAGRAPHS_TO_RERANK, { within }).hits;
	// Each index term once: the candidates share most of theirs, and an edit distance per repeat added up.
	const matches = matchIndexTerms(plan, standIns, new Set(candidates.flatMap((hit) => hit.matched)));
	// Weighed on the documents of the paragraphs the search ranks best: reading every candidate's whole article
	// tripled an answer's time on the archive, for weights that barely differ.
	const best = [...candidates].sort((a, b) => b.score * supportOf(b.id) - a.score * supportOf(a.id)).slice(0, PARAGRAPHS_TO_SCORE);
	const local = localStatistics(library, best.map((hit) => hit.id), plan.map(({ term }) => term));
	const weighsLess = (term: string) => LIGHT_TERMS.has(term) || question.borrowed?.has(term) === true;
	const weights = new Map(plan.map(({ term }) => [term, idf(local, term) * (weighsLess(term) ? LIGHT_TERM_FACTOR : 1)]));
	const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
	const hits = rerankLocally(library, candidates, matches, weights)
		.map((hit) => ({ ...hit, score: hit.score * supportOf(hit.id) }))
		.sort((a, b) => b.score - a.score)
		.slice(0, PARAGRAPHS_TO_SCORE);
	const questionTerms = new Set(terms);
	const questionVectors = new Map(terms.map((term) => [term, gloVe().vectorOf(term)]));
	const topScore = hits[0]?.score ?? 1;
	const sentences: ScoredSentence[] = [];
	/** Question terms that some retrieved paragraph matches in any way. */
	const retrieved = new Set<string>();
	hits.forEach((hit, rank) => {
		const located = locateParagraph(library, hit.id);
		if (!located) return;
		const { article, paragraph } = located;
		const support = supportOf(hit.id);
		const inParagraph = termsFound(matches, paragraphTermCounts(article, paragraph.number).counts.keys(), analyzeTerms(paragraph.section ?? ''));
		for (const term of inParagraph.keys()) retrieved.add(term);
		const inTitle = termsFound(matches, titleTerms(article));
		const context = anyShare(inParagraph, weights, total) + TITLE_ONLY_WEIGHT * gain(inParagraph, inTitle, weights, total);
		const attributed = article.publisher !== 'unknown' && article.date !== null ? 1 : 0;
		const analyzed = paragraphSentences(article, paragraph.number);
		const spans = analyzed.map((sentence) => sentence.span);
		const tokens = analyzed.map((sentence) => sentence.tokens);
		const found = tokens.map((sentence) => termsFound(matches, sentence.map((token) => token.term)));
		spans.forEach((_, position) => {
			const coverage = coverageOf(found[position]!, weights, total);
			const termShare = plan.length === 0 ? 0 : found[position]!.size / plan.length;
			const answerType = answerTypeStrength(analyzed[position]!, question.expects, questionTerms);
			// Written out rather than spread from `coverage`: a spread followed by more properties left V8 with slow
			// objects, and these are read for every sentence of every question (a third of a warm question's time).
			const features: Features = {
				exact: coverage.exact,
				expanded: coverage.expanded,
				close: coverage.close,
				broad: coverage.broad,
				context: context * support,
				retrieval: hit.score / topScore,
				rank: 1 / (rank + 1),
				termShare,
				sentenceBm25: sentenceBm25(found[position]!, weights, tokens[position]!.length),
				unmatched: 0,
				focusMissing: question.focus !== null && !found[position]!.has(question.focus) ? 1 : 0,
				semantic: semanticShare(analyzed[position]!, questionVectors, found[position]!, weights, total),
				answerType,
				valueMissing: VALUE_TYPES.has(question.expects) && answerType === 0 ? 1 : 0,
				typedCoverage: matchedShare(coverage) * answerType,
				proximity: proximity(tokens[position]!, matches),
				lead: position === 0 ? 1 : 0,
				early: 1 / paragraph.number,
				support,
				attributed,
			};
			const fromPrevious = gain(found[position]!, found[position - 1], weights, total);
			const fromNext = gain(found[position]!, found[position + 1], weights, total);
			const extendTo = Math.max(fromPrevious, fromNext) < RUN_GAIN ? null : fromNext >= fromPrevious ? 'next' : 'previous';
			sentences.push({ located, sentences: spans, position, features, score: 0, confidence: 0, extendTo });
		});
	});
	// BM25 of a sentence is only comparable within the question: it is scaled by the best one before scoring.
	const bestBm25 = Math.max(1e-9, ...sentences.map((sentence) => sentence.features.sentenceBm25));
	// What no retrieved paragraph holds is the same for every sentence: it tells confidence, not ranking.
	const unmatched = total === 0 ? 1 : [...weights].reduce((sum, [term, weight]) => sum + (retrieved.has(term) ? 0 : weight), 0) / total;
	for (const sentence of sentences) {
		sentence.features.sentenceBm25 /= bestBm25;
		sentence.features.unmatched = unmatched;
		sentence.score = rankingScore(sentence.features);
		sentence.confidence = confidenceOf(sentence.features);
	}
	sentences.sort((a, b) => b.score - a.score);
	const documents = [...new Set(hits.map((hit) => hit.id.slice(0, hit.id.lastIndexOf('#'))))];
	return { plan, weights, sentences, documents };
}
