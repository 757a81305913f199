/**
 * `npm run eval [-- --set=tuning|heldout|all] [--stories=tuning|heldout|all|none] [--archive[=all]] [--json[=FILE]] [--data-dir=DIR]`
 *
 * Evaluates the engine on the stories of `test/eval/stories/` (each its own corpus, read from the archives), beside the
 * plain BM25 baseline in the same run, per story and pooled by split: the held-out line is the one that counts.
 * `--stories` picks the splits (default all; their misses are printed for the tuning split only, so held-out stories
 * stay unread).
 * Then it evaluates the bundled story corpus and prints the metrics, and the misses of its tuning set only (its
 * held-out set stays unread too). `--set` picks its question set: the tuning set (default), the held-out set, or `all`
 * for both, each reported separately (the engine is opened once per corpus).
 * With `--archive` the story is also evaluated with the BBC archive loaded alongside it (`--archive=all` adds Reuters),
 * side by side with the drop in points.
 * `--json` prints machine-readable results instead of the tables; `--json=FILE` writes them to FILE as well as printing the tables.
 * Per-question results are included for the tuning set only, as misses are printed for it only.
 * With one set the JSON is that set's object (`set`, `questions`, `runs`, `drops`); with `--set=all` it is `{ generatedAt, sets: [...] }`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
import {
	BBC_ARCHIVE,
	REUTERS_ARCHIVE,
	defaultArchiveDir,
	fileExists,
	makeCorpusWithArchives,
	repoRoot,
	storyCorpusDir,
} from './archiveCorpus.js';
import { evaluate, type EvalReport } from './evaluate.js';
import { dropInPoints, formatChanges, formatKindTable, formatMetricsTable, formatMisses, formatStoryTable, type StoryRow } from './format.js';
import { metricsOf } from './evaluate.js';
import { type StorySplit, storySplits } from './stories.js';
import { pooledResults, runStories, type StoryRun } from './storyRuns.js';
import { loadQuestionSet, parseSetOption, type EvalQuestion, type QuestionSetName } from './questions.js';

const USAGE = 'usage: npm run eval -- [--set=tuning|heldout|all] [--stories=tuning|heldout|all|none] [--archive | --archive=all] [--json | --json=FILE] [--data-dir=DIR]';

interface Options {
	sets: QuestionSetName[];
	stories: StorySplit[];
	archive: 'none' | 'bbc' | 'all';
	json: { to: 'stdout' } | { to: 'file'; file: string } | null;
	dataDir: string;
}

interface RunSpec {
	key: string;
	label: string;
	archives: string[];
}

interface QuestionSet {
	name: QuestionSetName;
	questions: EvalQuestion[];
}

interface RunOutcome {
	key: string;
	label: string;
	archives: string[];
	documents: number;
	paragraphs: number;
	corpusProblems: number;
	openSeconds: number;
	/** One report per question set, keyed by set name. */
	reports: Map<QuestionSetName, EvalReport>;
}

function parseOptions(argv: readonly string[]): Options {
	const options: Options = { sets: ['tuning'], stories: [...storySplits], archive: 'none', json: null, dataDir: defaultArchiveDir };
	for (const arg of argv) {
		if (arg.startsWith('--set=')) {
			const sets = parseSetOption(arg.slice('--set='.length));
			if (!sets) {
				console.error(`Unknown question set in "${arg}".\n${USAGE}`);
				process.exit(2);
			}
			options.sets = sets;
		} else if (arg.startsWith('--stories=')) {
			const value = arg.slice('--stories='.length);
			if (value === 'all') options.stories = [...storySplits];
			else if (value === 'none') options.stories = [];
			else if ((storySplits as readonly string[]).includes(value)) options.stories = [value as StorySplit];
			else {
				console.error(`Unknown story split in "${arg}".\n${USAGE}`);
				process.exit(2);
			}
		} else if (arg === '--archive' || arg === '--archive=bbc') options.archive = 'bbc';
		else if (arg === '--archive=all') options.archive = 'all';
		else if (arg === '--json') options.json = { to: 'stdout' };
		else if (arg.startsWith('--json=')) options.json = { to: 'file', file: path.resolve(arg.slice('--json='.length)) };
		else if (arg.startsWith('--data-dir=')) options.dataDir = path.resolve(arg.slice('--data-dir='.length));
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`Unknown option "${arg}".\n${USAGE}`);
			process.exit(2);
		}
	}
	return options;
}

async function runOne(spec: RunSpec, sets: readonly QuestionSet[]): Promise<RunOutcome> {
	const corpus = spec.archives.length === 0 ? { dir: storyCorpusDir, cleanup: async () => {} } : await makeCorpusWithArchives(storyCorpusDir, spec.archives);
	try {
		// Snapshots are keyed by corpus hash; one directory per run keeps the story and archive snapshots from displacing each other.
		const cacheDir = path.join(repoRoot, 'data', 'cache', 'eval', spec.key);
		await mkdir(cacheDir, { recursive: true });
		const started = performance.now();
		// An archive run reads a fresh temporary directory, whose snapshot could never be found again: don't write one.
		const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir, logger: silentLogger, persist: spec.archives.length === 0 });
		const openSeconds = (performance.now() - started) / 1000;
		const status = engine.status();
		return {
			...spec,
			documents: status.documents,
			paragraphs: status.paragraphs,
			corpusProblems: status.lastRefresh.problems.length,
			openSeconds,
			reports: new Map(sets.map((set) => [set.name, evaluate(engine, set.questions)])),
		};
	} finally {
		await corpus.cleanup();
	}
}

/** The JSON object for one question set over every run. */
function setJson(set: QuestionSet, outcomes: readonly RunOutcome[]) {
	const reportOf = (outcome: RunOutcome) => outcome.reports.get(set.name)!;
	const baseline = reportOf(outcomes[0]!);
	return {
		set: set.name,
		questions: set.questions.length,
		runs: outcomes.map(({ reports, ...run }) => {
			const report = reports.get(set.name)!;
			// Per-question results of the held-out set would show its misses to whoever reads the file: figures only.
			return { ...run, metrics: report.metrics, ...(set.name === 'tuning' ? { results: report.results } : {}) };
		}),
		drops: outcomes.slice(1).map((outcome) => ({
			label: outcome.label,
			top1Points: dropInPoints(baseline.metrics.top1, reportOf(outcome).metrics.top1),
			top3Points: dropInPoints(baseline.metrics.top3, reportOf(outcome).metrics.top3),
		})),
	};
}

/** The tables for one question set: metrics per run, per-kind table and misses for the story run, changes with archives. */
function printSet(set: QuestionSet, outcomes: readonly RunOutcome[], heading: boolean): void {
	const labelled = outcomes.map((outcome) => ({ label: outcome.label, report: outcome.reports.get(set.name)! }));
	const [story, ...others] = labelled;
	const kinds = Object.entries(story!.report.metrics.byKind)
		.map(([kind, metrics]) => `${metrics.questions} ${kind}`)
		.join(', ');
	if (heading) console.log(`\n=== ${set.name} set ===`);
	console.log(`\n${set.questions.length} ${set.name} questions (${kinds})\n`);
	console.log(`${formatMetricsTable(labelled)}\n`);
	console.log(`${formatKindTable(story!.report)}\n`);
	// The held-out set's questions stay unread, like the held-out stories': a miss read there would make it tuning.
	if (set.name !== 'tuning') return;
	console.log(formatMisses(story!.report));
	for (const other of others) console.log(`\n${formatChanges(story!.report, other)}`);
}

/** A pooled report over several stories' results. */
function pooled(runs: readonly StoryRun[], which: 'engine' | 'baseline'): EvalReport {
	const results = pooledResults(runs, which);
	const violations = runs.flatMap((run) => run[which].metrics.verbatim.violations);
	const checked = runs.reduce((sum, run) => sum + run[which].metrics.verbatim.checked, 0);
	return { metrics: metricsOf(results, { checked, violations }), results };
}

function storyRows(runs: readonly StoryRun[]): StoryRow[] {
	const rows: StoryRow[] = runs.map((run) => ({ label: run.story.slug, split: run.story.split, engine: run.engine, baseline: run.baseline }));
	for (const split of storySplits) {
		const inSplit = runs.filter((run) => run.story.split === split);
		if (inSplit.length > 0) rows.push({ label: `ALL ${split.toUpperCase()}`, split, engine: pooled(inSplit, 'engine'), baseline: pooled(inSplit, 'baseline') });
	}
	return rows;
}

function printStories(runs: readonly StoryRun[]): void {
	const rows = storyRows(runs);
	console.log(`\n=== ${runs.length} stories, each its own corpus (${runs.reduce((sum, run) => sum + run.story.questions.length, 0)} questions); baseline = plain BM25 ===\n`);
	console.log(formatStoryTable(rows));
	for (const split of storySplits) {
		const row = rows.find((candidate) => candidate.label === `ALL ${split.toUpperCase()}`);
		if (row) console.log(`\n${split} by kind:\n${formatKindTable(row.engine)}`);
	}
	for (const split of storySplits) {
		const results = pooledResults(runs.filter((run) => run.story.split === split), 'otherStories');
		if (results.length === 0) continue;
		const counted = (outcome: string) => `${results.filter((result) => result.outcome === outcome).length}`;
		console.log(
			`\n${split}: each story asked the other ${split} stories' first fact question (${results.length} in all): not covered ${counted('not-covered')}, closest ${counted('closest')}, answered ${counted('answered')}`,
		);
	}
	const tuning = rows.find((row) => row.label === 'ALL TUNING');
	if (tuning) console.log(`\nTuning stories, misses:\n${formatMisses(tuning.engine)}`);
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const log = options.json?.to === 'stdout' ? (text: string) => console.error(text) : (text: string) => console.log(text);
	let storyRuns: StoryRun[] = [];
	if (options.stories.length > 0) {
		log(`Evaluating the ${options.stories.join(' + ')} stories…`);
		const runs = await runStories(options.stories, options.dataDir);
		if (runs === null) log(`Skipping the stories: archives not found in ${options.dataDir}.`);
		else storyRuns = runs;
	}
	const sets: QuestionSet[] = [];
	for (const name of options.sets) sets.push({ name, questions: await loadQuestionSet(name) });

	const specs: RunSpec[] = [{ key: 'story', label: 'story', archives: [] }];
	const wanted: Array<{ key: string; label: string; files: string[] }> = [];
	if (options.archive !== 'none') wanted.push({ key: 'story-bbc', label: 'story+BBC', files: [BBC_ARCHIVE] });
	if (options.archive === 'all') wanted.push({ key: 'story-bbc-reuters', label: 'story+BBC+Reuters', files: [BBC_ARCHIVE, REUTERS_ARCHIVE] });
	for (const run of wanted) {
		const files = run.files.map((file) => path.join(options.dataDir, file));
		const missing: string[] = [];
		for (const file of files) if (!(await fileExists(file))) missing.push(file);
		if (missing.length > 0) log(`Skipping ${run.label}: archive not found (${missing.join(', ')}).`);
		else specs.push({ key: run.key, label: run.label, archives: files });
	}

	const outcomes: RunOutcome[] = [];
	for (const spec of specs) {
		log(`Evaluating ${spec.label} (${sets.map((set) => set.name).join(' + ')})…`);
		outcomes.push(await runOne(spec, sets));
	}

	const generatedAt = new Date().toISOString();
	const perSet = sets.map((set) => setJson(set, outcomes));
	const stories = storyRows(storyRuns).map((row) => ({ story: row.label, split: row.split, engine: row.engine.metrics, baseline: row.baseline.metrics }));
	const json = perSet.length === 1 ? { generatedAt, stories, ...perSet[0]! } : { generatedAt, stories, sets: perSet };
	if (options.json?.to === 'stdout') {
		console.log(JSON.stringify(json, null, 2));
		return;
	}
	if (options.json?.to === 'file') await writeFile(options.json.file, `${JSON.stringify(json, null, 2)}\n`);

	if (storyRuns.length > 0) printStories(storyRuns);
	console.log('');
	for (const outcome of outcomes) {
		const problems = outcome.corpusProblems > 0 ? `, ${outcome.corpusProblems} file problem(s)` : '';
		console.log(`${outcome.label}: ${outcome.documents} documents, ${outcome.paragraphs} paragraphs${problems}; opened in ${outcome.openSeconds.toFixed(1)} s`);
	}
	for (const set of sets) printSet(set, outcomes, sets.length > 1);
	if (options.json?.to === 'file') console.log(`\nResults written to ${options.json.file}`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
});
