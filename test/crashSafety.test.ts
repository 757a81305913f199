/**
 * Crash safety: a child process uploads and reloads in a loop and is killed with SIGKILL at a random point; after
 * each kill the engine starts again on what is on disk (here, in this process) and must find every file parsing,
 * every acknowledged article present, no temporary file left, and a snapshot that is valid or rebuilt.
 *
 * A child costs ~0.8 s to start on a quiet machine (tsx, the lexical data, the index), so `npm test` kills it
 * CRASH_ROUNDS times (default 3) and `npm run test:crash` 50 times.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { isTemporaryFile } from '../src/fsAtomic.js';
import { StoryEngine } from '../src/storyEngine.js';
import { article, recordingLogger } from './support/corpusFixtures.js';
import { makeTempDir, type TempDir } from './support/tempDir.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
/** Kills land this long at most after the child is ready: long enough for a few dozen uploads and reloads. */
const MAX_KILL_DELAY_MS = 400;
const CHILD = path.resolve('test/support/crashChild.ts');

let corpus: TempDir;
let cache: TempDir;
/** Where the index built for comparison goes (never saved). */
let fresh: TempDir;
beforeAll(async () => {
	corpus = await makeTempDir('crash-corpus-');
	cache = await makeTempDir('crash-cache-');
	fresh = await makeTempDir('crash-fresh-');
	await corpus.write('harbour.md', article('Harbour fire', 'A fire broke out at the harbour on Monday.'));
});
afterAll(async () => {
	await corpus?.remove();
	await cache?.remove();
	await fresh?.remove();
});

/** Runs the child until it is ready, lets it work for `delay` ms, kills it; returns the ids it acknowledged. */
function runAndKill(round: number, delay: number): Promise<string[]> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CHILD, corpus.path, cache.path, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
		const acknowledged: string[] = [];
		let output = '';
		let errors = '';
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const lines = output.split('\n');
			output = lines.pop()!;
			for (const line of lines) {
				if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delay);
				else if (line.startsWith('added ')) acknowledged.push(...line.slice('added '.length).split(' ').filter(Boolean));
			}
		});
		child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`the child exited with ${code} before it was killed: ${errors}`))));
	});
}

const QUERIES = ['harbour fire', 'wire copy harbour', 'report replaced'];

/**
 * Every hit with its score. Paragraphs with equal scores come in the order they were indexed, which after
 * refreshes differs from a fresh build's, so they are compared as a set.
 */
function ranked(engine: StoryEngine, query: string): string[] {
	return engine
		.search(query, { limit: 10_000 })
		.hits.map((hit) => `${hit.score.toPrecision(12)} ${hit.citation.doc}#${hit.citation.paragraph}`)
		.sort();
}

describe('an upload and reload loop killed at random points', () => {
	it(`loses nothing it acknowledged, across ${ROUNDS} kills`, { timeout: 10_000 + ROUNDS * 10_000 }, async () => {
		const acknowledged = new Set<string>();
		let fromSnapshot = 0;
		for (let round = 0; round < ROUNDS; round++) {
			for (const id of await runAndKill(round, Math.random() * MAX_KILL_DELAY_MS)) acknowledged.add(id);
			const logger = recordingLogger();
			const engine = await StoryEngine.open({ corpusDir: corpus.path, cacheDir: cache.path, logger, persist: false });
			const context = `round ${round}`;
			expect((await loadCorpus(corpus.path)).problems, context).toEqual([]);
			const ids = new Set(engine.documents().map((doc) => doc.id));
			expect([...acknowledged].filter((id) => !ids.has(id)), context).toEqual([]);
			const [snapshots] = await readdir(cache.path);
			const leftovers = [...(await readdir(corpus.path)), ...(snapshots ? await readdir(path.join(cache.path, snapshots)) : [])].filter(isTemporaryFile);
			expect(leftovers, context).toEqual([]);
			// Written atomically, a snapshot is whole or absent: never one to discard. One that loaded ranks exactly as
			// the index built from the files does; otherwise the engine rebuilt.
			expect(logger.messages('warn'), context).not.toContain('Ignoring an unusable index snapshot; rebuilding');
			if (engine.status().startedFrom === 'snapshot') {
				fromSnapshot++;
				const built = await StoryEngine.open({ corpusDir: corpus.path, cacheDir: fresh.path, persist: false });
				for (const query of QUERIES) expect(ranked(engine, query), `${context}: ${query}`).toEqual(ranked(built, query));
			}
		}
		expect(acknowledged.size).toBeGreaterThan(0);
		console.info(`crash safety: ${ROUNDS} kills, ${acknowledged.size} acknowledged articles kept, ${fromSnapshot} restarts from a snapshot`);
	});
});
