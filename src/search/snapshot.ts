import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import { removeStaleTemporaries, writeFileAtomic } from '../fsAtomic.js';
import type { Logger } from '../logger.js';
import { ANALYZER_VERSION, INDEX_OPTIONS } from './indexOptions.js';
import { ParagraphIndex } from './paragraphIndex.js';
import type { PackedIndex } from './paragraphMiniSearch.js';

const FORMAT = 'newsroom-story-index';
const FORMAT_VERSION = 4;
// Version 1 snapshots were JSON; they are still recognized as stale files to remove.
const FILE_PATTERN = /^index-[0-9a-f]{16}\.(?:bin|json)$/;
/** SHA-256 of everything before it, at the end of the file. */
const CHECKSUM_BYTES = 32;

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

/**
 * The snapshot's key: the corpus contents and everything that decides how they are indexed. It ignores the order of
 * the articles (a start reads them in file and line order, a refresh keeps them sorted), so a snapshot saved after a
 * refresh is the one the next start finds.
 */
export function snapshotKey(articles: readonly Article[]): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify({ FORMAT_VERSION, ANALYZER_VERSION, INDEX_OPTIONS }));
	// Ids are unique in a corpus, so sorting the entries sorts by id.
	for (const entry of articles.map((article) => `\u0000${article.id}\u0000${article.contentHash}`).sort()) hash.update(entry);
	return hash.digest('hex').slice(0, 16);
}

function fileFor(cacheDir: string, key: string): string {
	return path.join(cacheDir, `index-${key}.bin`);
}

const align = (offset: number) => Math.ceil(offset / 4) * 4;

function checksum(chunks: readonly Uint8Array[]): Buffer {
	const hash = createHash('sha256');
	for (const chunk of chunks) hash.update(chunk);
	return hash.digest();
}

/**
 * A snapshot file: a 4-byte header length, the JSON header (ids and terms as strings, counts and options), padding
 * to a multiple of 4, then the postings and lengths as raw 32-bit arrays, then the checksum of all that. Loading it is
 * a copy of those arrays into MiniSearch's maps, with no JSON to parse for the 2 million postings of the archive and
 * no text to re-analyze. The arrays are trusted as they are (a flipped bit in a posting loads silently, with other
 * scores), so nothing is read before the checksum holds.
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
	const chunks = [prefix, ...ARRAYS.map((name) => Buffer.from(arrays[name].buffer, arrays[name].byteOffset, arrays[name].byteLength))];
	return [...chunks, checksum(chunks)];
}

function decode(file: Buffer, key: string): PackedIndex {
	if (file.length < 4 + CHECKSUM_BYTES) throw new Error('the snapshot is truncated');
	const bytes = file.subarray(0, file.length - CHECKSUM_BYTES);
	if (!checksum([bytes]).equals(file.subarray(bytes.length))) throw new Error('the snapshot does not match its checksum');
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
 * Opens what `use` builds on the snapshot for this key, or null for the caller to rebuild. `use` runs inside the same
 * guard as reading and decoding: whatever the snapshot's data breaks at start-up (corroboration walks every rare
 * term's postings) makes it unusable like a failed checksum, and an unusable snapshot is deleted, with one warning
 * saying why. A missing snapshot is not a problem. A snapshot is never trusted on its file name alone.
 */
export async function loadSnapshot<T>(cacheDir: string, key: string, logger: Logger, use: (index: ParagraphIndex) => T): Promise<T | null> {
	const file = fileFor(cacheDir, key);
	let bytes: Buffer | null = null;
	try {
		bytes = await readFile(file);
		return use(ParagraphIndex.fromSnapshot(decode(bytes, key)));
	} catch (error) {
		if (bytes === null && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		logger.warn({ file, reason: (error as Error).message }, 'Ignoring an unusable index snapshot; rebuilding');
		await removeFiles(cacheDir, [path.basename(file)]);
		return null;
	}
}

/**
 * Best effort: a file that cannot be removed (a read-only cache) costs only disk space. It is never loaded as it is:
 * a temporary file has the wrong name, an unusable snapshot is refused again until a save replaces it.
 */
async function removeFiles(cacheDir: string, names: readonly string[]): Promise<void> {
	await Promise.all(names.map((name) => rm(path.join(cacheDir, name), { force: true }).catch(() => undefined)));
}

const isOtherSnapshot = (name: string, current: string) => FILE_PATTERN.test(name) && name !== current;

/**
 * Clears what earlier processes left in the cache: snapshots of other contents (this directory serves one corpus
 * directory, and only its current contents are worth a snapshot) and the temporary files of saves cut short by a
 * kill. Another running process's save in progress is left alone.
 */
export async function removeStaleSnapshots(cacheDir: string, key: string): Promise<void> {
	await removeStaleTemporaries(cacheDir);
	// A cache directory not made yet has nothing stale; one that cannot be read is reported by the load and the save.
	const names = await readdir(cacheDir).catch(() => []);
	const current = path.basename(fileFor(cacheDir, key));
	await removeFiles(cacheDir, names.filter((name) => isOtherSnapshot(name, current)));
}

/**
 * Writes atomically (`writeFileAtomic`) and removes older snapshots. The index is packed a slice at a time while questions go on being
 * answered; if it changes meanwhile, nothing is written (null) and the save that the change brings stands instead,
 * so a snapshot never mixes two states of the corpus.
 */
export async function saveSnapshot(cacheDir: string, key: string, index: ParagraphIndex): Promise<string | null> {
	const packed = await index.toSnapshot();
	if (!packed) return null;
	await mkdir(cacheDir, { recursive: true });
	const file = fileFor(cacheDir, key);
	await writeFileAtomic(file, encode(key, packed));
	await removeFiles(cacheDir, (await readdir(cacheDir)).filter((name) => isOtherSnapshot(name, path.basename(file))));
	return file;
}
