import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.js';
import { StoryEngine } from '../src/storyEngine.js';
import { storyCorpusDir } from './eval/archiveCorpus.js';
import { evaluate, type EvalReport } from './eval/evaluate.js';
import { loadQuestionSet, questionSetNames, type EvalQuestion } from './eval/questions.js';
import { EPSILON, failedIds } from './eval/reportChecks.js';
import { findExpected, readStoryParagraphs } from './eval/storyText.js';
import { ABSTENTION_RECALL_FLOOR, HELDOUT_TOP1_FLOOR, TOP1_FLOOR } from './eval/thresholds.js';

let questions: EvalQuestion[];
let heldout: EvalQuestion[];
beforeAll(async () => {
	questions = await loadQuestionSet('tuning');
	heldout = await loadQuestionSet('heldout');
});

describe('evaluation question set', () => {
	it('has enough questions of every kind', () => {
		const count = (kind: EvalQuestion['kind']) => questions.filter((question) => question.kind === kind).length;
		expect(questions.length).toBeGreaterThanOrEqual(70);
		expect(count('fact')).toBeGreaterThanOrEqual(30);
		expect(count('misspelled')).toBeGreaterThanOrEqual(10);
		expect(count('conflict')).toBeGreaterThanOrEqual(6);
		expect(count('out-of-corpus')).toBeGreaterThanOrEqual(12);
	});

	it.each(questionSetNames)('%s set expects only text that occurs verbatim within one sentence of a story paragraph', async (set) => {
		const paragraphs = await readStoryParagraphs(storyCorpusDir);
		const unquotable = (await loadQuestionSet(set)).flatMap((question) =>
			question.expect
				.filter((expected) => !findExpected(paragraphs, expected).some((occurrence) => occurrence.sentence !== null))
				.map((expected) => `${question.id}: "${expected}"`),
		);
		expect(unquotable).toEqual([]);
	});
});

describe('engine evaluation on the story corpus', () => {
	let cacheDir: string;
	let story: EvalReport;
	let storyHeldout: EvalReport;

	beforeAll(async () => {
		cacheDir = await mkdtemp(path.join(tmpdir(), 'story-eval-cache-'));
		const engine = await StoryEngine.open({ corpusDir: storyCorpusDir, cacheDir, logger: silentLogger });
		story = evaluate(engine, questions);
		storyHeldout = evaluate(engine, heldout);
	}, 120_000);

	afterAll(async () => {
		if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
	});

	it(`keeps top-1 accuracy at or above ${TOP1_FLOOR}`, () => {
		expect(story.metrics.top1.value ?? 0, `top-1 misses: ${failedIds(story, 'answerable')}`).toBeGreaterThanOrEqual(TOP1_FLOOR - EPSILON);
	});

	it('quotes only verbatim substrings of the cited paragraphs', () => {
		expect(story.metrics.verbatim.checked).toBeGreaterThan(0);
		expect(story.metrics.verbatim.violations).toEqual([]);
	});

	it(`keeps top-1 accuracy on the held-out set at or above ${HELDOUT_TOP1_FLOOR}`, () => {
		expect(storyHeldout.metrics.top1.value ?? 0, `held-out top-1 misses: ${failedIds(storyHeldout, 'answerable')}`).toBeGreaterThanOrEqual(
			HELDOUT_TOP1_FLOOR - EPSILON,
		);
	});

	it('quotes only verbatim substrings of the cited paragraphs on the held-out set', () => {
		expect(storyHeldout.metrics.verbatim.checked).toBeGreaterThan(0);
		expect(storyHeldout.metrics.verbatim.violations).toEqual([]);
	});

	it(`refuses at least ${ABSTENTION_RECALL_FLOOR * 100}% of out-of-corpus questions`, () => {
		expect(story.metrics.abstentionRecall.value ?? 0, `answered out-of-corpus: ${failedIds(story, 'out-of-corpus')}`).toBeGreaterThanOrEqual(ABSTENTION_RECALL_FLOOR - EPSILON);
	});
});
