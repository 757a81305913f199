import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import type { Logger } from '../logger.js';
import { ANALYZER_VERSION, INDEX_OPTIONS } from './indexOptions.js';
import { type IndexSnapshot, ParagraphIndex } from './paragraphIndex.js';

const FORMAT = 'newsroom-story-index';
const FORMAT_VERSION = 1;
const FILE_PATTERN = /^index-[0-9a-f]{16}\.json$/;

interface SnapshotFile extends IndexSnapshot {
	format: typeof FORMAT;
	version: number;
	key: string;
}

/** Each corpus directory keeps its snapshots apart, so switching corpora does not evict the other's. */
export function snapshotDirectory(cacheDir: string, corpusDir: string): string {
	return path.join(cacheDir, createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 12));
}

/** The snapshot's key: the corpus contents and everything that decides how they are indexed. */
export function snapshotKey(articles: readonly Article[]): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify({ FORMAT_VERSION, ANALYZER_VERSION, INDEX_OPTIONS }));
	for (const article of articles) hash.update(`\u0000${article.id}\u0000${article.contentHash}`);
	return hash.digest('hex').slice(0, 16);
}

function fileFor(cacheDir: string, key: string): string {
	return path.join(cacheDir, `index-${key}.json`);
}

/**
 * Loads the snapshot for this key. A missing, corrupt or mismatched snapshot yields null (and a warning for the
 * last two): the caller rebuilds. A snapshot is never trusted on its file name alone.
 */
export async function loadSnapshot(cacheDir: string, key: string, logger: Logger): Promise<ParagraphIndex | null> {
	const file = fileFor(cacheDir, key);
	let json: string;
	try {
		json = await readFile(file, 'utf8');
	} catch {
		return null;
	}
	try {
		const snapshot = JSON.parse(json) as Partial<SnapshotFile>;
		if (snapshot.format !== FORMAT || snapshot.version !== FORMAT_VERSION || snapshot.key !== key || !snapshot.index || !snapshot.statistics) {
			throw new Error('the snapshot does not match this corpus and index version');
		}
		return ParagraphIndex.fromSnapshot(snapshot as SnapshotFile);
	} catch (error) {
		logger.warn({ file, reason: (error as Error).message }, 'Ignoring an unusable index snapshot; rebuilding');
		return null;
	}
}

/**
 * Writes atomically (temporary file, then rename) and removes older snapshots. The index is serialized before the
 * first `await`, so a refresh that lands while the file is written cannot mix its changes into this key's snapshot.
 */
export async function saveSnapshot(cacheDir: string, key: string, index: ParagraphIndex): Promise<string> {
	const json = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, key, ...index.toSnapshot() } satisfies SnapshotFile);
	await mkdir(cacheDir, { recursive: true });
	const file = fileFor(cacheDir, key);
	const temporary = `${file}.${process.pid}.tmp`;
	await writeFile(temporary, json);
	await rename(temporary, file);
	const stale = (await readdir(cacheDir)).filter((name) => FILE_PATTERN.test(name) && name !== path.basename(file));
	await Promise.all(stale.map((name) => rm(path.join(cacheDir, name), { force: true })));
	return file;
}
