/** A throw at each step of a refresh: the engine answers as before, the files are as before, and it says what failed. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { isTemporaryFile } from '../src/fsAtomic.js';
import { StoryEngine } from '../src/storyEngine.js';
import { article, filesIn, recordingLogger, twoArticleCorpus, upload } from './support/corpusFixtures.js';
import { clearFaults, faults, readsFile } from './support/faults.js';

vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/faults.js')).faultyFsPromises(await importOriginal()));
vi.mock('../src/corpus/parseArticle.js', async (importOriginal) => (await import('./support/faults.js')).faultyParser(await importOriginal()));
vi.mock('../src/search/analyzer.js', async (importOriginal) => (await import('./support/faults.js')).faultyAnalyzer(await importOriginal()));

const QUESTIONS = ['When did the fire break out at the harbour?', 'What did the council vote on?', 'When did the school reopen?'];
// Two new articles, so that an indexing fault on the second strikes after the first is in the new index.
const GYM = article('Gym opens', 'The new gym opened its doors on Friday.');
const SCHOOL = article('School reopens', 'The school reopened after repairs to its roof.');

const directories = twoArticleCorpus();

async function opened() {
	const logger = recordingLogger();
	const engine = await StoryEngine.open({ corpusDir: directories.corpus.path, cacheDir: directories.cache.path, logger });
	const observe = () => ({ answers: QUESTIONS.map((question) => engine.answer(question)), documents: engine.documents(), search: engine.search('school gym roof') });
	return { engine, logger, observe, before: observe(), filesBefore: await filesIn(directories.corpus.path) };
}

const fail = (message: string) => {
	throw Object.assign(new Error(message), { code: 'EIO' });
};
const inCorpus = (file: string, name: string) => path.dirname(file) === directories.corpus.path && path.basename(file).includes(name);
/** The second parse of a file: the first is the upload's validation, the second the refresh building from it. */
function onSecondParseOf(name: string, fault: () => never): (file: string) => void {
	let seen = 0;
	return (file) => {
		if (file === name && ++seen === 2) fault();
	};
}

const steps = [
	{ step: 'reading', arm: () => (faults.fs = (operation, file, flags) => (readsFile(operation, flags) && inCorpus(file, 'school.md') ? fail('EIO: i/o error, read') : undefined)) },
	{ step: 'parsing', arm: () => (faults.parse = onSecondParseOf('school.md', () => fail('parser bug'))) },
	{ step: 'indexing', arm: () => (faults.analyze = (text) => (text === 'The school reopened after repairs to its roof.' ? fail('MiniSearch: duplicate ID school#1') : undefined)) },
	{ step: 'moving into place', arm: () => (faults.fs = (operation, file) => (operation === 'rename' && inCorpus(file, 'school.md') ? fail('EIO: i/o error, rename') : undefined)) },
] as const;

const expectedFailure = {
	reading: { code: ErrorCodes.InvalidDocument, message: 'The file was not added: school.md: the file cannot be read. Nothing was changed.', log: ['warn', 'Upload not added: its file did not load'] },
	parsing: { code: ErrorCodes.InvalidDocument, message: 'The file was not added: school.md: the file could not be loaded (an internal error, logged). Nothing was changed.', log: ['warn', 'Upload not added: its file did not load'] },
	indexing: {
		code: ErrorCodes.RefreshFailed,
		message: 'The corpus was not refreshed: indexing failed. Nothing was changed, and the previous version keeps serving; the error is in the log.',
		log: ['error', 'Refresh failed; the previous corpus keeps serving'],
	},
	'moving into place': {
		code: ErrorCodes.RefreshFailed,
		message: 'The corpus was not refreshed: moving the file into place failed. Nothing was changed, and the previous version keeps serving; the error is in the log.',
		log: ['error', 'Refresh failed; the previous corpus keeps serving'],
	},
} as const;

describe('an upload that fails at any step of its refresh', () => {
	it.each(steps)('leaves answers, files and index as they were when $step throws, and says so', async ({ step, arm }) => {
		const { engine, logger, observe, before, filesBefore } = await opened();
		await engine.addDocument(upload('gym.md', GYM));
		const served = observe();
		const files = await filesIn(directories.corpus.path);
		arm();
		const expected = expectedFailure[step];
		await expect(engine.addDocument(upload('school.md', SCHOOL))).rejects.toMatchObject({ code: expected.code, message: expected.message });
		expect(logger.lines).toContainEqual(expect.objectContaining({ level: expected.log[0], message: expected.log[1] }));
		expect(observe()).toEqual(served);
		clearFaults();
		expect(await filesIn(directories.corpus.path)).toEqual(files);
		expect(files).toEqual({ ...filesBefore, 'gym.md': expect.stringContaining('Friday') });
		expect(before.search.hits).toEqual([]);
		// Once the fault is gone the same upload goes through: nothing half-done stood in its way.
		expect((await engine.addDocument(upload('school.md', SCHOOL))).added).toEqual(['school']);
		expect(engine.answer('When did the school reopen?').quotes[0]?.text).toBe('The school reopened after repairs to its roof.');
	});
});

describe('a reload that fails at a step', () => {
	it.each(steps.slice(0, 2))('reports a file whose $step throws, and keeps serving the rest as before', async ({ step }) => {
		const { engine, logger, observe, before } = await opened();
		await directories.corpus.write('school.md', SCHOOL);
		const files = await filesIn(directories.corpus.path);
		if (step === 'reading') steps[0].arm();
		else faults.parse = (file) => (file === 'school.md' ? fail('parser bug') : undefined);
		const report = await engine.reload('mod');
		const reason = step === 'reading' ? 'the file cannot be read' : 'the file could not be loaded (an internal error, logged)';
		expect(report).toMatchObject({ added: [], changed: [], removed: [], problems: [{ file: 'school.md', reason }] });
		expect(logger.lines).toContainEqual({ level: 'warn', message: 'Corpus file not loaded; its previous version keeps serving', details: { file: 'school.md', reason, cause: expect.any(String) } });
		expect(observe()).toEqual(before);
		clearFaults();
		expect(await filesIn(directories.corpus.path)).toEqual(files);
		// A read that failed is tried again on the next reload, not remembered as the file's state.
		expect((await engine.reload()).added).toEqual(['school']);
	});

	it('keeps serving the previous corpus when indexing throws after part of the change is applied', async () => {
		const { engine, logger, observe, before } = await opened();
		await directories.corpus.write('council.md', article('Council vote', 'The council voted to keep the library open.'));
		await directories.corpus.write('school.md', SCHOOL);
		const files = await filesIn(directories.corpus.path);
		// The old council article is taken out of the new index first; the school article then fails.
		steps[2].arm();
		await expect(engine.reload('mod')).rejects.toMatchObject({ code: ErrorCodes.RefreshFailed, message: expectedFailure.indexing.message });
		expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'Refresh failed; the previous corpus keeps serving', details: expect.objectContaining({ step: 'indexing', by: 'mod' }) }));
		expect(observe()).toEqual(before);
		expect(engine.quote('council', 1).text).toBe('The council voted to close the library.');
		clearFaults();
		expect(await filesIn(directories.corpus.path)).toEqual(files);
		expect(await engine.reload()).toMatchObject({ added: ['school'], changed: ['council'] });
	});
});

describe('an upload whose replaced file cannot be removed', () => {
	it('is in (it was renamed into place first), and the reply and the log name the file left behind', async () => {
		const { engine, logger } = await opened();
		await directories.corpus.write('notes.txt', 'Desk notes\n\nThe desk met at nine.\n');
		await engine.reload();
		faults.fs = (operation, file) => (operation === 'rm' && inCorpus(file, 'notes.txt') ? fail('EACCES: permission denied, unlink') : undefined);
		const report = await engine.addDocument(upload('notes.txt', 'The desk met at ten.\n', true));
		const problem = { file: 'notes.txt', reason: 'the upload replaced this file, but it could not be removed: remove it by hand', cause: expect.stringContaining('EACCES') };
		expect(report).toMatchObject({ changed: ['notes'], file: 'notes.md', replacedFiles: ['notes.txt'], problems: [problem] });
		expect(logger.lines).toContainEqual({ level: 'warn', message: 'A file the change replaced could not be removed', details: problem });
		expect(engine.quote('notes', 1).text).toBe('The desk met at ten.');
		clearFaults();
		expect(Object.keys(await filesIn(directories.corpus.path))).toEqual(['council.md', 'harbour.md', 'notes.md', 'notes.txt']);
	});
});

describe('a snapshot save that fails', () => {
	it('loses nothing: the refresh stands, the previous snapshot stays whole, no temporary file remains, the next start rebuilds', async () => {
		const { engine, logger } = await opened();
		const [directory] = await readdir(directories.cache.path);
		const snapshots = path.join(directories.cache.path, directory!);
		const saved = await filesIn(snapshots);
		faults.fs = (operation, file) => (operation === 'rename' && file.startsWith(snapshots) ? fail('ENOSPC: no space left on device, rename') : undefined);
		await engine.addDocument(upload('school.md', SCHOOL));
		await engine.close();
		expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Could not save the index snapshot', details: expect.objectContaining({ reason: expect.stringContaining('ENOSPC') }) }));
		expect(engine.answer('When did the school reopen?').quotes[0]?.text).toBe('The school reopened after repairs to its roof.');
		clearFaults();
		expect(await filesIn(snapshots)).toEqual(saved);
		expect((await readdir(snapshots)).filter(isTemporaryFile)).toEqual([]);
		const again = await StoryEngine.open({ corpusDir: directories.corpus.path, cacheDir: directories.cache.path, logger: recordingLogger() });
		expect(again.status().startedFrom).toBe('build');
		expect(again.answer('When did the school reopen?').quotes[0]?.text).toBe('The school reopened after repairs to its roof.');
	});
});
