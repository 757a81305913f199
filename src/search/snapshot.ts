import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import { writeFileAtomic } from '../fsAtomic.js';
import type { Logger } from '../logger.js';
import { ANALYZER_VERSION, INDEX_OPTIONS } from './indexOptions.js';
import { ParagraphIndex } from './paragraphIndex.js';
import type { PackedIndex } from './paragraphMiniSearch.js';

const FORMAT = 'newsroom-story-index';
const FORMAT_VERSION = 3;
// Version 1 snapshots were JSON; they are still recognized as stale files to remove.
const FILE_PATTERN = /^index-[0-9a-f]{16}\.(?:bin|json)$/;

/** The typed arrays of a snapshot, in file order; everything else is in the JSON header. */
const ARRAYS = ['shortIds', 'articleStarts', 'fieldLengths', 'postingCounts', 'postings'] as const;
type ArrayName = (typeof ARRAYS)[number];

interface Header {
	format: typeof FORMAT;
	version: number;
	key: string;
	/** Typed arrays are written in the machine's byte order; a snapshot from another is rebuilt. */
	endianness: 'LE' | 'BE';
	index: Omit<PackedIndex, ArrayName>;
	lengths: Record<ArrayName, number>;
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
	return path.join(cacheDir, `index-${key}.bin`);
}

const align = (offset: number) => Math.ceil(offset / 4) * 4;

/**
 * A snapshot file: a 4-byte header length, the JSON header (ids and terms as strings, counts and options), padding
 * to a multiple of 4, then the postings and lengths as raw 32-bit arrays. Loading it is a copy of those arrays into
 * MiniSearch's maps, with no JSON to parse for the 2 million postings of the archive and no text to re-analyze.
 */
function encode(key: string, index: PackedIndex): Buffer[] {
	const { shortIds, articleStarts, fieldLengths, postingCounts, postings, ...indexHeader } = index;
	const arrays: Record<ArrayName, Uint32Array> = { shortIds, articleStarts, fieldLengths, postingCounts, postings };
	const header: Header = {
		format: FORMAT,
		version: FORMAT_VERSION,
		key,
		endianness: endianness(),
		index: indexHeader,
		lengths: Object.fromEntries(ARRAYS.map((name) => [name, arrays[name].length])) as Record<ArrayName, number>,
	};
	const json = Buffer.from(JSON.stringify(header));
	const prefix = Buffer.alloc(align(4 + json.length));
	prefix.writeUInt32LE(json.length, 0);
	json.copy(prefix, 4);
	return [prefix, ...ARRAYS.map((name) => Buffer.from(arrays[name].buffer, arrays[name].byteOffset, arrays[name].byteLength))];
}

function decode(bytes: Buffer, key: string): PackedIndex {
	const headerLength = bytes.readUInt32LE(0);
	const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as Partial<Header>;
	if (header.format !== FORMAT || header.version !== FORMAT_VERSION || header.key !== key || header.endianness !== endianness() || !header.index || !header.lengths) {
		throw new Error('the snapshot does not match this corpus and index version');
	}
	let offset = align(4 + headerLength);
	const arrays = {} as Record<ArrayName, Uint32Array>;
	for (const name of ARRAYS) {
		const byteLength = header.lengths[name] * 4;
		if (offset + byteLength > bytes.length) throw new Error('the snapshot is truncated');
		// A view needs 4-byte alignment in the underlying buffer; a pooled read may not give it, then the bytes are copied.
		const start = bytes.byteOffset + offset;
		arrays[name] = start % 4 === 0 ? new Uint32Array(bytes.buffer, start, header.lengths[name]) : new Uint32Array(bytes.buffer.slice(start, start + byteLength));
		offset += byteLength;
	}
	if (offset !== bytes.length) throw new Error('the snapshot has trailing bytes');
	return { ...header.index, ...arrays };
}

/**
 * Loads the snapshot for this key. A missing, corrupt or mismatched snapshot yields null (and a warning for the
 * last two): the caller rebuilds. A snapshot is never trusted on its file name alone.
 */
export async function loadSnapshot(cacheDir: string, key: string, logger: Logger): Promise<ParagraphIndex | null> {
	const file = fileFor(cacheDir, key);
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch {
		return null;
	}
	try {
		return ParagraphIndex.fromSnapshot(decode(bytes, key));
	} catch (error) {
		logger.warn({ file, reason: (error as Error).message }, 'Ignoring an unusable index snapshot; rebuilding');
		return null;
	}
}

/**
 * Writes atomically (see `writeFileAtomic`) and removes older snapshots. The index is packed a slice at a time
 * while questions go on being answered; if it changes meanwhile, nothing is written (null) and the save that the
 * change brings stands instead, so a snapshot never mixes two states of the corpus.
 */
export async function saveSnapshot(cacheDir: string, key: string, index: ParagraphIndex): Promise<string | null> {
	const packed = await index.toSnapshot();
	if (!packed) return null;
	const chunks = encode(key, packed);
	await mkdir(cacheDir, { recursive: true });
	const file = fileFor(cacheDir, key);
	await writeFileAtomic(file, chunks);
	const stale = (await readdir(cacheDir)).filter((name) => FILE_PATTERN.test(name) && name !== path.basename(file));
	await Promise.all(stale.map((name) => rm(path.join(cacheDir, name), { force: true })));
	return file;
}
