import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { temporaryName } from '../src/fsAtomic.js';
import type { Logger } from '../src/logger.js';
import { StoryEngine } from '../src/storyEngine.js';
import { article, recordingLogger, twoArticleCorpus, upload } from './support/corpusFixtures.js';
import { faults, readsFile } from './support/faults.js';

// Lets a test hold a refresh partway through reading the corpus.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/faults.js')).faultyFsPromises(await importOriginal()));

const directories = twoArticleCorpus();

// Each engine's snapshot saves finish before its directories go (after-hooks run last-registered first).
const engines: StoryEngine[] = [];
afterEach(async () => {
	await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

async function open(logger: Logger = recordingLogger()): Promise<StoryEngine> {
	const engine = await StoryEngine.open({ corpusDir: directories.corpus.path, cacheDir: directories.cache.path, logger });
	engines.push(engine);
	return engine;
}

async function snapshotFiles(): Promise<string[]> {
	const [directory] = await readdir(directories.cache.path);
	return directory ? (await readdir(path.join(directories.cache.path, directory))).map((name) => path.join(directories.cache.path, directory, name)) : [];
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
		expect(logger.messages('warn')).toContain('Ignoring an unusable index snapshot; rebuilding');
		expect(engine.search('harbour').hits[0]!.citation.doc).toBe('harbour');
	});

	it('never reuses a snapshot once the corpus has changed', async () => {
		const first = (await open()).status().snapshotHash;
		await directories.corpus.write('council.md', article('Council vote', 'The council voted to keep the library open.'));
		const engine = await open();
		expect(engine.status()).toMatchObject({ startedFrom: 'build' });
		expect(engine.status().snapshotHash).not.toBe(first);
	});

	it('starts from the snapshot a refresh saved, though a bulk file lists its articles out of order', async () => {
		const line = (id: string, text: string) => JSON.stringify({ id, title: `Wire ${id}`, date: '2025-11-02', source: 'Wire', text });
		await directories.corpus.write('wire.jsonl', `${line('w2', 'The ferry resumed service.')}\n${line('w1', 'The ferry was halted by the storm.')}\n`);
		const engine = await open();
		await directories.corpus.write('school.md', article('School reopens', 'The school reopened after repairs.'));
		await engine.reload();
		const served = engine.search('ferry school');
		await engine.close();
		const logger = recordingLogger();
		const again = await open(logger);
		expect(again.status()).toMatchObject({ startedFrom: 'snapshot', snapshotHash: engine.status().snapshotHash });
		expect(again.search('ferry school')).toEqual(served);
		expect(logger.messages('warn')).toEqual([]);
		expect(await snapshotFiles()).toHaveLength(1);
	});

	it('clears the temporary files of saves a kill cut short, and snapshots of earlier contents', async () => {
		await open();
		const [file] = await snapshotFiles();
		const directory = path.dirname(file!);
		const inDirectory = (name: string) => path.join(directory, name);
		// No process has this id (it is over Linux's limit); our own id on a file at start-up is a previous process's.
		await writeFile(inDirectory(temporaryName('index-0123456789abcdef.bin', 999_999_999)), 'partial');
		await writeFile(inDirectory(temporaryName(file!, process.pid)), 'partial');
		await writeFile(inDirectory('index-0123456789abcdef.bin'), 'an earlier corpus');
		// A save another running process has under way is left to finish.
		const another = inDirectory(temporaryName(file!, process.ppid));
		await writeFile(another, 'in progress');
		expect((await open()).status().startedFrom).toBe('snapshot');
		expect((await snapshotFiles()).sort()).toEqual([file, another].sort());
	});
});

describe('refresh', () => {
	it('applies only what changed: added, changed and removed documents', async () => {
		const engine = await open();
		await directories.corpus.write('council.md', article('Council vote', 'The council voted to keep the library open.'));
		await directories.corpus.write('school.md', article('School reopens', 'The school reopened after repairs.'));
		const { rm } = await import('node:fs/promises');
		await rm(path.join(directories.corpus.path, 'harbour.md'));
		const report = await engine.reload('moderator#1');
		expect(report).toMatchObject({ added: ['school'], changed: ['council'], removed: ['harbour'], problems: [], by: 'moderator#1' });
		expect(engine.search('harbour fire').hits).toEqual([]);
		expect(engine.quote('council', 1).text).toBe('The council voted to keep the library open.');
		expect(engine.status().lastRefresh.by).toBe('moderator#1');
	});

	it('reports the date range of the corpus as it is after a refresh', async () => {
		const engine = await open();
		expect(engine.status().dateRange).toEqual({ from: '2025-11-01', to: '2025-11-01' });
		await directories.corpus.write('archive.md', article('Old fire', 'An older fire.').replace('2025-11-01', '1999-03-04'));
		await engine.reload();
		expect(engine.status().dateRange).toEqual({ from: '1999-03-04', to: '2025-11-01' });
	});

	it('keeps serving the previous version of a file that breaks, and says which file and why', async () => {
		const engine = await open();
		await directories.corpus.write('council.md', '---\ntitle: [broken\n---\n\nNew text that must not appear.');
		const report = await engine.reload();
		expect(report.problems).toEqual([{ file: 'council.md', reason: expect.stringContaining('not valid YAML') }]);
		expect(report.removed).toEqual([]);
		expect(engine.quote('council', 1).text).toBe('The council voted to close the library.');
	});

	it('answers questions from the previous corpus while a refresh is partway through reading the files', async () => {
		const engine = await open();
		await directories.corpus.write('school.md', article('School reopens', 'The school reopened after repairs.'));
		const before = engine.answer('When did the fire break out at the harbour?');
		let reached!: () => void;
		const reading = new Promise<void>((resolve) => (reached = resolve));
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		faults.fs = async (operation, file, flags) => {
			if (!readsFile(operation, flags) || path.basename(file) !== 'school.md') return;
			reached();
			await held;
		};
		const refreshing = engine.reload();
		await reading;
		expect(engine.answer('When did the fire break out at the harbour?')).toEqual(before);
		expect(engine.search('school repairs').hits).toEqual([]);
		release();
		expect((await refreshing).added).toEqual(['school']);
		expect(engine.search('school repairs').hits[0]!.citation.doc).toBe('school');
	});
});

describe('uploads and removal', () => {
	it('adds a plain-text upload with metadata from the form, written as Markdown so the metadata lasts', async () => {
		const engine = await open();
		const report = await engine.addDocument(upload('Port strike.txt', 'Dockers walked out on Tuesday.', false, { title: 'Port strike', publisher: 'Local Paper', date: '2025-11-02' }), 'mod');
		expect(report.added).toEqual(['Port-strike']);
		const stored = await readFile(path.join(directories.corpus.path, 'Port-strike.md'), 'utf8');
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
