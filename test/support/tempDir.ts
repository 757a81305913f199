import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempDir {
	path: string;
	write(name: string, content: string | Uint8Array): Promise<string>;
	remove(): Promise<void>;
}

/** A throwaway directory for a test's corpus or cache; `remove` in `afterEach`/`afterAll`. */
export async function makeTempDir(prefix = 'story-test-'): Promise<TempDir> {
	const dir = await mkdtemp(path.join(tmpdir(), prefix));
	return {
		path: dir,
		write: async (name, content) => {
			const file = path.join(dir, name);
			await writeFile(file, content);
			return file;
		},
		// A snapshot the engine saves in the background may still be landing: retry instead of failing on ENOTEMPTY.
		remove: () => rm(dir, { recursive: true, force: true, maxRetries: 5 }),
	};
}
