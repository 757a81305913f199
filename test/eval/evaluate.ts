/**
 * Scores an engine against a question set. Pure: it asks the engine, compares, counts; it knows nothing about the story.
 * Everything story-specific lives in the question file.
 */
import type { Answer, AnswerOutcome, ConflictKind } from '../../src/answer/types.js';
import type { StoryEngine } from '../../src/storyEngine.js';
import { isAnswerable, isAnswerableKind, questionKinds, type EvalQuestion, type QuestionKind } from './questions.js';

/** The two engine methods the evaluation needs; a fake with these two is enough in tests. */
export type EvalEngine = Pick<StoryEngine, 'answer' | 'quote'>;

/** How many quotes count for top-k accuracy. */
export const TOP_K = 3;

/** A share of a total; `value` is null when nothing was counted (e.g. precision when nothing was refused). */
export interface Ratio {
	hits: number;
	total: number;
	value: number | null;
}

export interface QuoteRef {
	text: string;
	doc: string;
	paragraph: number;
}

/** A quote or claim whose text is not a substring of the paragraph it cites. */
export interface VerbatimViolation {
	questionId: string;
	/** Which part of the answer held it, and its index there. */
	where: 'quote' | 'related' | 'claim';
	index: number;
	doc: string;
	paragraph: number;
	text: string;
	reason: string;
}

export interface QuestionResult {
	id: string;
	question: string;
	kind: QuestionKind;
	expect: string[];
	expectedConflict: ConflictKind | null;
	/** null when the engine threw instead of answering. */
	answered: boolean | null;
	outcome: AnswerOutcome | null;
	reason: string | null;
	/** 1-based rank of the first quote that contains an expected string, or null. */
	hitRank: number | null;
	/** The quotes as returned, best first (at most TOP_K kept). */
	quotes: QuoteRef[];
	/**
	 * 1-based rank of the first related passage that contains an expected string, or null. Tells a refusal or a
	 * ranking problem (the engine found the answer but did not present it) from a retrieval one.
	 */
	relatedHitRank: number | null;
	/** Kinds of disagreement the answer flagged between two or more documents. */
	conflictKinds: ConflictKind[];
	/** For answerable questions: top-1 hit. For unanswerable ones: refused (not covered). */
	passed: boolean;
	error: string | null;
}

export interface KindMetrics {
	questions: number;
	top1: Ratio;
	top3: Ratio;
	/** Outcome `not-covered`. */
	refused: number;
}

export interface EvalMetrics {
	questions: number;
	answerable: number;
	outOfCorpus: number;
	/**
	 * Over answerable questions: the first quote shown, whether the outcome is `answered` or `closest` (both show the
	 * best match first); a `not-covered` answerable question is a miss.
	 */
	top1: Ratio;
	top3: Ratio;
	/** Questions answered with outcome `answered` whose first quote is right (an unanswerable question answered counts as wrong). */
	answeredPrecision: Ratio;
	/** Answerable questions refused as `not-covered`. */
	answerableRefused: Ratio;
	/** Positive = the engine returned `not-covered`; relevant = unanswerable (out-of-corpus and near-miss) questions. */
	abstentionPrecision: Ratio;
	abstentionRecall: Ratio;
	/** Questions with an expected conflict whose answer flags a conflict of that kind. */
	disagreementRecall: Ratio;
	/**
	 * Answered questions that expect no conflict but whose answer flags one. Not all of these are wrong (a quote
	 * naming the victim does meet the spelling disagreement), but a rising share means noise in every answer.
	 */
	unexpectedDisagreements: Ratio;
	verbatim: { checked: number; violations: VerbatimViolation[] };
	/** Questions on which the engine threw. */
	errors: number;
	byKind: Record<QuestionKind, KindMetrics>;
}

export interface EvalReport {
	metrics: EvalMetrics;
	results: QuestionResult[];
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;

/** The comparison form for hits: NFKC, case-folded, one kind of quote mark, single spaces. */
export function normalizeForMatch(text: string): string {
	return text
		.normalize('NFKC')
		.replace(SINGLE_QUOTES, "'")
		.replace(DOUBLE_QUOTES, '"')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** True when `text` contains at least one of the expected strings, compared after normalization. */
export function containsExpected(text: string, expect: readonly string[]): boolean {
	const haystack = normalizeForMatch(text);
	return expect.some((needle) => haystack.includes(normalizeForMatch(needle)));
}

export function ratio(hits: number, total: number): Ratio {
	return { hits, total, value: total === 0 ? null : hits / total };
}

/** Reads each cited paragraph once per evaluation; a citation that does not resolve is remembered as an error. */
class ParagraphLookup {
	private readonly cache = new Map<string, { text: string } | { error: string }>();

	constructor(private readonly engine: EvalEngine) {}

	get(doc: string, paragraph: number): { text: string } | { error: string } {
		const key = `${doc}\u0000${paragraph}`;
		let entry = this.cache.get(key);
		if (!entry) {
			try {
				entry = { text: this.engine.quote(doc, paragraph).text };
			} catch (error) {
				entry = { error: `cited paragraph cannot be read: ${describeError(error)}` };
			}
			this.cache.set(key, entry);
		}
		return entry;
	}
}

function describeError(error: unknown): string {
	return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function checkVerbatim(answer: Answer, questionId: string, lookup: ParagraphLookup): { checked: number; violations: VerbatimViolation[] } {
	const items: Array<{ where: VerbatimViolation['where']; index: number; text: string; doc: string; paragraph: number }> = [
		...answer.quotes.map((quote, index) => ({ where: 'quote' as const, index, text: quote.text, ...quote.citation })),
		...answer.related.map((quote, index) => ({ where: 'related' as const, index, text: quote.text, ...quote.citation })),
		...answer.conflicts.flatMap((conflict) =>
			conflict.claims.map((claim, index) => ({ where: 'claim' as const, index, text: claim.text, ...claim.citation })),
		),
	];
	const violations: VerbatimViolation[] = [];
	for (const item of items) {
		const base = { questionId, where: item.where, index: item.index, doc: item.doc, paragraph: item.paragraph, text: item.text };
		if (item.text.trim() === '') {
			violations.push({ ...base, reason: 'empty quote' });
			continue;
		}
		const paragraph = lookup.get(item.doc, item.paragraph);
		if ('error' in paragraph) violations.push({ ...base, reason: paragraph.error });
		else if (!paragraph.text.includes(item.text)) violations.push({ ...base, reason: 'not a substring of the cited paragraph' });
	}
	return { checked: items.length, violations };
}

/** Conflict kinds whose claims come from at least two documents: a disagreement between sources. */
function conflictKindsOf(answer: Answer): ConflictKind[] {
	const kinds = answer.conflicts
		.filter((conflict) => new Set(conflict.claims.map((claim) => claim.citation.doc)).size >= 2)
		.map((conflict) => conflict.kind);
	return [...new Set(kinds)];
}

function evaluateOne(
	engine: EvalEngine,
	question: EvalQuestion,
	lookup: ParagraphLookup,
): { result: QuestionResult; verbatim: { checked: number; violations: VerbatimViolation[] } } {
	const base = {
		id: question.id,
		question: question.question,
		kind: question.kind,
		expect: question.expect,
		expectedConflict: question.conflict,
	};
	let answer: Answer;
	try {
		answer = engine.answer(question.question);
	} catch (error) {
		return {
			result: {
				...base,
				answered: null,
				outcome: null,
				reason: null,
				hitRank: null,
				quotes: [],
				relatedHitRank: null,
				conflictKinds: [],
				passed: false,
				error: describeError(error),
			},
			verbatim: { checked: 0, violations: [] },
		};
	}
	const answerable = isAnswerable(question);
	const shown = answer.outcome !== 'not-covered';
	const rank = shown && answerable ? answer.quotes.findIndex((quote) => containsExpected(quote.text, question.expect)) : -1;
	const hitRank = rank === -1 ? null : rank + 1;
	const relatedRank = answerable ? answer.related.findIndex((quote) => containsExpected(quote.text, question.expect)) : -1;
	const result: QuestionResult = {
		...base,
		answered: answer.answered,
		outcome: answer.outcome,
		reason: answer.reason,
		hitRank,
		quotes: answer.quotes.slice(0, TOP_K).map((quote) => ({ text: quote.text, doc: quote.citation.doc, paragraph: quote.citation.paragraph })),
		relatedHitRank: relatedRank === -1 ? null : relatedRank + 1,
		conflictKinds: conflictKindsOf(answer),
		passed: answerable ? hitRank === 1 : answer.outcome === 'not-covered',
		error: null,
	};
	return { result, verbatim: checkVerbatim(answer, question.id, lookup) };
}

function kindMetrics(results: readonly QuestionResult[]): KindMetrics {
	const answerable = results.filter((result) => isAnswerableKind(result.kind));
	return {
		questions: results.length,
		top1: ratio(answerable.filter((result) => result.hitRank === 1).length, answerable.length),
		top3: ratio(answerable.filter((result) => result.hitRank !== null && result.hitRank <= TOP_K).length, answerable.length),
		refused: results.filter((result) => result.outcome === 'not-covered').length,
	};
}

/** Asks every question once and scores the answers. */
export function evaluate(engine: EvalEngine, questions: readonly EvalQuestion[]): EvalReport {
	const lookup = new ParagraphLookup(engine);
	const results: QuestionResult[] = [];
	const violations: VerbatimViolation[] = [];
	let checked = 0;
	for (const question of questions) {
		const { result, verbatim } = evaluateOne(engine, question, lookup);
		results.push(result);
		checked += verbatim.checked;
		violations.push(...verbatim.violations);
	}

	return { metrics: metricsOf(results, { checked, violations }), results };
}

/** The metrics of a list of results: one question set's, or several stories' pooled. */
export function metricsOf(results: readonly QuestionResult[], verbatim: EvalMetrics['verbatim']): EvalMetrics {
	const overall = kindMetrics(results);
	const outOfCorpus = results.filter((result) => !isAnswerableKind(result.kind));
	const answerable = results.filter((result) => isAnswerableKind(result.kind));
	const refused = results.filter((result) => result.outcome === 'not-covered');
	const answered = results.filter((result) => result.outcome === 'answered');
	const withConflict = results.filter((result) => result.expectedConflict !== null);
	const byKind = Object.fromEntries(
		questionKinds.map((kind) => [kind, kindMetrics(results.filter((result) => result.kind === kind))]),
	) as Record<QuestionKind, KindMetrics>;

	return {
		questions: results.length,
		answerable: overall.top1.total,
		outOfCorpus: outOfCorpus.length,
		top1: overall.top1,
		top3: overall.top3,
		answeredPrecision: ratio(answered.filter((result) => result.hitRank === 1).length, answered.length),
		answerableRefused: ratio(answerable.filter((result) => result.outcome === 'not-covered').length, answerable.length),
		abstentionPrecision: ratio(refused.filter((result) => !isAnswerableKind(result.kind)).length, refused.length),
		abstentionRecall: ratio(outOfCorpus.filter((result) => result.outcome === 'not-covered').length, outOfCorpus.length),
		disagreementRecall: ratio(
			withConflict.filter((result) => result.expectedConflict !== null && result.conflictKinds.includes(result.expectedConflict)).length,
			withConflict.length,
		),
		unexpectedDisagreements: ratio(
			results.filter((result) => result.answered === true && result.expectedConflict === null && result.conflictKinds.length > 0).length,
			results.filter((result) => result.answered === true && result.expectedConflict === null).length,
		),
		verbatim,
		errors: results.filter((result) => result.error !== null).length,
		byKind,
	};
}
