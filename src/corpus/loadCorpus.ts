import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { collectParsed, type MetaDefaults, type ParseResult, parseJsonlArticles, parseJsonlLine, parseMarkdownArticle, parsePlainTextArticle } from './parseArticle.js';
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
async function parseJsonlFile(fullPath: string, name: string, gzipped: boolean): Promise<ParseResult> {
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
			const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
			pending = lines.pop()!;
			lines.forEach(take);
		}
		take(pending + decoder.decode());
	};
	try {
		await (gzipped ? pipeline(createReadStream(fullPath), createGunzip(), readLines) : pipeline(createReadStream(fullPath), readLines));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		const reason = code === 'ERR_ENCODING_INVALID_ENCODED_DATA' ? 'the file is not UTF-8 text' : code.startsWith('Z_') ? 'the file is not valid gzip' : 'the file cannot be read';
		return { articles: [], problems: [{ file: name, reason, cause: (error as Error).message }] };
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

async function parseFile(fullPath: string, name: string): Promise<ParseResult> {
	const format = formatOf(name)?.format;
	if (format === 'jsonl' || format === 'jsonl.gz') return parseJsonlFile(fullPath, name, format === 'jsonl.gz');
	return readFile(fullPath).then(
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
	try {
		names = (await readdir(directory)).filter((name) => !name.startsWith('.')).sort();
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the corpus directory does not exist' : 'the corpus directory cannot be read';
		return { articles: [], problems: [{ file: directory, reason }], files: new Map() };
	}
	names = [...new Set([...names, ...pending.keys()])].filter((name) => pending.get(name) !== null);
	const files: CorpusFileCache = new Map();
	await Promise.all(
		names.map(async (name) => {
			const fullPath = pending.get(name) ?? path.join(directory, name);
			const info = await stat(fullPath).catch(() => null);
			if (!info?.isFile()) return;
			// A renamed file keeps its size and time: the pending file's entry serves once it is in place.
			const cached = pending.has(name) ? undefined : previous.get(name);
			if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
				files.set(name, cached);
				return;
			}
			const result = await parseFile(fullPath, name).catch(
				(error: Error): ParseResult => ({ articles: [], problems: [{ file: name, reason: 'the file could not be loaded (an internal error, logged)', cause: error.message }] }),
			);
			// A failure underneath (a read error) may pass: such a file is read again next time, not kept as failed.
			const transient = result.problems.some((problem) => problem.cause !== undefined);
			files.set(name, { size: info.size, mtimeMs: transient ? Number.NaN : info.mtimeMs, result });
		}),
	);
	return { ...mergeFiles(files), files };
}

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
