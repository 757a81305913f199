import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import type { Article } from './corpus/types.js';
import { readJsonOrSetAside, removeFileDurably, writeFileAtomic } from './fsAtomic.js';
import type { Logger } from './logger.js';

export const PARAGRAPH_RECORD_DIR = 'paragraph-record';
const INDEX_FILE_NAME = 'index.json';
/** Bumped when the shape changes; a record of another version is set aside, never misread. */
const VERSION = 1;

const gzipped = promisify(gzip);
/** The texts are written far more often than they are read, and compress well even so. */
const FAST = 1;
const gunzipped = promisify(gunzip);

const fileEntrySchema = z.object({
	/** The texts file of this corpus file's documents, named by what it holds, so a new one never overwrites the old. */
	texts: z.string().regex(/^[0-9a-f]{24}\.json\.gz$/),
	/** Content hash by document id. */
	documents: z.record(z.string(), z.string()),
});
const indexSchema = z.object({ version: z.literal(VERSION), files: z.record(z.string(), fileEntrySchema) });
const textsSchema = z.record(z.string(), z.array(z.string()));

type FileEntry = z.infer<typeof fileEntrySchema>;

/**
 * The corpus as this process last served it, in DATA_DIR, so that files edited while the bot was down can be told
 * apart at start-up and their changed paragraphs recorded as corrections, as a reload would. An index (document
 * ids and content hashes, by corpus file) is read at every start; each corpus file's paragraph texts are a gzipped
 * file of their own, read only when one of its documents changed and rewritten only when the file did. Every write
 * goes through `writeFileAtomic`, a new texts file before the index that names it, so a crash leaves a record that
 * matches one state or the other.
 */
export class ParagraphRecord {
	readonly #dir: string;
	readonly #logger: Logger;
	#files: Record<string, FileEntry>;
	// Writes run one at a time, each from the record the one before left.
	#writing: Promise<unknown> = Promise.resolve();

	private constructor(dir: string, logger: Logger, files: Record<string, FileEntry>) {
		this.#dir = dir;
		this.#logger = logger;
		this.#files = files;
	}

	/** Reads the index; a missing one is an empty record, an unreadable one is set aside (logged) and started afresh. */
	static async open(dataDir: string, logger: Logger): Promise<ParagraphRecord> {
		const dir = path.join(dataDir, PARAGRAPH_RECORD_DIR);
		const read = await readJsonOrSetAside(path.join(dir, INDEX_FILE_NAME), indexSchema, logger, 'The paragraph record could not be read; it was set aside, and edits made while the bot was down go unrecorded this once');
		return new ParagraphRecord(dir, logger, read?.files ?? {});
	}

	/**
	 * The paragraph texts each of `articles` had when the record was written, for those whose content has changed
	 * since. A document the record does not know in its file (new, never recorded, moved to another file) has none. A texts file that cannot be read
	 * is logged and skipped: its documents' changes go unrecorded, nothing fails.
	 */
	async changedSince(articles: Iterable<Article>): Promise<Map<string, string[]>> {
		const texts = new Map<string, Promise<Record<string, string[]> | null>>();
		const changed = new Map<string, string[]>();
		for (const article of articles) {
			const hash = this.#files[article.file]?.documents[article.id];
			if (hash === undefined || hash === article.contentHash) continue;
			if (!texts.has(article.file)) texts.set(article.file, this.#readTexts(article.file));
			const old = (await texts.get(article.file))?.[article.id];
			if (old) changed.set(article.id, old);
		}
		return changed;
	}

	async #readTexts(file: string): Promise<Record<string, string[]> | null> {
		const name = this.#files[file]!.texts;
		try {
			return textsSchema.parse(JSON.parse((await gunzipped(await readFile(path.join(this.#dir, name)))).toString('utf8')));
		} catch (error) {
			this.#logger.warn({ file, texts: name, reason: (error as Error).message }, 'Could not read the recorded paragraphs of a corpus file; changes made to it while the bot was down go unrecorded');
			return null;
		}
	}

	/** Records `articles` as the corpus now served: only corpus files whose documents changed are written again. */
	write(articles: Iterable<Article>): Promise<void> {
		const write = this.#writing.then(() => this.#write(articles));
		this.#writing = write.catch(() => undefined);
		return write;
	}

	async #write(articles: Iterable<Article>): Promise<void> {
		const byFile = new Map<string, Article[]>();
		for (const article of articles) {
			const documents = byFile.get(article.file);
			if (documents) documents.push(article);
			else byFile.set(article.file, [article]);
		}
		const next: Record<string, FileEntry> = {};
		const obsolete = new Set(Object.values(this.#files).map((entry) => entry.texts));
		// A corpus file gone (or one new) changes the index even when no texts file is written.
		let changed = byFile.size !== Object.keys(this.#files).length;
		await mkdir(this.#dir, { recursive: true });
		for (const [file, documents] of byFile) {
			const hashes = Object.fromEntries(documents.map((article) => [article.id, article.contentHash]));
			const known = this.#files[file];
			if (known && sameHashes(known.documents, hashes)) {
				next[file] = known;
				obsolete.delete(known.texts);
				continue;
			}
			const texts = `${createHash('sha256').update(JSON.stringify([file, hashes])).digest('hex').slice(0, 24)}.json.gz`;
			const content = Object.fromEntries(documents.map((article) => [article.id, article.paragraphs.map((paragraph) => paragraph.text)]));
			await writeFileAtomic(path.join(this.#dir, texts), await gzipped(JSON.stringify(content), { level: FAST }));
			next[file] = { texts, documents: hashes };
			obsolete.delete(texts);
			changed = true;
		}
		// Nothing changed (most starts): the index on disk says it all already.
		if (!changed) return;
		await writeFileAtomic(path.join(this.#dir, INDEX_FILE_NAME), `${JSON.stringify({ version: VERSION, files: next })}\n`);
		this.#files = next;
		// The index no longer names them: one left behind costs disk space, never a wrong correction.
		for (const texts of obsolete) await removeFileDurably(path.join(this.#dir, texts)).catch(() => undefined);
	}
}

function sameHashes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
