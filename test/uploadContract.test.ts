/**
 * The upload contract: without replace nothing that exists is overwritten or removed; with replace the reply says
 * exactly what was replaced and removed. Each case asserts the engine's report, the moderator's reply and the files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatUploadReport } from '../src/discord/format.js';
import { ErrorCodes } from '../src/errors.js';
import { StoryEngine, type UploadReport } from '../src/storyEngine.js';
import { article, filesIn, recordingLogger, upload } from './support/corpusFixtures.js';
import { makeTempDir, type TempDir } from './support/tempDir.js';

const jsonLine = (id: string, text: string) => JSON.stringify({ id, title: `Wire ${id}`, date: '2025-11-03', source: 'Wire', text });
const jsonl = (...lines: string[]) => `${lines.join('\n')}\n`;
/** A JSON Lines upload as stored: every field, in a fixed order. */
const stored = (...articles: [id: string, text: string][]) =>
	jsonl(...articles.map(([id, text]) => JSON.stringify({ id, title: `Wire ${id}`, date: '2025-11-03', source: 'Wire', url: null, text })));

const COUNCIL = article('Council vote', 'The council voted to close the library.');
const WIRE = jsonl(jsonLine('w1', 'Markets rose.'), jsonLine('w2', 'Markets fell.'), jsonLine('w3', 'Markets were flat.'));
const NOTES = 'Desk notes\n\nThe desk met at nine.\n';
const BROKEN = '---\ntitle: [unclosed\n---\n\nText.\n';
const INITIAL = { 'broken.md': BROKEN, 'council.md': COUNCIL, 'notes.txt': NOTES, 'wire.jsonl': WIRE };
/** Every refresh reports the file that does not load, until it is fixed. */
const BROKEN_PROBLEM = expect.stringMatching(/^Problems \(1\): • broken\.md: front matter is not valid YAML/);

let corpus: TempDir;
let cache: TempDir;
beforeEach(async () => {
	corpus = await makeTempDir('upload-corpus-');
	cache = await makeTempDir('upload-cache-');
	for (const [name, content] of Object.entries(INITIAL)) await corpus.write(name, content);
});
afterEach(async () => {
	await corpus.remove();
	await cache.remove();
});

async function opened() {
	const logger = recordingLogger();
	return { engine: await StoryEngine.open({ corpusDir: corpus.path, cacheDir: cache.path, logger, persist: false }), logger };
}

/** The reply's parts a moderator reads: the description, then each field as `name: value`. */
function replyText(report: UploadReport): { description: string | undefined; fields: string[] } {
	const [embed] = formatUploadReport('Added', report).embeds!;
	return { description: embed!.description, fields: (embed!.fields ?? []).map((field) => `${field.name}: ${field.value}`) };
}

describe('without replace, nothing that exists is overwritten or removed', () => {
	it.each([
		['a Markdown file of the same name', 'council.md', article('Council', 'Changed.'), 'The corpus already has "council" (in council.md). Nothing was changed; upload again with replace:True to replace it.'],
		['a text file whose document id is taken', 'council.txt', 'Council\n\nChanged.\n', 'The corpus already has "council" (in council.md). Nothing was changed; upload again with replace:True to replace it.'],
		['a text file of the same name', 'notes.txt', 'Notes\n\nChanged.\n', 'The corpus already has "notes" (in notes.txt). Nothing was changed; upload again with replace:True to replace it.'],
		['a file of the same name that does not load', 'broken.md', article('Fixed', 'Fixed text.'), 'A file named "broken.md" is already in the corpus. Nothing was changed; upload again with replace:True to replace it.'],
		['a JSON Lines file with a taken id', 'more.jsonl', jsonl(jsonLine('w9', 'New.'), jsonLine('w2', 'Markets fell again.')), 'The corpus already has "w2" (in wire.jsonl). Nothing was changed; upload again with replace:True to replace it.'],
		['a name differing only in case', 'Council.md', article('Council', 'Changed.'), 'The corpus has a file "council.md", named like "Council.md" but for case. Nothing was changed; upload it under the same name to replace it.'],
	])('refuses %s, naming the clash and how to replace', async (_, fileName, content, message) => {
		const { engine } = await opened();
		await expect(engine.addDocument(upload(fileName, content, fileName === 'Council.md'))).rejects.toMatchObject({ code: ErrorCodes.DocumentExists, message });
		expect(await filesIn(corpus.path)).toEqual(INITIAL);
		expect(engine.documents().map((doc) => doc.id).sort()).toEqual(['council', 'notes', 'w1', 'w2', 'w3']);
	});

	it('stores a JSON Lines file whose name is taken under a fresh name, and says so', async () => {
		await corpus.write('wire-2.jsonl', jsonl(jsonLine('w5', 'Earlier second export.')));
		const { engine } = await opened();
		const report = await engine.addDocument(upload('wire.jsonl', jsonl(jsonLine('w4', 'Bonds rallied.'))));
		expect(report).toMatchObject({ added: ['w4'], changed: [], removed: [], file: 'wire-3.jsonl', nameTaken: 'wire.jsonl', replacedFiles: [] });
		expect(replyText(report)).toEqual({
			description: 'The corpus already has a file `wire.jsonl`, so this one was stored as `wire-3.jsonl` and nothing existing changed. To replace `wire.jsonl` instead, upload again with replace:True.',
			fields: ['Added (1): w4', BROKEN_PROBLEM],
		});
		expect(await filesIn(corpus.path)).toEqual({ ...INITIAL, 'wire-2.jsonl': jsonl(jsonLine('w5', 'Earlier second export.')), 'wire-3.jsonl': stored(['w4', 'Bonds rallied.']) });
		expect(engine.documents().map((doc) => doc.id).sort()).toEqual(['council', 'notes', 'w1', 'w2', 'w3', 'w4', 'w5']);
	});
});

describe('with replace, the reply says exactly what was replaced and removed', () => {
	it('replaces a Markdown document in its own file', async () => {
		const { engine } = await opened();
		const report = await engine.addDocument(upload('council.md', article('Council vote', 'The council reversed its decision.'), true));
		expect(report).toMatchObject({ added: [], changed: ['council'], removed: [], file: 'council.md', nameTaken: null, replacedFiles: ['council.md'] });
		expect(replyText(report)).toEqual({ description: 'Replaced `council.md`.', fields: ['Replaced (1): council', 'Corrections recorded (1): council ¶1', BROKEN_PROBLEM] });
		expect(await filesIn(corpus.path)).toEqual({ ...INITIAL, 'council.md': article('Council vote', 'The council reversed its decision.') });
	});

	it('replaces a text file by the Markdown it is stored as, removing the text file', async () => {
		const { engine } = await opened();
		const report = await engine.addDocument(upload('notes.txt', 'The desk met at ten.\n', true));
		expect(report).toMatchObject({ changed: ['notes'], removed: [], file: 'notes.md', replacedFiles: ['notes.txt'] });
		expect(replyText(report)).toEqual({ description: 'Replaced `notes.txt`.', fields: ['Replaced (1): notes', 'Corrections recorded (1): notes ¶1', BROKEN_PROBLEM] });
		const { 'notes.txt': _, ...others } = INITIAL;
		expect(await filesIn(corpus.path)).toEqual({ ...others, 'notes.md': '---\ntitle: Desk notes\npublisher: unknown\n---\n\nThe desk met at ten.\n' });
	});

	it('overwrites a file of the same name that did not load', async () => {
		const { engine } = await opened();
		const report = await engine.addDocument(upload('broken.md', article('Fixed', 'Fixed text.'), true));
		expect(report).toMatchObject({ added: ['broken'], replacedFiles: ['broken.md'], problems: [] });
		expect(replyText(report)).toEqual({ description: 'Replaced `broken.md`.', fields: ['Added (1): broken'] });
		expect(await filesIn(corpus.path)).toEqual({ ...INITIAL, 'broken.md': article('Fixed', 'Fixed text.') });
	});

	it('replaces a bulk file by a smaller one, saying how many articles it removed, in the reply and the log', async () => {
		const { engine, logger } = await opened();
		const report = await engine.addDocument(upload('wire.jsonl', jsonl(jsonLine('w1', 'Markets rose sharply.'), jsonLine('w4', 'Bonds rallied.')), true), 'mod');
		expect(report).toMatchObject({ added: ['w4'], changed: ['w1'], removed: ['w2', 'w3'], file: 'wire.jsonl', replacedFiles: ['wire.jsonl'] });
		expect(replyText(report)).toEqual({
			description: 'Replaced `wire.jsonl`: removed 2 articles the upload does not have.',
			fields: ['Added (1): w4', 'Replaced (1): w1', 'Removed (2): w2, w3', 'Corrections recorded (1): w1 ¶1', BROKEN_PROBLEM],
		});
		expect(logger.lines).toContainEqual({ level: 'warn', message: 'An upload replaced wire.jsonl: removed 2 articles', details: { files: ['wire.jsonl'], removed: ['w2', 'w3'], by: 'mod' } });
		expect(await filesIn(corpus.path)).toEqual({ ...INITIAL, 'wire.jsonl': stored(['w1', 'Markets rose sharply.'], ['w4', 'Bonds rallied.']) });
	});

	it('moves a document from its own file into a bulk file, removing the file it leaves', async () => {
		const { engine } = await opened();
		const report = await engine.addDocument(upload('desk.jsonl', jsonl(jsonLine('council', 'The council met again.')), true));
		expect(report).toMatchObject({ added: [], changed: ['council'], removed: [], file: 'desk.jsonl', replacedFiles: ['council.md'] });
		expect(replyText(report)).toEqual({ description: 'Replaced `council.md`.', fields: ['Replaced (1): council', 'Corrections recorded (1): council ¶1', BROKEN_PROBLEM] });
		const { 'council.md': _, ...others } = INITIAL;
		expect(await filesIn(corpus.path)).toEqual({ ...others, 'desk.jsonl': stored(['council', 'The council met again.']) });
	});

	it('refuses to remove a bulk file to replace one of its documents', async () => {
		const { engine } = await opened();
		await expect(engine.addDocument(upload('desk.jsonl', jsonl(jsonLine('w2', 'Markets fell again.')), true))).rejects.toMatchObject({
			code: ErrorCodes.InvalidArgument,
			message: 'That document comes from the bulk file "wire.jsonl", which holds 2 other documents; edit that file instead.',
		});
		expect(await filesIn(corpus.path)).toEqual(INITIAL);
	});
});
