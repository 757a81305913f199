import { constants, type Stats } from 'node:fs';
import { type FileHandle, lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { collectParsed, type MetaDefaults, type ParseResult, parseJsonlArticles, parseJsonlLine, parseMarkdownArticle, parsePlainTextArticle } from './parseArticle.js';
import { LINE_BREAK, unifyLineBreaks } from './paragraphs.js';
import type { Article, CorpusProblem, LoadedCorpus } from './types.js';

const gunzipAsync = promisify(gunzip);

type Format = 'markdown' | 'text' | 'jsonl' | 'jsonl.gz';

const FORMATS: ReadonlyArray<[suffix: string, format: Format]> = [
	['.jsonl.gz', 'jsonl.gz'],
	['.jsonl', 'jsonl'],
	['.markdown', 'markdown'],
	['.md', 'markdown'],
	['.txt', 'text'],
];

export const SUPPORTED_EXTENSIONS = FORMATS.map(([suffix]) => suffix);

export function formatOf(fileName: string): { format: Format; stem: string } | null {
	const lower = fileName.toLowerCase();
	for (const [suffix, format] of FORMATS) {
		if (lower.endsWith(suffix) && lower.length > suffix.length) return { format, stem: fileName.slice(0, -suffix.length) };
	}
	return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses one file's bytes. Never throws: anything wrong with the file becomes a problem naming it. */
export async function parseCorpusFile(file: string, bytes: Uint8Array, defaults: MetaDefaults = {}): Promise<ParseResult> {
	const kind = formatOf(file);
	if (!kind) return { articles: [], problems: [{ file, reason: `unsupported file type (use ${SUPPORTED_EXTENSIONS.join(', ')})` }] };
	let raw = bytes;
	if (kind.format === 'jsonl.gz') {
		try {
			raw = await gunzipAsync(bytes);
		} catch {
			return { articles: [], problems: [{ file, reason: 'the file is not valid gzip' }] };
		}
	}
	let text: string;
	try {
		text = strictUtf8.decode(raw);
	} catch {
		return { articles: [], problems: [{ file, reason: 'the file is not UTF-8 text' }] };
	}
	if (text.trim() === '') return { articles: [], problems: [{ file, reason: 'the file is empty' }] };
	text = unifyLineBreaks(text);
	switch (kind.format) {
		case 'markdown':
			return parseMarkdownArticle(kind.stem, file, text, defaults);
		case 'text':
			return parsePlainTextArticle(kind.stem, file, text, defaults);
		case 'jsonl':
		case 'jsonl.gz':
			return parseJsonlArticles(file, text, defaults);
	}
}

/**
 * Reads a JSON Lines file (gzipped or not) as a stream, a line at a time. An archive is tens of megabytes: read whole,
 * its buffer and text land in V8's old space, where they outlive the load by minutes and add ~45 MB to the peak.
 */
async function parseJsonlFile(file: FileHandle, name: string, gzipped: boolean): Promise<ParseResult> {
	const result: ParseResult = { articles: [], problems: [] };
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let pending = '';
	let number = 0;
	let empty = true;
	const take = (line: string) => {
		number++;
		if (line.trim() !== '') empty = false;
		collectParsed(result, parseJsonlLine(name, line, number));
	};
	const readLines = async (chunks: AsyncIterable<Buffer>) => {
		for await (const chunk of chunks) {
			const text = pending + decoder.decode(chunk, { stream: true });
			// A CR at the end of a chunk may be the first half of a CRLF: it waits for the next chunk.
			const held = text.endsWith('\r') ? '\r' : '';
			const lines = text.slice(0, text.length - held.length).split(LINE_BREAK);
			pending = lines.pop()! + held;
			lines.forEach(take);
		}
		take(pending + decoder.decode());
	};
	try {
		const stream = file.createReadStream({ autoClose: false });
		await (gzipped ? pipeline(stream, createGunzip(), readLines) : pipeline(stream, readLines));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return { articles: [], problems: [{ file: name, reason: 'the file is not UTF-8 text' }] };
		if (code.startsWith('Z_')) return { articles: [], problems: [{ file: name, reason: 'the file is not valid gzip' }] };
		// Only a failed read carries its cause: it may pass, so the file is read again next time (see loadCorpus).
		return { articles: [], problems: [{ file: name, reason: 'the file cannot be read', cause: (error as Error).message }] };
	}
	return empty ? { articles: [], problems: [{ file: name, reason: 'the file is empty' }] } : result;
}

interface CachedFile {
	size: number;
	mtimeMs: number;
	result: ParseResult;
}

/** What a previous load parsed, so a refresh re-reads only the files that changed. */
export type CorpusFileCache = Map<string, CachedFile>;

export interface CorpusLoad extends LoadedCorpus {
	files: CorpusFileCache;
}

/**
 * The directory as it will be once a pending change is committed: file name → the temporary file that holds its new
 * contents, or null for a file about to be removed. A refresh builds the new state from this before any file moves.
 */
export type PendingFiles = ReadonlyMap<string, string | null>;

async function parseFile(handle: FileHandle, name: string): Promise<ParseResult> {
	const format = formatOf(name)?.format;
	if (format === 'jsonl' || format === 'jsonl.gz') return parseJsonlFile(handle, name, format === 'jsonl.gz');
	return handle.readFile().then(
		(bytes) => parseCorpusFile(name, bytes),
		(error: Error): ParseResult => ({ articles: [], problems: [{ file: name, reason: 'the file cannot be read', cause: error.message }] }),
	);
}

/**
 * Reads every article file in a directory (not recursively; dot-files are skipped), with `pending` changes applied.
 * One bad file never throws the rest away: it is reported in `problems` with the reason, a failure of the loader
 * itself on that file included.
 */
export async function loadCorpus(directory: string, previous: CorpusFileCache = new Map(), pending: PendingFiles = new Map()): Promise<CorpusLoad> {
	let names: string[];
	let realDirectory: string;
	try {
		names = (await readdir(directory)).filter((name) => !name.startsWith('.')).sort();
		realDirectory = await realpath(directory);
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the corpus directory does not exist' : 'the corpus directory cannot be read';
		return { articles: [], problems: [{ file: directory, reason }], files: new Map() };
	}
	names = [...new Set([...names, ...pending.keys()])].filter((name) => pending.get(name) !== null);
	const files: CorpusFileCache = new Map();
	await Promise.all(
		names.map(async (name) => {
			const opened = await openArticleFile(realDirectory, pending.get(name) ?? path.join(directory, name), name);
			if (opened === null) return;
			if ('reason' in opened) {
				// Never matches a file's size, so the entry is looked at afresh on every refresh.
				files.set(name, { size: -1, mtimeMs: -1, result: { articles: [], problems: [{ file: name, ...opened }] } });
				return;
			}
			const { handle, info } = opened;
			try {
				// A renamed file keeps its size and time: the pending file's entry serves once it is in place.
				const cached = pending.has(name) ? undefined : previous.get(name);
				if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
					files.set(name, cached);
					return;
				}
				const result = await parseFile(handle, name).catch(
					(error: Error): ParseResult => ({ articles: [], problems: [{ file: name, reason: 'the file could not be loaded (an internal error, logged)', cause: error.message }] }),
				);
				// A failure underneath (a read error) may pass: such a file is read again next time, not kept as failed.
				const transient = result.problems.some((problem) => problem.cause !== undefined);
				files.set(name, { size: info.size, mtimeMs: transient ? Number.NaN : info.mtimeMs, result });
			} finally {
				await handle.close();
			}
		}),
	);
	return { ...mergeFiles(files), files };
}

// Neither is defined on Windows, where `lstat` alone refuses a link before anything is opened. O_NONBLOCK keeps a
// FIFO swapped in after the check from blocking the load; the opened file's own stat then refuses it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Opens one directory entry for reading, or says why it is refused. The corpus directory is a boundary: a symbolic
 * link (`passwd.txt` → /etc/passwd) would let any reporter read what it points to through `/quote`, so nothing
 * that leads out of the directory is followed, and a link swapped in after the check fails to open (O_NOFOLLOW).
 * Null for an entry that is silently skipped: a plain sub-directory, or a file removed since the listing.
 * `fullPath` is the file itself, or the temporary file holding its pending contents, for the article file `name`.
 */
async function openArticleFile(realDirectory: string, fullPath: string, name: string): Promise<{ handle: FileHandle; info: Stats } | { reason: string; cause?: string } | null> {
	const entry = await lstat(fullPath).catch(() => null);
	if (entry === null) return null;
	if (entry.isSymbolicLink()) return { reason: LINK_REFUSED };
	if (entry.isDirectory()) return formatOf(name) ? { reason: 'this is a directory, not an article file' } : null;
	if (!entry.isFile()) return { reason: 'the file is not a regular file' };
	if ((await realpath(fullPath).catch(() => null)) !== path.join(realDirectory, path.basename(fullPath))) {
		return { reason: 'the file resolves to a path outside the corpus directory' };
	}
	let handle: FileHandle;
	try {
		handle = await open(fullPath, OPEN_FLAGS);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ELOOP' ? { reason: LINK_REFUSED } : { reason: 'the file cannot be read', cause: (error as Error).message };
	}
	const info = await handle.stat().catch(() => null);
	if (info?.isFile()) return { handle, info };
	await handle.close();
	return { reason: info ? 'the file is not a regular file' : 'the file cannot be read' };
}

const LINK_REFUSED = 'the file is a symbolic link; only regular files inside the corpus directory are read';

/** Combines per-file results in file-name order; a document id used twice is a problem, not a silent overwrite. */
function mergeFiles(files: CorpusFileCache): LoadedCorpus {
	const articles: Article[] = [];
	const problems: CorpusProblem[] = [];
	const owners = new Map<string, string>();
	for (const name of [...files.keys()].sort()) {
		const { result } = files.get(name)!;
		problems.push(...result.problems);
		for (const article of result.articles) {
			const owner = owners.get(article.id);
			if (owner !== undefined) {
				problems.push({ file: article.file, reason: `document id "${article.id}" is already used by ${owner}` });
				continue;
			}
			owners.set(article.id, article.file);
			articles.push(article);
		}
	}
	return { articles, problems };
}
