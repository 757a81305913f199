/**
 * Answers end to end (retrieval, sentence selection, citations, disagreements) for the question mix: the engine
 * beside the same answer code over default MiniSearch retrieval, and the batch CLI's per-question cost.
 */
import { spawn } from 'node:child_process';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { openLibrary } from '../src/answer/library.js';
import { silentLogger } from '../src/logger.js';
import { ParagraphIndex } from '../src/search/paragraphIndex.js';
import { StoryEngine } from '../src/storyEngine.js';
import { repoRoot } from '../test/eval/archiveCorpus.js';
import { runConcern } from './child.js';
import { buildDefaultIndex, DefaultSearchIndex } from './defaults.js';
import { benchQuestions, firstPass, latencies, median, percentile } from './measure.js';
import { makeScaleCorpus } from './scales.js';

const DEFAULT_PASSES = 2;

/**
 * Runs `npm run ask -- --json --batch` with the questions `passes + 1` times over on standard input and times the
 * gaps between answer lines after the first pass: the CLI's own per-question cost, start-up excluded.
 */
function batchGaps(corpusDir: string, dataDir: string, questions: readonly string[], passes: number): Promise<number[]> {
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
			const lines = pending.split('\n');
			pending = lines.pop()!;
			for (const line of lines) if (line.trim() !== '') arrivals.push(now);
		});
		child.on('error', reject);
		child.on('close', () => {
			const expected = questions.length * (passes + 1);
			if (arrivals.length !== expected) return reject(new Error(`the batch CLI printed ${arrivals.length} answers, expected ${expected}`));
			const timed = arrivals.slice(questions.length - 1);
			resolve(timed.slice(1).map((at, index) => at - timed[index]!));
		});
		for (let pass = 0; pass <= passes; pass++) child.stdin.write(`${questions.join('\n')}\n`);
		child.stdin.end();
	});
}

await runConcern('answer', async ({ scale, runs, scratch, metric, fact }) => {
	const corpus = await makeScaleCorpus(scale);
	try {
		const { all, story, news } = await benchQuestions();
		const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir: scratch, logger: silentLogger, persist: false });
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
