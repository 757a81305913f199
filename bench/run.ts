/**
 * `npm run bench [-- --scales=story,story-bbc,story-bbc-reuters] [--only=answer,memory] [--runs=N] [--quick]`
 *
 * Runs one benchmark file per concern, each in a child process of its own, at each scale whose archives are present,
 * then prints one table (tuned / default, and the ratio default ÷ tuned: above 1 means the tuned engine is faster or
 * smaller) and writes every figure to bench/results/. Start-up and memory run one fresh process per mode and run.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultArchiveDir, repoRoot } from '../test/eval/archiveCorpus.js';
import { type ConcernResult, type Metric, RESULT_MARKER } from './child.js';
import { median } from './measure.js';
import { LONG_RUN_QUESTIONS, type OpenMode } from './open.js';
import { availableScales, makeScaleCorpus, SCALE_KEYS, type Scale, type ScaleKey } from './scales.js';

const CONCERNS = ['build', 'snapshot', 'search', 'answer', 'refresh', 'startup', 'memory'] as const;
type Concern = (typeof CONCERNS)[number];

const USAGE = `usage: npm run bench -- [--scales=${SCALE_KEYS.join(',')}] [--only=${CONCERNS.join(',')}] [--runs=N] [--quick] [--data-dir=DIR]`;

interface Row extends Metric {
	concern: string;
	scale: ScaleKey;
}

function listOption<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T[] {
	if (value === undefined) return [...allowed];
	const items = value.split(',').map((item) => item.trim()) as T[];
	const unknown = items.filter((item) => !allowed.includes(item));
	if (unknown.length > 0) throw new Error(`unknown ${name}: ${unknown.join(', ')}\n${USAGE}`);
	return items;
}

function runChild(concern: Concern, scale: Scale, args: Record<string, string | number>): Promise<ConcernResult> {
	const file = path.join(repoRoot, 'bench', `${concern}.bench.ts`);
	const flags = Object.entries({ scale: scale.key, ...args }).map(([name, value]) => `--${name}=${value}`);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...flags], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
			if (code !== 0 || !line) return reject(new Error(`${concern} (${scale.label}${args.mode ? `, ${args.mode}` : ''}) failed with exit code ${code}`));
			resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as ConcernResult);
		});
	});
}

/** Start-up and memory: fresh processes sharing one corpus directory, so the rebuilds leave the snapshots the others load. */
async function runPerMode(concern: 'startup' | 'memory', scale: Scale, runs: number, dataDir: string): Promise<ConcernResult[]> {
	const corpus = await makeScaleCorpus(scale);
	const cacheDir = await mkdtemp(path.join(os.tmpdir(), `bench-${concern}-cache-`));
	const modes: (OpenMode | 'idle')[] = concern === 'memory' ? ['idle', 'rebuild', 'snapshot', 'default-rebuild', 'default-snapshot'] : ['rebuild', 'snapshot', 'default-rebuild', 'default-snapshot'];
	const results: ConcernResult[] = [];
	try {
		for (const mode of modes) {
			for (let run = 0; run < (concern === 'memory' ? 1 : runs); run++) {
				results.push(await runChild(concern, scale, { mode, 'corpus-dir': corpus.dir, 'cache-dir': cacheDir, 'data-dir': dataDir }));
			}
		}
	} finally {
		await corpus.cleanup();
		await rm(cacheDir, { recursive: true, force: true });
	}
	return results;
}

/** The figure `name` of the runs in `mode`, as a median over those runs. */
function modeMedian(results: readonly ConcernResult[], mode: string, name: string): number | null {
	const values = results.filter((result) => result.mode === mode).flatMap((result) => result.metrics.filter((metric) => metric.name === name).map((metric) => metric.tuned));
	return values.length === 0 ? null : median(values);
}

/** Pairs each tuned mode with its default counterpart in one row. */
function perModeRows(concern: 'startup' | 'memory', scale: ScaleKey, results: readonly ConcernResult[]): Row[] {
	const rows: Row[] = [];
	const pair = (name: string, metric: string, mode: 'snapshot' | 'rebuild', unit: Metric['unit']) => {
		const tuned = modeMedian(results, mode, metric);
		if (tuned !== null) rows.push({ concern, scale, name, unit, tuned, default: modeMedian(results, `default-${mode}`, metric) });
	};
	if (concern === 'startup') {
		pair('start-up from snapshot (to 1st answer)', 'process start to first answer', 'snapshot', 'ms');
		pair('full rebuild (to 1st answer)', 'process start to first answer', 'rebuild', 'ms');
	} else {
		pair('peak RSS, from snapshot', 'peak RSS', 'snapshot', 'MB');
		pair('peak RSS, rebuild', 'peak RSS', 'rebuild', 'MB');
		pair('retained heap, serving', 'retained heap', 'snapshot', 'MB');
		pair(`peak RSS, after ${LONG_RUN_QUESTIONS.toLocaleString('en')} more questions`, 'peak RSS after a long run', 'snapshot', 'MB');
		const idle = modeMedian(results, 'idle', 'peak RSS');
		if (idle !== null) rows.push({ concern, scale, name: 'peak RSS, idle process', unit: 'MB', tuned: idle, default: null });
	}
	return rows;
}

function formatValue(value: number, unit: Metric['unit']): string {
	if (unit === 'ms' && value >= 1000) return `${(value / 1000).toFixed(2)} s`;
	const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
	return `${value.toFixed(digits)} ${unit}`;
}

function formatCell(row: Row | undefined): string {
	if (!row) return '';
	const tuned = formatValue(row.tuned, row.unit);
	if (row.default === null) return tuned;
	return `${tuned} / ${formatValue(row.default, row.unit)} (${(row.default / row.tuned).toFixed(1)}×)`;
}

function formatTable(rows: readonly Row[], scales: readonly Scale[]): string {
	const names = [...new Set(rows.map((row) => row.name))];
	const header = ['metric (tuned / default (default ÷ tuned))', ...scales.map((scale) => scale.label)];
	const body = names.map((name) => [name, ...scales.map((scale) => formatCell(rows.find((row) => row.name === name && row.scale === scale.key)))]);
	const widths = header.map((_, column) => Math.max(...[header, ...body].map((line) => line[column]!.length)));
	return [header, ...body].map((line) => line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			scales: { type: 'string' },
			only: { type: 'string' },
			runs: { type: 'string' },
			quick: { type: 'boolean', default: false },
			'data-dir': { type: 'string', default: defaultArchiveDir },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) return console.log(USAGE);
	const concerns = listOption(values.only, CONCERNS, 'concern');
	const runs = Number(values.runs ?? (values.quick ? 1 : 5));
	const dataDir = path.resolve(values['data-dir']);
	const { scales, skipped } = await availableScales(listOption(values.scales, SCALE_KEYS, 'scale'), dataDir);
	for (const message of skipped) console.log(message);

	const results: ConcernResult[] = [];
	const rows: Row[] = [];
	for (const scale of scales) {
		for (const concern of concerns) {
			console.error(`${scale.label}: ${concern}…`);
			if (concern === 'startup' || concern === 'memory') {
				// Start-up runs a full rebuild per run: three are enough for a median.
				const modeResults = await runPerMode(concern, scale, Math.min(runs, 3), dataDir);
				results.push(...modeResults);
				rows.push(...perModeRows(concern, scale.key, modeResults));
			} else {
				const result = await runChild(concern, scale, { runs, 'data-dir': dataDir });
				results.push(result);
				rows.push(...result.metrics.map((metric) => ({ ...metric, concern, scale: scale.key })));
			}
		}
	}

	console.log(`\n${formatTable(rows, scales)}\n`);
	for (const result of results.filter((candidate) => Object.keys(candidate.facts).length > 0)) {
		const facts = Object.entries(result.facts).map(([name, value]) => `${name}=${typeof value === 'number' ? Number(value.toFixed(2)) : value}`);
		console.log(`${result.concern} (${result.scale}${result.mode ? `, ${result.mode}` : ''}): ${facts.join(', ')}`);
	}
	const outDir = path.join(repoRoot, 'bench', 'results');
	await mkdir(outDir, { recursive: true });
	const file = path.join(outDir, `bench-${new Date().toISOString().replaceAll(':', '-')}.json`);
	const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: os.totalmem() / 1e9, node: process.version };
	await writeFile(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, runs, skipped, rows, results }, null, '\t')}\n`);
	console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
});
