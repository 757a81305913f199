/**
 * One-article refreshes (an edited story file, an added article, its removal) through `StoryEngine.reload` on a
 * temporary corpus directory, while questions keep being answered; beside default MiniSearch applying the same
 * change with `discard` and `add` after the same loader.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type MiniSearch from 'minisearch';
import { type CorpusFileCache, loadCorpus } from '../src/corpus/loadCorpus.js';
import type { Article } from '../src/corpus/types.js';
import { silentLogger } from '../src/logger.js';
import { paragraphId } from '../src/search/searchIndex.js';
import { type RefreshReport, StoryEngine } from '../src/storyEngine.js';
import { runConcern } from './child.js';
import { buildDefaultIndex, type DefaultDocument, defaultDocuments } from './defaults.js';
import { benchQuestions, elapsedAsync, median, yieldToEventLoop } from './measure.js';
import { makeScaleCorpus } from './scales.js';

/** Answering goes on this long after a refresh returns, to catch work it leaves behind (the snapshot save). */
const AFTERMATH_MS = 500;

interface Change {
	kind: 'changed' | 'added' | 'removed';
	apply(): Promise<void>;
}

function changesFor(corpusDir: string, storyFile: string, original: string, run: number): Change[] {
	const added = path.join(corpusDir, `bench-added-${run}.md`);
	return [
		{ kind: 'changed', apply: () => writeFile(storyFile, `${original.trimEnd()} (Updated in run ${run}.)\n`) },
		{
			kind: 'added',
			apply: () =>
				writeFile(added, `---\ntitle: "Bench article ${run}"\npublisher: Bench\ndate: 2025-12-0${(run % 9) + 1}\n---\n\nA council vote on the harbour plan was delayed again.\n\nResidents said the plan would close the fish market.\n`),
		},
		{ kind: 'removed', apply: () => rm(added) },
	];
}

/** Keeps asking questions, one per event-loop turn, until `until` says stop; returns the longest wait between two. */
async function answerWhile(engine: StoryEngine, questions: readonly string[], until: () => boolean): Promise<{ answered: number; longestStallMs: number }> {
	let answered = 0;
	let longestStallMs = 0;
	let last = performance.now();
	while (!until()) {
		engine.answer(questions[answered % questions.length]!);
		answered++;
		await yieldToEventLoop();
		const now = performance.now();
		longestStallMs = Math.max(longestStallMs, now - last);
		last = now;
	}
	return { answered, longestStallMs };
}

/** The same change applied to default MiniSearch: re-read the corpus (cached per file), discard, add. */
class DefaultRefresher {
	#files: CorpusFileCache = new Map();
	#articles = new Map<string, Article>();

	constructor(
		readonly miniSearch: MiniSearch<DefaultDocument>,
		readonly corpusDir: string,
	) {}

	async prime(): Promise<void> {
		const load = await loadCorpus(this.corpusDir);
		this.#files = load.files;
		this.#articles = new Map(load.articles.map((article) => [article.id, article]));
	}

	async apply(report: RefreshReport): Promise<void> {
		const load = await loadCorpus(this.corpusDir, this.#files);
		const next = new Map(load.articles.map((article) => [article.id, article]));
		for (const id of [...report.changed, ...report.removed]) {
			for (const paragraph of this.#articles.get(id)!.paragraphs) this.miniSearch.discard(paragraphId(id, paragraph.number));
		}
		this.miniSearch.addAll(defaultDocuments([...report.changed, ...report.added].map((id) => next.get(id)!)));
		this.#files = load.files;
		this.#articles = next;
	}
}

await runConcern('refresh', async ({ scale, runs, scratch, metric, fact }) => {
	const corpus = await makeScaleCorpus(scale);
	try {
		const { all } = await benchQuestions();
		// Persisting, as in production: each refresh also saves the snapshot in the background.
		const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir: path.join(scratch, 'cache'), logger: silentLogger });
		const storyFile = path.join(corpus.dir, (await readdir(corpus.dir)).find((name) => name.endsWith('.md'))!);
		const original = await readFile(storyFile, 'utf8');
		const defaults = new DefaultRefresher(buildDefaultIndex((await loadCorpus(corpus.dir)).articles), corpus.dir);
		await defaults.prime();

		const durations: number[] = [];
		const walls: number[] = [];
		const defaultTimes: number[] = [];
		let stall = 0;
		let answeredDuring = 0;
		let incremental = true;
		for (let run = 0; run < runs; run++) {
			for (const change of changesFor(corpus.dir, storyFile, original, run)) {
				await change.apply();
				let done = false;
				const started = performance.now();
				const refresh = engine.reload('bench').finally(() => {
					done = true;
				});
				const during = await answerWhile(engine, all, () => done);
				const report = await refresh;
				walls.push(performance.now() - started);
				const aftermathEnd = performance.now() + AFTERMATH_MS;
				const after = await answerWhile(engine, all, () => performance.now() > aftermathEnd);
				durations.push(report.durationMs);
				stall = Math.max(stall, during.longestStallMs, after.longestStallMs);
				answeredDuring += during.answered;
				const touched = report.added.length + report.changed.length + report.removed.length;
				incremental &&= touched === 1 && report[change.kind].length === 1 && report.problems.length === 0;
				defaultTimes.push((await elapsedAsync(() => defaults.apply(report))).ms);
			}
		}
		await writeFile(storyFile, original);
		metric('one-article refresh', 'ms', median(durations), median(defaultTimes));
		fact('refreshWallMedianMs', median(walls));
		fact('refreshMaxMs', Math.max(...durations));
		fact('longestStallMs', stall);
		fact('questionsAnsweredDuringRefreshes', answeredDuring);
		fact('refreshes', durations.length);
		fact('incremental', incremental);
	} finally {
		await corpus.cleanup();
	}
});
