import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

async function sources(directory: string): Promise<string[]> {
	const entries = await readdir(directory, { withFileTypes: true, recursive: true });
	return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
}

async function offenders(files: string[], pattern: RegExp): Promise<string[]> {
	const found: string[] = [];
	for (const file of files) if (pattern.test(await readFile(file, 'utf8'))) found.push(file);
	return found;
}

describe('one direction of flow', () => {
	it('keeps the core free of Discord and of the environment', async () => {
		const core = [...(await sources('src/corpus')), ...(await sources('src/search')), ...(await sources('src/answer')), 'src/storyEngine.ts'];
		expect(await offenders(core, /from ['"]discord\.js['"]|process\.env/)).toEqual([]);
	});

	it('keeps search logic out of the adapters: they go through the engine', async () => {
		const adapters = [...(await sources('src/discord')), ...(await sources('src/cli'))];
		expect(await offenders(adapters, /from ['"](?:\.\.\/)+(?:search|answer\/(?!types))[^'"]*['"]|from ['"]minisearch['"]/)).toEqual([]);
	});
});
