/**
 * Each benchmark file runs in a child process of its own (see run.ts), one scale at a time, so that its peak RSS
 * is its own and no run inherits another's heap. This is the child side: arguments in, one result line out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultArchiveDir } from '../test/eval/archiveCorpus.js';
import { peakRssMb } from './measure.js';
import { SCALE_KEYS, type Scale, type ScaleKey, scaleOf } from './scales.js';

/** One figure, tuned beside default where the default has an equivalent. Lower is better for every unit. */
export interface Metric {
	name: string;
	unit: 'ms' | 's' | 'MB';
	tuned: number;
	default: number | null;
}

export interface ConcernResult {
	concern: string;
	scale: ScaleKey;
	mode: string;
	metrics: Metric[];
	/** Facts that are not timings: sizes, counts, whether a refresh was incremental. */
	facts: Record<string, number | string | boolean>;
	peakRssMb: number;
}

export interface ChildContext {
	scale: Scale;
	runs: number;
	/** What a multi-mode benchmark measures in this process (start-up and memory run one mode per process). */
	mode: string;
	/** A corpus directory prepared by the parent, shared by children so that they share its snapshots. */
	corpusDir: string | null;
	cacheDir: string | null;
	/** Where the archives are read from. */
	dataDir: string;
	/** A scratch directory removed when the child ends (snapshots, edited corpus copies). */
	scratch: string;
	metric(name: string, unit: Metric['unit'], tuned: number, fallback?: number | null): void;
	fact(name: string, value: number | string | boolean): void;
}

export const RESULT_MARKER = 'BENCH_RESULT ';

export async function runConcern(concern: string, measure: (context: ChildContext) => Promise<void>): Promise<void> {
	const { values } = parseArgs({
		options: {
			scale: { type: 'string' },
			runs: { type: 'string', default: '5' },
			'data-dir': { type: 'string', default: defaultArchiveDir },
			mode: { type: 'string', default: '' },
			'corpus-dir': { type: 'string' },
			'cache-dir': { type: 'string' },
		},
	});
	const key = values.scale as ScaleKey;
	if (!SCALE_KEYS.includes(key)) throw new Error(`--scale must be one of ${SCALE_KEYS.join(', ')}`);
	const scratch = await mkdtemp(path.join(tmpdir(), `bench-${concern}-`));
	const result: ConcernResult = { concern, scale: key, mode: values.mode, metrics: [], facts: {}, peakRssMb: 0 };
	try {
		await measure({
			scale: scaleOf(key, values['data-dir']),
			runs: Math.max(1, Number(values.runs)),
			mode: values.mode,
			corpusDir: values['corpus-dir'] ?? null,
			cacheDir: values['cache-dir'] ?? null,
			dataDir: values['data-dir'],
			scratch,
			metric: (name, unit, tuned, fallback = null) => result.metrics.push({ name, unit, tuned, default: fallback }),
			fact: (name, value) => {
				result.facts[name] = value;
			},
		});
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
	result.peakRssMb = peakRssMb();
	process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}
