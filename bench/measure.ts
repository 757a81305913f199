/**
 * Timing and memory helpers. The machine is shared and noisy (2 cores), so every figure is a median over repeated
 * runs, taken after a warm-up, and each tuned figure is reported beside the default one measured in the same process.
 */
import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export { yieldToEventLoop };

export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function median(samples: readonly number[]): number {
	return percentile(samples, 0.5);
}

export function elapsed<T>(work: () => T): { value: T; ms: number } {
	const started = performance.now();
	const value = work();
	return { value, ms: performance.now() - started };
}

export async function elapsedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = performance.now();
	const value = await work();
	return { value, ms: performance.now() - started };
}

/** Collects garbage when the process was started with --expose-gc, so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
	globalThis.gc?.();
}

/** Median of `runs` timings of `work`, each after a full collection. */
export async function repeat(runs: number, work: () => unknown): Promise<{ median: number; runs: number[] }> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		collectGarbage();
		times.push((await elapsedAsync(async () => work())).ms);
	}
	return { median: median(times), runs: times };
}

export interface LatencySummary {
	/** Median over passes of each pass's p50 and p99: one slow pass on a shared machine does not set the figure. */
	p50: number;
	p99: number;
	max: number;
	/** Questions per pass. */
	count: number;
	passes: number;
}

/** Times `ask` on every question, pass after pass, after one untimed warm-up pass. */
export function latencies(questions: readonly string[], passes: number, ask: (question: string) => unknown): LatencySummary {
	for (const question of questions) ask(question);
	const p50s: number[] = [];
	const p99s: number[] = [];
	let max = 0;
	for (let pass = 0; pass < passes; pass++) {
		collectGarbage();
		const times = questions.map((question) => elapsed(() => ask(question)).ms);
		p50s.push(percentile(times, 0.5));
		p99s.push(percentile(times, 0.99));
		max = Math.max(max, ...times);
	}
	return { p50: median(p50s), p99: median(p99s), max, count: questions.length, passes };
}

/** The first time each question is asked, when nothing about its paragraphs is cached yet. */
export function firstPass(questions: readonly string[], ask: (question: string) => unknown): { p50: number; p99: number } {
	const times = questions.map((question) => elapsed(() => ask(question)).ms);
	return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
	return process.resourceUsage().maxRSS / 1024;
}

/** Live heap after a full collection, in MB: what the data structures hold, without garbage. */
export function retainedHeapMb(): number {
	collectGarbage();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

const storyQuestionsFile = fileURLToPath(new URL('../test/eval/questions.json', import.meta.url));
const newsQuestionsFile = fileURLToPath(new URL('./newsQuestions.json', import.meta.url));

/**
 * The question mix: every story question of the evaluation (facts, misspellings, disagreements, out-of-corpus)
 * and general news questions that fit the BBC and Reuters archives.
 */
export async function benchQuestions(): Promise<{ story: string[]; news: string[]; all: string[] }> {
	const story = (JSON.parse(await readFile(storyQuestionsFile, 'utf8')) as { question: string }[]).map((item) => item.question);
	const news = JSON.parse(await readFile(newsQuestionsFile, 'utf8')) as string[];
	return { story, news, all: [...story, ...news] };
}

/** Story questions and BBC headlines in the served mix, each; then repeated to `SERVED_MIX_LENGTH`. */
const SERVED_MIX_EACH = 50;
const SERVED_MIX_LENGTH = 1_000;

/**
 * The mix issue 11 measured the batch CLI with: 50 story questions and 50 BBC headlines asked as questions (spread
 * over the archive's categories), repeated to 1,000. The headlines reach archive articles the story questions never
 * do, and most are not covered, so both passes of an answer run (the story, then the whole corpus).
 * The headlines are read from the archive file where it is; null when it is absent.
 */
export async function servedMix(bbcArchive: string): Promise<string[] | null> {
	let titles: string[];
	try {
		titles = gunzipSync(await readFile(bbcArchive))
			.toString('utf8')
			.trim()
			.split('\n')
			.map((line) => (JSON.parse(line) as { title: string }).title);
	} catch {
		return null;
	}
	const { story } = await benchQuestions();
	const step = Math.floor(titles.length / SERVED_MIX_EACH);
	const headlines = Array.from({ length: SERVED_MIX_EACH }, (_, index) => titles[index * step]!);
	const distinct = [...story.slice(0, SERVED_MIX_EACH), ...headlines];
	return Array.from({ length: SERVED_MIX_LENGTH }, (_, index) => distinct[index % distinct.length]!);
}
