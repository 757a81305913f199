/**
 * The evaluation checks that need the research archives (118k paragraphs): minutes, not seconds, so they run in
 * `npm run test:archive` (CI runs it after `npm test`). They skip cleanly when `../shared/data` is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
import { BBC_ARCHIVE, defaultArchiveDir, makeCorpusWithArchives, REUTERS_ARCHIVE, storyCorpusDir } from '../eval/archiveCorpus.js';
import { evaluate, metricsOf, type EvalReport } from '../eval/evaluate.js';
import { loadQuestionSet, type EvalQuestion } from '../eval/questions.js';
import { EPSILON, failedIds } from '../eval/reportChecks.js';
import { pooledResults, runStories, type StoryRun } from '../eval/storyRuns.js';
import { ARCHIVE_TOP1_MAX_DROP, HELDOUT_STORIES_ANSWERED_PRECISION_FLOOR, HELDOUT_STORIES_MIN_GAIN } from '../eval/thresholds.js';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

const bbcArchive = path.join(defaultArchiveDir, BBC_ARCHIVE);
const reutersArchive = path.join(defaultArchiveDir, REUTERS_ARCHIVE);
const hasArchives = existsSync(bbcArchive) && existsSync(reutersArchive);

describe.skipIf(!hasArchives)('the story corpus with the archives loaded', () => {
	let cache: TempDir;
	let questions: EvalQuestion[];
	let story: EvalReport;

	beforeAll(async () => {
		cache = await makeTempDir('story-eval-cache-');
		questions = await loadQuestionSet('tuning');
		const engine = await StoryEngine.open({ corpusDir: storyCorpusDir, cacheDir: cache.path, logger: silentLogger, persist: false });
		story = evaluate(engine, questions);
	}, 120_000);

	afterAll(() => cache?.remove());

	it.each([
		{ label: 'the BBC archive', archives: [bbcArchive] },
		{ label: 'the BBC and Reuters archives', archives: [bbcArchive, reutersArchive] },
	])(
		`loses at most ${ARCHIVE_TOP1_MAX_DROP * 100} points of top-1 accuracy with $label loaded`,
		async ({ archives }) => {
			const corpus = await makeCorpusWithArchives(storyCorpusDir, archives);
			try {
				const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir: cache.path, logger: silentLogger, persist: false });
				// A corpus that silently lost its archives would pass the drop check trivially.
				expect(engine.status().documents, 'documents loaded with the archives').toBeGreaterThan(1000);
				const withArchive = evaluate(engine, questions);
				expect(withArchive.metrics.verbatim.violations).toEqual([]);
				const drop = (story.metrics.top1.value ?? 0) - (withArchive.metrics.top1.value ?? 0);
				expect(drop, `top-1 misses with the archive: ${failedIds(withArchive, 'answerable')}`).toBeLessThanOrEqual(ARCHIVE_TOP1_MAX_DROP + EPSILON);
			} finally {
				await corpus.cleanup();
			}
		},
		300_000,
	);
});

describe.skipIf(!hasArchives)('held-out stories, each its own corpus, against the plain BM25 baseline', () => {
	let runs: StoryRun[];
	beforeAll(async () => {
		runs = (await runStories(['heldout'], defaultArchiveDir)) ?? [];
	}, 120_000);

	const pooled = (which: 'engine' | 'baseline') => metricsOf(pooledResults(runs, which), { checked: 0, violations: [] });

	it(`beats the baseline's top-1 by at least ${HELDOUT_STORIES_MIN_GAIN * 100} points`, () => {
		expect(runs.length).toBeGreaterThanOrEqual(5);
		const gain = (pooled('engine').top1.value ?? 0) - (pooled('baseline').top1.value ?? 0);
		expect(gain).toBeGreaterThanOrEqual(HELDOUT_STORIES_MIN_GAIN - EPSILON);
	});

	it(`is right at least ${HELDOUT_STORIES_ANSWERED_PRECISION_FLOOR * 100}% of the time when it answers`, () => {
		expect(pooled('engine').answeredPrecision.value ?? 0).toBeGreaterThanOrEqual(HELDOUT_STORIES_ANSWERED_PRECISION_FLOOR - EPSILON);
	});

	it('quotes only verbatim substrings of the cited paragraphs', () => {
		expect(runs.flatMap((run) => run.engine.metrics.verbatim.violations)).toEqual([]);
	});
});
