/**
 * Builds a throwaway corpus directory for the story plus the research archives: copies of the story files and
 * hard links to the archive files, which stay where they are (they are research-use data and never enter the repo).
 * Not symlinks: the loader refuses those, as it would in a moderator's corpus.
 */
import { access, copyFile, link, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const storyCorpusDir = path.join(repoRoot, 'corpus');
/** `../shared/data` next to the repository. */
export const defaultArchiveDir = path.resolve(repoRoot, '..', 'shared', 'data');

export const BBC_ARCHIVE = 'news-archive.jsonl.gz';
export const REUTERS_ARCHIVE = 'news-archive-reuters21578.jsonl.gz';

export interface TempCorpus {
	dir: string;
	/** Removes the directory; the links go, the archives stay. */
	cleanup(): Promise<void>;
}

export async function fileExists(file: string): Promise<boolean> {
	try {
		await access(file);
		return true;
	} catch {
		return false;
	}
}

/** A temporary corpus directory: every regular file of `storyDir` copied, every archive file linked (copied across file systems). */
export async function makeCorpusWithArchives(storyDir: string, archiveFiles: readonly string[]): Promise<TempCorpus> {
	const dir = await mkdtemp(path.join(tmpdir(), 'story-eval-corpus-'));
	const cleanup = () => rm(dir, { recursive: true, force: true });
	try {
		for (const entry of await readdir(storyDir, { withFileTypes: true })) {
			if (entry.isFile()) await copyFile(path.join(storyDir, entry.name), path.join(dir, entry.name));
		}
		for (const file of archiveFiles) {
			const target = path.join(dir, path.basename(file));
			await link(path.resolve(file), target).catch((error: NodeJS.ErrnoException) => {
				if (error.code !== 'EXDEV') throw error;
				return copyFile(file, target);
			});
		}
	} catch (error) {
		await cleanup();
		throw error;
	}
	return { dir, cleanup };
}
