import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CORRECTIONS_FILE_NAME } from '../src/correctionStore.js';
import { ErrorCodes } from '../src/errors.js';
import { PARAGRAPH_RECORD_DIR } from '../src/paragraphRecord.js';
import { StoryEngine } from '../src/storyEngine.js';
import { article, recordingLogger, twoArticleCorpus, upload } from './support/corpusFixtures.js';
import { faults } from './support/faults.js';

vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/faults.js')).faultyFsPromises(await importOriginal()));

const directories = twoArticleCorpus();
const engines: StoryEngine[] = [];
afterEach(async () => {
	await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

const HARBOUR = 'A fire broke out at the harbour on Monday.\n\nFirefighters contained it by noon.';
const CORRECTED = 'A fire broke out at the harbour on Tuesday.\n\nFirefighters contained it by noon.';

async function open(): Promise<StoryEngine> {
	const engine = await StoryEngine.open({ corpusDir: directories.corpus.path, cacheDir: directories.cache.path, dataDir: directories.cache.path, logger: recordingLogger(), persist: false });
	engines.push(engine);
	return engine;
}

describe('corrections from a changed file', () => {
	it('records one noteless correction for each paragraph whose text a reload changed', async () => {
		const engine = await open();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		const report = await engine.reload('editor');
		expect(report.corrections).toEqual([
			{ doc: 'harbour', paragraph: 1, note: null, by: 'editor', at: report.at.toISOString(), before: 'A fire broke out at the harbour on Monday.', after: 'A fire broke out at the harbour on Tuesday.' },
		]);
		expect(engine.corrections()).toEqual(report.corrections);
	});

	it('records nothing when only the metadata changed', async () => {
		const engine = await open();
		await directories.corpus.write('harbour.md', article('Harbour fire at night', HARBOUR));
		expect((await engine.reload()).corrections).toEqual([]);
	});

	it('keeps the corrections across a restart', async () => {
		const engine = await open();
		await engine.addDocument(upload('harbour.md', article('Harbour fire', CORRECTED), true), 'editor');
		await engine.close();
		const again = await open();
		expect(again.corrections()).toMatchObject([{ doc: 'harbour', paragraph: 1, by: 'editor' }]);
		expect(again.quote('harbour', 1).citation.corrected).toEqual({ on: again.corrections()[0]!.at.slice(0, 10), note: null });
		expect(again.quote('harbour', 2).citation.corrected).toBeUndefined();
	});

	it('keeps every earlier entry when a write fails partway, and reports the one it could not save', async () => {
		const engine = await open();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		await engine.reload();
		const file = path.join(directories.cache.path, CORRECTIONS_FILE_NAME);
		faults.fs = (operation, target) => {
			if (operation === 'rename' && target.includes(CORRECTIONS_FILE_NAME)) throw new Error('disk full');
		};
		await directories.corpus.write('council.md', article('Council vote', 'The council voted to keep the library open.'));
		const report = await engine.reload();
		expect(report.problems).toMatchObject([{ file: CORRECTIONS_FILE_NAME, cause: 'disk full' }]);
		expect(engine.search('library').hits[0]!.text).toContain('keep the library open');
		expect(engine.corrections().map((correction) => correction.doc)).toEqual(['harbour']);
		expect(JSON.parse(await readFile(file, 'utf8')).corrections.map((correction: { doc: string }) => correction.doc)).toEqual(['harbour']);
	});

	it('sets an unreadable file aside and starts a new one, never overwriting it', async () => {
		const file = path.join(directories.cache.path, CORRECTIONS_FILE_NAME);
		await writeFile(file, '{"version":1,"corrections":[');
		const engine = await open();
		expect(engine.corrections()).toEqual([]);
		await expect(readFile(file, 'utf8')).rejects.toThrow();
	});
});

describe('a moderator’s correction', () => {
	it('puts the note on the paragraph the file corrected, and none on the others it changed', async () => {
		const engine = await open();
		const file = article('Harbour fire', 'A fire broke out at the harbour on Tuesday.\n\nFirefighters contained it by one.');
		const { corrections } = await engine.correct({ doc: 'harbour', paragraph: 1, note: 'The fire was on Tuesday.', upload: upload('harbour.md', file) }, 'editor');
		expect(corrections.map(({ paragraph, note }) => ({ paragraph, note }))).toEqual([{ paragraph: 1, note: 'The fire was on Tuesday.' }, { paragraph: 2, note: null }]);
		expect(engine.answer('When did the fire break out at the harbour?').quotes[0]!.citation.corrected).toMatchObject({ note: 'The fire was on Tuesday.' });
	});

	it('completes a reload’s noteless correction with a note alone', async () => {
		const engine = await open();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		await engine.reload();
		const { corrections } = await engine.correct({ doc: 'harbour', paragraph: 1, note: 'Tuesday, not Monday.' }, 'editor');
		expect(corrections).toMatchObject([{ before: 'A fire broke out at the harbour on Monday.', after: 'A fire broke out at the harbour on Tuesday.', note: 'Tuesday, not Monday.' }]);
		expect(engine.search('harbour').hits[0]!.citation.corrected?.note).toBe('Tuesday, not Monday.');
	});

	it('refuses, changing nothing, a paragraph the document does not have, a file without the document, and one without the paragraph', async () => {
		const engine = await open();
		await expect(engine.correct({ doc: 'harbour', paragraph: 9, note: 'x' }, 'editor')).rejects.toMatchObject({ code: ErrorCodes.UnknownParagraph });
		await expect(engine.correct({ doc: 'harbour', paragraph: 1, note: 'x', upload: upload('other.md', article('Other', 'Text.')) }, 'editor')).rejects.toMatchObject({ code: ErrorCodes.InvalidDocument });
		const shorter = upload('harbour.md', article('Harbour fire', 'A fire broke out at the harbour on Tuesday.'));
		await expect(engine.correct({ doc: 'harbour', paragraph: 2, note: 'x', upload: shorter }, 'editor')).rejects.toMatchObject({ code: ErrorCodes.UnknownParagraph });
		expect(engine.quote('harbour', 2).text).toBe('Firefighters contained it by noon.');
		expect(engine.corrections()).toEqual([]);
	});
});

describe('files edited while the bot was down', () => {
	const openRecording = async (recordCorpus = true) => {
		const engine = await StoryEngine.open({ corpusDir: directories.corpus.path, cacheDir: directories.cache.path, dataDir: directories.cache.path, logger: recordingLogger(), persist: false, recordCorpus });
		engines.push(engine);
		return engine;
	};

	it('records a noteless correction at start-up for each paragraph changed since the last run, once', async () => {
		await (await openRecording()).close();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		const restarted = await openRecording();
		const found = restarted.status().lastRefresh.corrections;
		expect(found).toEqual([
			{ doc: 'harbour', paragraph: 1, note: null, by: null, at: found[0]!.at, before: 'A fire broke out at the harbour on Monday.', after: 'A fire broke out at the harbour on Tuesday.' },
		]);
		expect(restarted.corrections()).toEqual(found);
		expect(restarted.quote('harbour', 1).citation.corrected).toEqual({ on: found[0]!.at.slice(0, 10), note: null });
		await restarted.close();
		const again = await openRecording();
		expect(again.status().lastRefresh.corrections).toEqual([]);
		expect(again.corrections()).toHaveLength(1);
	});

	it('knows the text a reload served last, not only the text at start-up', async () => {
		const engine = await openRecording();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		await engine.reload('editor');
		await engine.close();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED.replace('noon', 'one')));
		const restarted = await openRecording();
		expect(restarted.status().lastRefresh.corrections).toMatchObject([{ doc: 'harbour', paragraph: 2, before: 'Firefighters contained it by noon.', after: 'Firefighters contained it by one.' }]);
	});

	it('leaves DATA_DIR alone without recordCorpus (a CLI run beside the bot), and then records nothing', async () => {
		await (await openRecording(false)).close();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		expect((await openRecording(false)).corrections()).toEqual([]);
		expect(await readdir(directories.cache.path)).not.toContain(PARAGRAPH_RECORD_DIR);
	});

	it('sets an unreadable record aside, starts one afresh and keeps serving', async () => {
		await (await openRecording()).close();
		const index = path.join(directories.cache.path, PARAGRAPH_RECORD_DIR, 'index.json');
		await writeFile(index, '{"version": 1, "files": ');
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		const restarted = await openRecording();
		expect(restarted.corrections()).toEqual([]);
		expect(restarted.quote('harbour', 1).text).toBe('A fire broke out at the harbour on Tuesday.');
		await restarted.close();
		expect(JSON.parse(await readFile(index, 'utf8')).version).toBe(1);
		expect((await readdir(path.dirname(index))).some((name) => name.startsWith('index.json.unreadable-'))).toBe(true);
	});

	it('records the corrections again at the next start when they could not be saved', async () => {
		await (await openRecording()).close();
		await directories.corpus.write('harbour.md', article('Harbour fire', CORRECTED));
		faults.fs = (operation, target) => {
			if (operation === 'rename' && target.includes(CORRECTIONS_FILE_NAME)) throw new Error('disk full');
		};
		const failed = await openRecording();
		expect(failed.status().lastRefresh.problems.map((problem) => problem.file)).toContain(CORRECTIONS_FILE_NAME);
		await failed.close();
		faults.fs = null;
		expect((await openRecording()).corrections()).toMatchObject([{ doc: 'harbour', paragraph: 1, by: null }]);
	});
});
