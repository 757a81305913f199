/**
 * `npm run bench:startup [-- --runs=5] [--root=DIR] [--data-dir=DIR]`: start-up as a user of the CLI waits for it,
 * one fresh `npm run --silent ask` process per run, as medians:
 *   - one question on the bundled corpus, wall time to exit (target ≤ 0.8 s);
 *   - `--batch` on the story + BBC + Reuters (118k paragraphs), from the snapshot: from spawn to the first answer
 *     line (target ≤ 2 s); skipped, with a message, when the archives are absent.
 * Each setting runs once untimed first, which writes the snapshot the timed runs load. `--root` measures another
 * checkout (whatever its `ask` script runs: tsx before the build existed), for a before/after comparison.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultArchiveDir, repoRoot } from '../test/eval/archiveCorpus.js';
import { median } from './measure.js';
import { availableScales, makeScaleCorpus } from './scales.js';

const QUESTION = 'Who was killed in the raid?';

interface Run {
	firstLineMs: number;
	exitMs: number;
}

/** One `npm run --silent ask -- …args` in `root`, with the question on standard input for `--batch`. */
function ask(root: string, dataDir: string, args: string[]): Promise<Run> {
	const started = performance.now();
	const child = spawn('npm', ['run', '--silent', 'ask', '--', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
	child.stdin.end(args.includes('--batch') ? `${QUESTION}\n` : '');
	let firstLineMs: number | null = null;
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		if (firstLineMs === null && chunk.includes('\n')) firstLineMs = performance.now() - started;
	});
	// A corpus file skipped with a warning (an archive the corpus loader refused) would make the figure a smaller corpus's.
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0 || firstLineMs === null || stderr !== '') return reject(new Error(`npm run ask -- ${args.join(' ')} in ${root} failed (exit code ${code}):\n${stderr}`));
			resolve({ firstLineMs, exitMs: performance.now() - started });
		});
	});
}

async function measure(label: string, runs: number, once: () => Promise<Run>, figure: (run: Run) => number, target: number): Promise<void> {
	await once();
	const times: number[] = [];
	for (let run = 0; run < runs; run++) times.push(figure(await once()));
	const value = median(times) / 1000;
	console.log(`${label}: ${value.toFixed(2)} s median of ${runs} (target ≤ ${target} s; runs ${times.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`);
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, root: { type: 'string', default: repoRoot }, 'data-dir': { type: 'string', default: defaultArchiveDir } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number from 1');
const root = path.resolve(values.root);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-cli-startup-'));
// Wall time on a shared machine is only as good as the machine was quiet: the load is printed beside it.
const load = () => `${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;
console.log(`${root}: load average ${load()} at the start`);
try {
	await measure(`ask "${QUESTION}", bundled corpus, wall`, runs, () => ask(root, dataDir, [QUESTION]), (run) => run.exitMs, 0.8);
	const { scales, skipped } = await availableScales(['story-bbc-reuters'], values['data-dir']);
	for (const message of skipped) console.log(message);
	for (const scale of scales) {
		const corpus = await makeScaleCorpus(scale);
		try {
			const batch = ['--batch', '--json', '--corpus', corpus.dir];
			await measure(`ask --batch, story${scale.label}, from the snapshot, spawn to first answer`, runs, () => ask(root, dataDir, batch), (run) => run.firstLineMs, 2);
		} finally {
			await corpus.cleanup();
		}
	}
	console.log(`load average ${load()} at the end`);
} finally {
	await rm(dataDir, { recursive: true, force: true });
}
