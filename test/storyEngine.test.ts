import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import { StoryEngine } from '../src/storyEngine.js';
import { makeTempDir, type TempDir } from './support/tempDir.js';

const article = (title: string, body: string, extra = '') => `---\ntitle: ${title}\npublisher: Test Wire\ndate: 2025-11-01\n${extra}---\n\n${body}\n`;

function recordingLogger(): Logger & { warnings: string[] } {
	const warnings: string[] = [];
	return { warnings, debug() {}, info() {}, error() {}, warn: (_details, message) => warnings.push(message) };
}

let corpus: TempDir;
let cache: TempDir;
beforeEach(async () => {
	corpus = await makeTempDir('story-corpus-');
	cache = await makeTempDir('story-cache-');
	await corpus.write('harbour.md', article('Harbour fire', 'A fire broke out at the harbour on Monday.\n\nFirefighters contained it by noon.'));
	await corpus.write('council.md', article('Council vote', 'The council voted to close the library.'));
});
afterEach(async () => {
	await corpus.remove();
	await cache.remove();
});

const open = (logger: Logger = recordingLogger()) => StoryEngine.open({ corpusDir: corpus.path, cacheDir: cache.path, logger });

async function snapshotFiles(): Promise<string[]> {
	const [directory] = await readdir(cache.path);
	return directory ? (await readdir(path.join(cache.path, directory))).map((name) => path.join(cache.path, directory, name)) : [];
}

describe('start-up', () => {
	it('builds the index once, then starts from the snapshot for the same corpus', async () => {
		expect((await open()).status().startedFrom).toBe('build');
		const again = await open();
		expect(again.status().startedFrom).toBe('snapshot');
		expect(again.answer('When did the fire break out at the harbour?').quotes[0]!.text).toContain('Monday');
	});

	it('rebuilds, with a warning, instead of trusting a corrupt snapshot', async () => {
		await open();
		const [file] = await snapshotFiles();
		await writeFile(file!, '{"format":"newsroom-story-index","version":1,"key":');
		const logger = recordingLogger();
		const engine = await open(logger);
		expect(engine.status().startedFrom).toBe('build');
		expect(logger.warnings).toContain('Ignoring an unusable index snapshot; rebuilding');
		expect(engine.search('harbour').hits[0]!.citation.doc).toBe('harbour');
	});

	it('never reuses a snapshot once the corpus has changed', async () => {
		const first = (await open()).status().snapshotHash;
		await corpus.write('council.md', article('Council vote', 'The council voted to keep the library open.'));
		const engine = await open();
		expect(engine.status()).toMatchObject({ startedFrom: 'build' });
		expect(engine.status().snapshotHash).not.toBe(first);
	});
});

describe('refresh', () => {
	it('applies only what changed: added, changed and removed documents', async () => {
		const engine = await open();
		await corpus.write('council.md', article('Council vote', 'The council voted to keep the library open.'));
		await corpus.write('school.md', article('School reopens', 'The school reopened after repairs.'));
		const { rm } = await import('node:fs/promises');
		await rm(path.join(corpus.path, 'harbour.md'));
		const report = await engine.reload('moderator#1');
		expect(report).toMatchObject({ added: ['school'], changed: ['council'], removed: ['harbour'], problems: [], by: 'moderator#1' });
		expect(engine.search('harbour fire').hits).toEqual([]);
		expect(engine.quote('council', 1).text).toBe('The council voted to keep the library open.');
		expect(engine.status().lastRefresh.by).toBe('moderator#1');
	});

	it('reports the date range of the corpus as it is after a refresh', async () => {
		const engine = await open();
		expect(engine.status().dateRange).toEqual({ from: '2025-11-01', to: '2025-11-01' });
		await corpus.write('archive.md', article('Old fire', 'An older fire.').replace('2025-11-01', '1999-03-04'));
		await engine.reload();
		expect(engine.status().dateRange).toEqual({ from: '1999-03-04', to: '2025-11-01' });
	});

	it('keeps serving the previous version of a file that breaks, and says which file and why', async () => {
		const engine = await open();
		await corpus.write('council.md', '---\ntitle: [broken\n---\n\nNew text that must not appear.');
		const report = await engine.reload();
		expect(report.problems).toEqual([{ file: 'council.md', reason: expect.stringContaining('not valid YAML') }]);
		expect(report.removed).toEqual([]);
		expect(engine.quote('council', 1).text).toBe('The council voted to close the library.');
	});

	it('answers questions while a refresh is under way', async () => {
		const engine = await open();
		await corpus.write('school.md', article('School reopens', 'The school reopened after repairs.'));
		const refreshing = engine.reload();
		expect(engine.answer('When did the fire break out at the harbour?').answered).toBe(true);
		await refreshing;
		expect(engine.search('school repairs').hits[0]!.citation.doc).toBe('school');
	});
});

describe('uploads and removal', () => {
	const upload = (fileName: string, text: string, replace = false, meta = {}) => ({ fileName, content: new TextEncoder().encode(text), meta, replace });

	it('adds a plain-text upload with metadata from the form, written as Markdown so the metadata lasts', async () => {
		const engine = await open();
		const report = await engine.addDocument(upload('Port strike.txt', 'Dockers walked out on Tuesday.', false, { title: 'Port strike', publisher: 'Local Paper', date: '2025-11-02' }), 'mod');
		expect(report.added).toEqual(['Port-strike']);
		const stored = await readFile(path.join(corpus.path, 'Port-strike.md'), 'utf8');
		expect(stored).toContain('publisher: Local Paper');
		expect(stored).toContain('Dockers walked out on Tuesday.');
		expect((await open()).documents().find((doc) => doc.id === 'Port-strike')).toMatchObject({ publisher: 'Local Paper', date: '2025-11-02' });
	});

	it('never overwrites an existing document unless asked to replace it', async () => {
		const engine = await open();
		await expect(engine.addDocument(upload('council.md', article('Council', 'Changed.')))).rejects.toMatchObject({ code: ErrorCodes.DocumentExists });
		expect(engine.quote('council', 1).text).toBe('The council voted to close the library.');
		const report = await engine.addDocument(upload('council.md', article('Council', 'Changed.'), true));
		expect(report.changed).toEqual(['council']);
		expect(engine.quote('council', 1).text).toBe('Changed.');
	});

	it('keeps what a replaced document stated when the new upload leaves it out', async () => {
		const engine = await open();
		await engine.addDocument(upload('council.txt', 'Council vote\nThe council reversed its decision.', true), 'mod');
		expect(engine.documents().find((doc) => doc.id === 'council')).toMatchObject({ publisher: 'Test Wire', date: '2025-11-01' });
		expect(engine.quote('council', 1).text).toBe('The council reversed its decision.');
	});

	it('rejects an invalid upload with the reason, leaving the corpus as it was', async () => {
		const engine = await open();
		await expect(engine.addDocument(upload('bad.md', '---\ntitle: Bad\ndate: 2025-13-40\n---\n\nText.\n'))).rejects.toMatchObject({
			code: ErrorCodes.InvalidDocument,
			message: expect.stringContaining('not a real date'),
		});
		await expect(engine.addDocument(upload('notes.pdf', 'x'))).rejects.toMatchObject({ code: ErrorCodes.InvalidDocument });
		expect(engine.documents().map((doc) => doc.id).sort()).toEqual(['council', 'harbour']);
	});

	it('removes a document and its file', async () => {
		const engine = await open();
		const report = await engine.removeDocument('harbour', 'mod');
		expect(report.removed).toEqual(['harbour']);
		expect(() => engine.quote('harbour', 1)).toThrow(expect.objectContaining({ code: ErrorCodes.UnknownDocument }));
		await expect(engine.removeDocument('harbour')).rejects.toMatchObject({ code: ErrorCodes.UnknownDocument });
	});
});
