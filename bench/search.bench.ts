/**
 * Paragraph search for the question mix: the engine's search (what `search` and `/search` run: analysis, retrieval,
 * highlights) beside default MiniSearch searching the raw question with fuzzy 0.2 and prefix, and exactly.
 */
import { silentLogger } from '../src/logger.js';
import { StoryEngine } from '../src/storyEngine.js';
import { runConcern } from './child.js';
import { buildDefaultIndex } from './defaults.js';
import { benchQuestions, latencies } from './measure.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { makeScaleCorpus } from './scales.js';

/** Default MiniSearch takes up to seconds per question at archive scale; one timed pass keeps the run short. */
const DEFAULT_PASSES = 1;

await runConcern('search', async ({ scale, runs, scratch, metric, fact }) => {
	const corpus = await makeScaleCorpus(scale);
	try {
		const { all } = await benchQuestions();
		const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir: scratch, logger: silentLogger, persist: false });
		const tuned = latencies(all, runs, (question) => engine.search(question, { limit: 10 }));
		const miniSearch = buildDefaultIndex((await loadCorpus(corpus.dir)).articles);
		const fuzzy = latencies(all, Math.min(runs, DEFAULT_PASSES), (question) => miniSearch.search(question, { fuzzy: 0.2, prefix: true }).slice(0, 10));
		const exact = latencies(all, Math.min(runs, DEFAULT_PASSES), (question) => miniSearch.search(question).slice(0, 10));
		metric('search p50', 'ms', tuned.p50, fuzzy.p50);
		metric('search p99', 'ms', tuned.p99, fuzzy.p99);
		fact('questions', all.length);
		fact('tunedMaxMs', tuned.max);
		fact('defaultExactP50Ms', exact.p50);
		fact('defaultExactP99Ms', exact.p99);
	} finally {
		await corpus.cleanup();
	}
});
