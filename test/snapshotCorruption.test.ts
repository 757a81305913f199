import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/logger.js';
import { StoryEngine } from '../src/storyEngine.js';
import { makeTempDir, type TempDir } from './support/tempDir.js';

const UNUSABLE = 'Ignoring an unusable index snapshot; rebuilding';

function recordingLogger(): Logger & { warnings: string[] } {
	const warnings: string[] = [];
	return { warnings, debug() {}, info() {}, error() {}, warn: (_details, message) => warnings.push(message) };
}

/** What a user could see change: whole answers, and the ranked paragraphs with their scores. */
function observe(engine: StoryEngine, questions: readonly string[]) {
	return questions.map((question) => ({ answer: engine.answer(question), search: engine.search(question, { limit: 20 }) }));
}

/**
 * Positions spread over the whole file (header, padding, every array, the checksum), plus the first and last bytes
 * and any named ones: one in each stretch of the file, at an offset within it that varies from one stretch to the
 * next, so that every byte of a 32-bit value gets its turn.
 */
function samplePositions(size: number, count: number, named: readonly number[] = []): number[] {
	const stretch = size / count;
	const spread = Array.from({ length: count }, (_, i) => Math.floor(i * stretch + ((i * 7919) % Math.max(1, Math.floor(stretch)))));
	return [...new Set([...named.filter((position) => position < size), ...spread, 0, 1, 4, size - 1])].sort((a, b) => a - b);
}

interface Story {
	corpusDir: string;
	questions: string[];
	/** Positions to flip beyond the sample (the reproduction). */
	named: number[];
	samples: number;
}

/** Starts once over the corpus, saving its snapshot, and hands `run` the snapshot file and a way to start again. */
async function withSavedSnapshot<T>(corpusDir: string, run: (file: string, open: (logger: Logger) => Promise<StoryEngine>, built: StoryEngine) => Promise<T>): Promise<T> {
	const cache = await makeTempDir('snapshot-flip-');
	try {
		const built = await StoryEngine.open({ corpusDir, cacheDir: cache.path, logger: recordingLogger() });
		const [directory] = await readdir(cache.path);
		const [name] = await readdir(path.join(cache.path, directory!));
		return await run(path.join(cache.path, directory!, name!), (logger) => StoryEngine.open({ corpusDir, cacheDir: cache.path, logger, persist: false }), built);
	} finally {
		await cache.remove();
	}
}

/**
 * Starts again after damaging the snapshot: either from the snapshot, silently, or by a rebuild that says why once and
 * deletes the file. Either way, exactly the answers and scores of before. Returns which it was.
 */
async function startAfterDamage(open: (logger: Logger) => Promise<StoryEngine>, file: string, questions: readonly string[], expected: unknown, what: string): Promise<'snapshot' | 'build'> {
	const logger = recordingLogger();
	const engine = await open(logger);
	const { startedFrom } = engine.status();
	expect(logger.warnings, what).toEqual(startedFrom === 'build' ? [UNUSABLE] : []);
	if (startedFrom === 'build') await expect(stat(file), `${what}: the unusable snapshot is deleted`).rejects.toMatchObject({ code: 'ENOENT' });
	expect(observe(engine, questions), what).toEqual(expected);
	return startedFrom;
}

/** One bit flipped, a different one from one position to the next. */
const flipped = (bytes: Buffer, position: number) => {
	const copy = Buffer.from(bytes);
	copy[position]! ^= 1 << position % 8;
	return copy;
};

/**
 * Flips one byte of a saved snapshot at a time and starts again: the start either rebuilds, saying so once, or
 * answers exactly as before. It never throws, and never serves different scores.
 */
function flipEachSampledByte({ corpusDir, questions, named, samples }: Story): Promise<{ flips: number; rebuilt: number }> {
	return withSavedSnapshot(corpusDir, async (file, open, built) => {
		const expected = observe(built, questions);
		const original = await readFile(file);
		let rebuilt = 0;
		const positions = samplePositions(original.length, samples, named);
		for (const position of positions) {
			await writeFile(file, flipped(original, position));
			if ((await startAfterDamage(open, file, questions, expected, `flip at ${position}`)) === 'build') rebuilt++;
		}
		return { flips: positions.length, rebuilt };
	});
}

const article = (title: string, body: string) => `---\ntitle: ${title}\npublisher: Test Wire\ndate: 2025-11-01\n---\n\n${body}\n`;

describe('snapshot corruption', () => {
	let small: TempDir;
	beforeAll(async () => {
		small = await makeTempDir('snapshot-flip-corpus-');
		await small.write('harbour.md', article('Harbour fire', 'A fire broke out at the harbour on Monday.\n\nFirefighters contained it by noon.'));
		await small.write('council.md', article('Council vote', 'The council voted to close the library after the harbour fire.'));
		await small.write('wire.md', article('Harbour reopens', 'The harbour reopened on Wednesday, two days after the fire.'));
	});
	afterAll(() => small.remove());

	it('a flipped byte anywhere in a small corpus\'s snapshot is rebuilt or harmless', async () => {
		const { flips, rebuilt } = await flipEachSampledByte({
			corpusDir: small.path,
			questions: ['When did the fire break out at the harbour?', 'council library', 'harbur reopened'],
			named: [],
			samples: 60,
		});
		expect(flips).toBeGreaterThan(50);
		expect(rebuilt).toBeGreaterThan(0);
	});

	it('the bundled story survives the flip of byte 18457 that used to stop every start', async () => {
		const { rebuilt } = await flipEachSampledByte({
			corpusDir: 'corpus',
			questions: ['Who was killed in the raid in Dumayr?', 'When did the raid happen?'],
			named: [18457],
			samples: 6,
		});
		expect(rebuilt).toBeGreaterThan(0);
	});

	it('a snapshot that passes its checksum but breaks corroboration at start-up is rebuilt, not fatal', async () => {
		const questions = ['Who was killed in the raid in Dumayr?'];
		await withSavedSnapshot('corpus', async (file, open, built) => {
			const expected = observe(built, questions);
			// Sealed again over the flip, it stands for a snapshot written wrong, which no checksum can catch.
			const corrupt = flipped(await readFile(file), 18457);
			const body = corrupt.subarray(0, corrupt.length - 32);
			await writeFile(file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
			expect(await startAfterDamage(open, file, questions, expected, 'resealed flip at 18457')).toBe('build');
		});
	});
});
