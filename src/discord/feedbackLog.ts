import { appendFile, mkdir, open, readFile, rename, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { syncDirectory } from '../fsAtomic.js';
import { type Logger, silentLogger } from '../logger.js';

const entrySchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('vote'), at: z.string(), vote: z.enum(['up', 'down']), question: z.string() }),
	z.object({
		kind: z.literal('unanswered'),
		at: z.string(),
		question: z.string(),
		/** For a follow-up ("and the date?"), the earlier question it continued from: alone it says nothing. */
		continuedFrom: z.string().optional(),
	}),
]);

/** One line of the log. No user ids: the log is for improving the corpus, not for watching people. */
export type FeedbackEntry = z.infer<typeof entrySchema>;

export const FEEDBACK_FILE_NAME = 'feedback.jsonl';
/** The current file is rotated once an append would take it past this size. */
export const DEFAULT_MAX_LOG_BYTES = 5 * 1024 * 1024;
/** Rotated files kept beside the current one: feedback.1.jsonl is the newest, and the oldest is dropped. */
export const ROTATED_FILES_KEPT = 3;
/** How far back a torn last line is looked for at a time; lines are a few hundred bytes. */
const TAIL_CHUNK_BYTES = 64 * 1024;

export interface FeedbackLogOptions {
	logger?: Logger;
	maxBytes?: number;
}

export interface FeedbackCounts {
	up: number;
	down: number;
	unanswered: number;
}

const noCounts = (): FeedbackCounts => ({ up: 0, down: 0, unanswered: 0 });

function count(counts: FeedbackCounts, entry: FeedbackEntry): void {
	if (entry.kind === 'unanswered') counts.unanswered++;
	else counts[entry.vote]++;
}

/**
 * 👍 / 👎 votes and unanswered questions, appended as JSON lines to a file in DATA_DIR and rotated by size.
 * Every append is one whole line, and a line torn by a crash is cut off before the next one is written, so a
 * damaged write costs that entry only. This is an append log, not a file replaced whole: it takes no temporary file.
 */
export class FeedbackLog {
	readonly #logger: Logger;
	readonly #maxBytes: number;
	// Appends, rotations and the first count run one at a time: a count never misses or doubles an entry.
	#serial: Promise<unknown> = Promise.resolve();
	/** The current file's size, once the first operation has looked (and repaired a torn end). */
	#size: number | null = null;
	/** Per file, the current one first; read once on first use, then kept up to date by every append. */
	#counts: FeedbackCounts[] | null = null;

	constructor(
		readonly file: string,
		{ logger = silentLogger, maxBytes = DEFAULT_MAX_LOG_BYTES }: FeedbackLogOptions = {},
	) {
		this.#logger = logger;
		this.#maxBytes = maxBytes;
	}

	static inDataDir(dataDir: string, options?: FeedbackLogOptions): FeedbackLog {
		return new FeedbackLog(path.join(dataDir, FEEDBACK_FILE_NAME), options);
	}

	/** Every file of the log, oldest first: the rotated ones, then the current one. */
	files(): string[] {
		return Array.from({ length: ROTATED_FILES_KEPT + 1 }, (_, age) => this.#fileAged(ROTATED_FILES_KEPT - age));
	}

	append(entry: FeedbackEntry): Promise<void> {
		return this.#run(async () => {
			const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
			const size = await this.#openedSize();
			if (size > 0 && size + line.byteLength > this.#maxBytes) await this.#rotate();
			await appendFile(this.file, line);
			this.#size = (this.#size ?? 0) + line.byteLength;
			if (this.#counts?.[0]) count(this.#counts[0], entry);
		});
	}

	/** Read from the files once, then kept as running counts: `/corpus status` never re-reads the log. */
	counts(): Promise<FeedbackCounts> {
		return this.#run(async () => {
			if (!this.#counts) {
				await this.#openedSize();
				const files = await Promise.all(this.files().reverse().map(readLog));
				const skipped = files.reduce((sum, file) => sum + file.skipped, 0);
				if (skipped > 0) this.#logger.warn({ file: this.file, skipped }, 'Feedback log has damaged lines; they are not counted');
				this.#counts = files.map(({ entries }) => countFeedback(entries));
			}
			return sumOf(this.#counts);
		});
	}

	/** The running counts without touching a file, or null before the first `counts()` has read them. */
	knownCounts(): FeedbackCounts | null {
		return this.#counts ? sumOf(this.#counts) : null;
	}

	/** Every readable entry, oldest first. A damaged or torn line is counted and skipped; nothing is written. */
	async read(): Promise<{ entries: FeedbackEntry[]; skipped: number }> {
		const files = await Promise.all(this.files().map(readLog));
		return { entries: files.flatMap((file) => file.entries), skipped: files.reduce((sum, file) => sum + file.skipped, 0) };
	}

	#fileAged(age: number): string {
		if (age === 0) return this.file;
		const extension = path.extname(this.file);
		return path.join(path.dirname(this.file), `${path.basename(this.file, extension)}.${age}${extension}`);
	}

	#run<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#serial.then(task, task);
		this.#serial = run.catch(() => undefined);
		return run;
	}

	/** On first use: the size of the current file, after cutting off a last line that a crash left without its end. */
	async #openedSize(): Promise<number> {
		if (this.#size !== null) return this.#size;
		await mkdir(path.dirname(this.file), { recursive: true });
		const size = await fileSize(this.file);
		const whole = await endOfLastWholeLine(this.file, size);
		if (whole < size) {
			await truncate(this.file, whole);
			this.#logger.warn({ file: this.file, bytes: size - whole }, 'Feedback log ended in a torn line (an interrupted write); it was dropped');
		}
		this.#size = whole;
		return whole;
	}

	async #rotate(): Promise<void> {
		// Oldest first, so each file moves onto one that has already moved on, or onto the one being dropped.
		for (let age = ROTATED_FILES_KEPT; age >= 1; age--) await renameIfPresent(this.#fileAged(age - 1), this.#fileAged(age));
		await syncDirectory(path.dirname(this.file));
		this.#size = 0;
		if (this.#counts) this.#counts = [noCounts(), ...this.#counts].slice(0, ROTATED_FILES_KEPT + 1);
		this.#logger.info({ file: this.file, maxBytes: this.#maxBytes, kept: ROTATED_FILES_KEPT }, 'Feedback log rotated');
	}
}

function sumOf(perFile: readonly FeedbackCounts[]): FeedbackCounts {
	return perFile.reduce((sum, counts) => ({ up: sum.up + counts.up, down: sum.down + counts.down, unanswered: sum.unanswered + counts.unanswered }), noCounts());
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function fileSize(file: string): Promise<number> {
	try {
		return (await stat(file)).size;
	} catch (error) {
		if (isMissing(error)) return 0;
		throw error;
	}
}

/** The offset just past the file's last newline, reading back from the end a chunk at a time. */
async function endOfLastWholeLine(file: string, size: number): Promise<number> {
	if (size === 0) return 0;
	const handle = await open(file, 'r');
	try {
		const chunk = Buffer.alloc(Math.min(size, TAIL_CHUNK_BYTES));
		for (let end = size; end > 0; end -= chunk.byteLength) {
			const start = Math.max(0, end - chunk.byteLength);
			const { bytesRead } = await handle.read(chunk, 0, end - start, start);
			const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
			if (newline >= 0) return start + newline + 1;
		}
		return 0;
	} finally {
		await handle.close();
	}
}

async function renameIfPresent(from: string, to: string): Promise<void> {
	try {
		await rename(from, to);
	} catch (error) {
		if (!isMissing(error)) throw error;
	}
}

/** A missing file is an empty log. A line without its newline was torn by an interrupted write: skipped too. */
async function readLog(file: string): Promise<{ entries: FeedbackEntry[]; skipped: number }> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if (isMissing(error)) return { entries: [], skipped: 0 };
		throw error;
	}
	const lines = text.split('\n');
	const torn = lines.pop() ?? '';
	const entries: FeedbackEntry[] = [];
	let skipped = torn.trim() ? 1 : 0;
	for (const line of lines) {
		if (!line.trim()) continue;
		const parsed = entrySchema.safeParse(parseJson(line));
		if (parsed.success) entries.push(parsed.data);
		else skipped++;
	}
	return { entries, skipped };
}

function parseJson(line: string): unknown {
	try {
		return JSON.parse(line);
	} catch {
		return undefined;
	}
}

export function countFeedback(entries: readonly FeedbackEntry[]): FeedbackCounts {
	const counts = noCounts();
	for (const entry of entries) count(counts, entry);
	return counts;
}

export interface UnansweredQuestion {
	/** The latest wording asked. */
	question: string;
	/** The earlier question a follow-up continued from, as last asked; null for a question on its own. */
	continuedFrom: string | null;
	count: number;
	lastAsked: string;
}

/** The same question asked with other case, spacing or final punctuation counts as one. */
function questionKey(question: string): string {
	return question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.]+$/, '').trim();
}

/**
 * Unanswered questions, most frequent first, then most recent: what reporters should look into next. A follow-up
 * counts with the question it continued from: "and the date?" after two different questions asks two things.
 */
export function rankUnanswered(entries: readonly FeedbackEntry[]): UnansweredQuestion[] {
	const byKey = new Map<string, UnansweredQuestion>();
	for (const entry of entries) {
		if (entry.kind !== 'unanswered') continue;
		const continuedFrom = entry.continuedFrom ?? null;
		const key = [continuedFrom === null ? '' : questionKey(continuedFrom), questionKey(entry.question)].join('\u0000');
		const seen = byKey.get(key);
		if (!seen) byKey.set(key, { question: entry.question, continuedFrom, count: 1, lastAsked: entry.at });
		else {
			seen.count++;
			if (entry.at >= seen.lastAsked) Object.assign(seen, { question: entry.question, continuedFrom, lastAsked: entry.at });
		}
	}
	return [...byKey.values()].sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked));
}
