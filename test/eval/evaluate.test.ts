import { describe, expect, it } from 'vitest';
import type { Answer, Citation, Conflict, ParagraphHit, Quote } from '../../src/answer/types.js';
import { ErrorCodes, UserFacingError } from '../../src/errors.js';
import { containsExpected, evaluate, normalizeForMatch, type EvalEngine } from './evaluate.js';
import type { EvalQuestion } from './questions.js';

const paragraphs: Record<string, string[]> = {
	alpha: ['The bridge opened on May 3. It cost “about $4 million,” the mayor said.', 'Nobody objected.'],
	beta: ['The bridge opened on May 5, the council’s minutes say.'],
};

function citation(doc: string, paragraph: number): Citation {
	return { doc, paragraph, title: doc, publisher: 'test', date: null, url: null, section: null };
}

function quote(doc: string, paragraph: number, text: string): Quote {
	return { text, citation: citation(doc, paragraph), score: 1 };
}

function answer(partial: Partial<Answer>): Answer {
	return { question: '', outcome: 'answered', answered: true, reason: null, expects: 'other', quotes: [], conflicts: [], related: [], ...partial };
}

const refusal = answer({ outcome: 'not-covered', answered: false, reason: 'The corpus does not cover this.' });

/** Answers from a table keyed by question; quote() reads the paragraphs above and throws like the engine for unknown ones. */
function fakeEngine(answers: Record<string, Answer | Error>): EvalEngine {
	return {
		answer(question: string): Answer {
			const found = answers[question];
			if (found === undefined) throw new Error(`no canned answer for "${question}"`);
			if (found instanceof Error) throw found;
			return { ...found, question };
		},
		quote(doc: string, paragraph: number): ParagraphHit {
			const text = paragraphs[doc]?.[paragraph - 1];
			if (text === undefined) throw new UserFacingError(ErrorCodes.UnknownParagraph, `No paragraph ${paragraph} in ${doc}.`);
			return { text, citation: citation(doc, paragraph), score: 0, highlights: [] };
		},
	};
}

function question(id: string, kind: EvalQuestion['kind'], expect: string[], conflict: EvalQuestion['conflict'] = null): EvalQuestion {
	return { id, question: `${id}?`, kind, expect, conflict };
}

const dateConflict: Conflict = {
	kind: 'date',
	subject: 'opening',
	claims: [
		{ value: 'May 3', text: 'The bridge opened on May 3.', citation: citation('alpha', 1) },
		{ value: 'May 5', text: 'The bridge opened on May 5, the council’s minutes say.', citation: citation('beta', 1) },
	],
};

describe('normalizeForMatch', () => {
	it('folds case, compatibility forms, curly quotes and runs of spaces', () => {
		expect(normalizeForMatch('The Council’s  “Plan”')).toBe(normalizeForMatch("the council's \"plan\""));
		expect(normalizeForMatch('ﬁve')).toBe('five');
	});

	it('finds any one of several expected strings', () => {
		expect(containsExpected('It cost “about $4 million,” the mayor said.', ['5 million', 'about $4 million'])).toBe(true);
		expect(containsExpected('It cost a lot.', ['about $4 million'])).toBe(false);
	});
});

describe('evaluate', () => {
	it('scores top-1 and top-3 over answerable questions, counting an unanswered one as a miss', () => {
		const engine = fakeEngine({
			'first?': answer({ quotes: [quote('alpha', 1, 'The bridge opened on May 3.')] }),
			'second?': answer({ quotes: [quote('alpha', 2, 'Nobody objected.'), quote('alpha', 1, 'It cost “about $4 million,” the mayor said.')] }),
			'third?': refusal,
		});
		const { metrics, results } = evaluate(engine, [
			question('first', 'fact', ['MAY 3']),
			question('second', 'misspelled', ["about $4 million"]),
			question('third', 'fact', ['Nobody objected']),
		]);
		expect(metrics.top1).toEqual({ hits: 1, total: 3, value: 1 / 3 });
		expect(metrics.top3).toEqual({ hits: 2, total: 3, value: 2 / 3 });
		expect(results.map((result) => result.hitRank)).toEqual([1, 2, null]);
		expect(metrics.byKind.misspelled.top3.hits).toBe(1);
	});

	it('measures abstention precision and recall against the out-of-corpus questions', () => {
		const engine = fakeEngine({
			'refused-outside?': refusal,
			'answered-outside?': answer({ quotes: [quote('alpha', 2, 'Nobody objected.')] }),
			'refused-inside?': refusal,
		});
		const { metrics } = evaluate(engine, [
			question('refused-outside', 'out-of-corpus', []),
			question('answered-outside', 'out-of-corpus', []),
			question('refused-inside', 'fact', ['May 3']),
		]);
		expect(metrics.abstentionPrecision).toEqual({ hits: 1, total: 2, value: 0.5 });
		expect(metrics.abstentionRecall).toEqual({ hits: 1, total: 2, value: 0.5 });
	});

	it('counts a disagreement only when a conflict of the expected kind spans two documents', () => {
		const sameDoc: Conflict = { ...dateConflict, claims: dateConflict.claims.map((claim) => ({ ...claim, citation: citation('alpha', 1), text: 'The bridge opened on May 3.' })) };
		const engine = fakeEngine({
			'flagged?': answer({ quotes: [quote('alpha', 1, 'The bridge opened on May 3.')], conflicts: [dateConflict] }),
			'wrong-kind?': answer({ quotes: [quote('alpha', 1, 'The bridge opened on May 3.')], conflicts: [{ ...dateConflict, kind: 'name' }] }),
			'one-source?': answer({ quotes: [quote('alpha', 1, 'The bridge opened on May 3.')], conflicts: [sameDoc] }),
		});
		const { metrics } = evaluate(engine, [
			question('flagged', 'conflict', ['May 3', 'May 5'], 'date'),
			question('wrong-kind', 'conflict', ['May 3', 'May 5'], 'date'),
			question('one-source', 'conflict', ['May 3', 'May 5'], 'date'),
		]);
		expect(metrics.disagreementRecall).toEqual({ hits: 1, total: 3, value: 1 / 3 });
	});

	it('reports every quote, related passage and claim that is not verbatim in its cited paragraph', () => {
		const engine = fakeEngine({
			'q?': answer({
				quotes: [quote('alpha', 1, 'The bridge opened on May 3.'), quote('alpha', 1, "It cost \"about $4 million,\" the mayor said.")],
				related: [quote('alpha', 9, 'Nobody objected.')],
				conflicts: [{ ...dateConflict, claims: [dateConflict.claims[0]!, { ...dateConflict.claims[1]!, text: 'The bridge opened on 5 May.' }] }],
			}),
		});
		const { metrics } = evaluate(engine, [question('q', 'fact', ['May 3'])]);
		expect(metrics.verbatim.checked).toBe(5);
		expect(metrics.verbatim.violations.map((violation) => [violation.where, violation.index])).toEqual([
			['quote', 1],
			['related', 0],
			['claim', 1],
		]);
		expect(metrics.verbatim.violations[1]!.reason).toMatch(/cannot be read/);
	});

	it('records an engine error as a failure of that question and carries on', () => {
		const engine = fakeEngine({
			'broken?': new UserFacingError(ErrorCodes.QuestionEmpty, 'Ask a question.'),
			'outside?': new Error('index exploded'),
			'fine?': answer({ quotes: [quote('alpha', 2, 'Nobody objected.')] }),
		});
		const { metrics, results } = evaluate(engine, [
			question('broken', 'fact', ['May 3']),
			question('outside', 'out-of-corpus', []),
			question('fine', 'fact', ['nobody objected']),
		]);
		expect(metrics.errors).toBe(2);
		expect(metrics.top1.hits).toBe(1);
		expect(metrics.abstentionRecall.hits).toBe(0);
		expect(results[0]!.error).toMatch(/UserFacingError: Ask a question/);
	});
});
