import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import type { Logger } from '../../src/logger.js';
import { analyzeTerms } from '../../src/search/analyzer.js';
import { ParagraphIndex } from '../../src/search/paragraphIndex.js';
import { loadSnapshot, saveSnapshot, snapshotKey } from '../../src/search/snapshot.js';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

const articles: Article[] = [
	{ id: 'harbour', title: 'Harbour fire', section: null, texts: ['A fire broke out at the harbour on Monday.', 'Firefighters contained it by noon.'] },
	{ id: 'council', title: 'Council vote', section: 'Library', texts: ['The council voted to close the library.'] },
].map(({ id, title, section, texts }) => ({
	id,
	file: `${id}.md`,
	title,
	publisher: 'Test Wire',
	date: null,
	url: null,
	contentHash: id,
	paragraphs: texts.map((text, index) => ({ doc: id, number: index + 1, section, text })),
}));

function recordingLogger(): Logger & { warnings: string[] } {
	const warnings: string[] = [];
	return { warnings, debug() {}, info() {}, error() {}, warn: (_details, message) => warnings.push(message) };
}

const ask = (index: ParagraphIndex, question: string) => index.search(index.planQuery(analyzeTerms(question)), 10);

let cache: TempDir;
beforeEach(async () => {
	cache = await makeTempDir('snapshot-test-');
});
afterEach(() => cache.remove());

describe('index snapshots', () => {
	const key = snapshotKey(articles);

	it('load into an index that ranks and weighs terms exactly like the one saved', async () => {
		const built = ParagraphIndex.build(articles);
		built.remove([articles[1]!]);
		built.add([articles[1]!]);
		await saveSnapshot(cache.path, key, built);
		const loaded = await loadSnapshot(cache.path, key, recordingLogger(), (index) => index);
		expect(loaded).not.toBeNull();
		for (const question of ['harbour fire Monday', 'library vote', 'firefighters', 'harbur']) expect(ask(loaded!, question)).toEqual(ask(built, question));
		expect(loaded!.statistics.paragraphCount).toBe(3);
		expect(loaded!.statistics.idf('fire')).toBe(built.statistics.idf('fire'));
		// The loaded index takes changes like a built one.
		loaded!.remove([articles[0]!]);
		expect(ask(loaded!, 'harbour fire').hits).toEqual([]);
	});

	it('are refused, with a warning, when truncated or made for other contents', async () => {
		const file = (await saveSnapshot(cache.path, key, ParagraphIndex.build(articles)))!;
		const logger = recordingLogger();
		expect(await loadSnapshot(cache.path, snapshotKey(articles.slice(1)), logger, (index) => index)).toBeNull();
		const bytes = await readFile(file);
		await writeFile(file, bytes.subarray(0, bytes.length - 8));
		expect(await loadSnapshot(cache.path, key, logger, (index) => index)).toBeNull();
		expect(logger.warnings).toEqual(['Ignoring an unusable index snapshot; rebuilding']);
	});

	it('replace older snapshots, including the JSON ones of earlier versions', async () => {
		await writeFile(path.join(cache.path, 'index-0123456789abcdef.json'), '{}');
		const file = (await saveSnapshot(cache.path, key, ParagraphIndex.build(articles)))!;
		expect(await readdir(cache.path)).toEqual([path.basename(file)]);
	});

	it('are not written when the index changes while being saved, so none mixes two states of the corpus', async () => {
		const index = ParagraphIndex.build(articles.slice(1));
		const saving = saveSnapshot(cache.path, key, index);
		index.add(articles.slice(0, 1));
		expect(await saving).toBeNull();
		expect(await readdir(cache.path)).toEqual([]);
	});
});
