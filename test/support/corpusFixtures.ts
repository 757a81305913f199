import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { clearFaults } from './faults.js';
import { makeTempDir, type TempDir } from './tempDir.js';

export { recordingLogger } from './recordingLogger.js';

export const article = (title: string, body: string, extra = '') => `---\ntitle: ${title}\npublisher: Test Wire\ndate: 2025-11-01\n${extra}---\n\n${body}\n`;

/** Every file in a directory, dot-files (temporary files) included, with its contents: what "the files on disk" means. */
export async function filesIn(directory: string): Promise<Record<string, string>> {
	const names = (await readdir(directory)).sort();
	return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(directory, name), 'utf8')] as const)));
}

export const upload = (fileName: string, text: string, replace = false, meta = {}) => ({ fileName, content: new TextEncoder().encode(text), meta, replace });

/**
 * A corpus of two articles (a harbour fire, a council vote) and a snapshot cache, fresh for each test of the calling
 * file; any injected fault is cleared after each.
 */
export function twoArticleCorpus(): { readonly corpus: TempDir; readonly cache: TempDir } {
	const directories = {} as { corpus: TempDir; cache: TempDir };
	beforeEach(async () => {
		directories.corpus = await makeTempDir('story-corpus-');
		directories.cache = await makeTempDir('story-cache-');
		await directories.corpus.write('harbour.md', article('Harbour fire', 'A fire broke out at the harbour on Monday.\n\nFirefighters contained it by noon.'));
		await directories.corpus.write('council.md', article('Council vote', 'The council voted to close the library.'));
	});
	afterEach(async () => {
		clearFaults();
		await directories.corpus.remove();
		await directories.cache.remove();
	});
	return directories;
}
