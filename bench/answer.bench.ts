/**
 * Answers end to end (retrieval, sentence selection, citations, disagreements) for the question mix: the engine
 * beside the same answer code over default MiniSearch retrieval. Then the served mix (see `servedMix`) the way the
 * CLI and Discord serve it: in process, each question's whole reply (answer, corpus status, JSON and the Discord
 * reply), and through `ask --json --batch` itself; both as a mean over the 1,000 questions from a fresh start, so
 * first-time costs count as they do for a user.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { openLibrary } from '../src/answer/library.js';
import { formatAnswer } from '../src/discord/format.js';
import { silentLogger } from '../src/logger.js';
import { ParagraphIndex } from '../src/search/paragraphIndex.js';
import { StoryEngine } from '../src/storyEngine.js';
import { BBC_ARCHIVE, repoRoot } from '../test/eval/archiveCorpus.js';
import { runConcern } from './child.js';
import { buildDefaultIndex, DefaultSearchIndex } from './defaults.js';
import { benchQuestions, collectGarbage, firstPass, latencies, median, percentile, servedMix } from './measure.js';
import { makeScaleCorpus } from './scales.js';

const DEFAULT_PASSES = 2;

/**
 * Runs `npm run ask -- --json --batch` with the lines on standard input and returns when each answer line arrived:
 * the CLI's own per-question cost, start-up excluded, is in the gaps between them.
 */
function batchArrivals(corpusDir: string, dataDir: string, lines: readonly string[]): Promise<number[]> {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', '--silent', 'ask', '--', '--json', '--batch', '--corpus', corpusDir], {
			cwd: repoRoot,
			env: { ...process.env, DATA_DIR: dataDir },
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		const arrivals: number[] = [];
		let pending = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			const now = performance.now();
			pending += chunk;
			const received = pending.split('\n');
			pending = received.pop()!;
			for (const line of received) if (line.trim() !== '') arrivals.push(now);
		});
		child.on('error', reject);
		child.on('close', () => {
			if (arrivals.length !== lines.length) return reject(new Error(`the batch CLI printed ${arrivals.length} answers, expected ${lines.length}`));
			resolve(arrivals);
		});
		child.stdin.end(`${lines.join('\n')}\n`);
	});
}

/** The questions `passes + 1` times over; the gaps between answer lines after the first pass. */
async function batchGaps(corpusDir: string, dataDir: string, questions: readonly string[], passes: number): Promise<number[]> {
	const arrivals = await batchArrivals(corpusDir, dataDir, Array.from({ length: passes + 1 }, () => questions).flat());
	const timed = arrivals.slice(questions.length - 1);
	return timed.slice(1).map((at, index) => at - timed[index]!);
}

/** Mean time per answer line after the first, over the whole batch. */
async function batchMean(corpusDir: string, dataDir: string, lines: readonly string[]): Promise<number> {
	const arrivals = await batchArrivals(corpusDir, dataDir, lines);
	return (arrivals.at(-1)! - arrivals[0]!) / (arrivals.length - 1);
}

/** What a reply costs beyond the answer: the corpus status for the footer, the CLI's JSON, Discord's reply. */
function serve(engine: StoryEngine, question: string): void {
	const answer = engine.answer(question);
	JSON.stringify(answer);
	formatAnswer(answer, engine.status(), { session: 'bench', ephemeral: false });
}

/**
 * Mean per question over the mix as a fresh CLI or bot meets it: an engine opened from its snapshot (the first open
 * builds and saves it), with the build's garbage collected, in a process that has answered nothing yet. Once: a second
 * run in the same process would have its code already optimized.
 */
async function servedMean(corpusDir: string, cacheDir: string, mix: readonly string[]): Promise<number> {
	await StoryEngine.open({ corpusDir, cacheDir, logger: silentLogger });
	const engine = await StoryEngine.open({ corpusDir, cacheDir, logger: silentLogger });
	if (engine.status().startedFrom !== 'snapshot') throw new Error('the served mix expected an engine started from its snapshot');
	collectGarbage();
	const started = performance.now();
	for (const question of mix) serve(engine, question);
	return (performance.now() - started) / mix.length;
}

await runConcern('answer', async ({ scale, runs, scratch, dataDir, metric, fact }) => {
	const corpus = await makeScaleCorpus(scale);
	try {
		const { all, story, news } = await benchQuestions();
		const mix = await servedMix(path.join(dataDir, BBC_ARCHIVE));
		// Where the batch CLI keeps its snapshots (DATA_DIR/cache), so that the engines here and the CLI share one.
		const cacheDir = path.join(scratch, 'cache');
		if (mix) {
			// First, before anything warms this process: a fresh CLI or bot meets the mix cold too.
			metric('served mix, mean per reply (in process)', 'ms', await servedMean(corpus.dir, cacheDir, mix));
			metric('served mix, mean per reply (ask --json --batch)', 'ms', await batchMean(corpus.dir, scratch, mix));
		}
		const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir, logger: silentLogger });
		const ask = (question: string) => engine.answer(question);
		const cold = firstPass(all, ask);
		const tuned = latencies(all, runs, ask);
		fact('questions', all.length);
		fact('tunedMaxMs', tuned.max);
		fact('firstTimeP50Ms', cold.p50);
		fact('firstTimeP99Ms', cold.p99);
		fact('storyQuestionsP99Ms', latencies(story, 1, ask).p99);
		fact('newsQuestionsP99Ms', latencies(news, 1, ask).p99);

		const gaps = await batchGaps(corpus.dir, scratch, all, Math.min(runs, 3));
		fact('batchCliP50Ms', median(gaps));
		fact('batchCliP99Ms', percentile(gaps, 0.99));

		const { articles } = await loadCorpus(corpus.dir);
		const library = openLibrary(new Map(articles.map((article) => [article.id, article])), new DefaultSearchIndex(buildDefaultIndex(articles), ParagraphIndex.build(articles)));
		const defaults = latencies(all, Math.min(runs, DEFAULT_PASSES), (question) => answerQuestion(library, question));
		metric('answer p50', 'ms', tuned.p50, defaults.p50);
		metric('answer p99', 'ms', tuned.p99, defaults.p99);
	} finally {
		await corpus.cleanup();
	}
});
