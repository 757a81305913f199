import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fsAtomic.js';
import type { Logger } from '../logger.js';

export const LEDGER_FILE_NAME = 'quote-ledger.json';
const VERSION = 1;
const DAY_MS = 24 * 60 * 60 * 1_000;

const entrySchema = z.object({
	channelId: z.string(),
	messageId: z.string(),
	at: z.string(),
	quoted: z.array(z.object({ doc: z.string(), paragraph: z.number().int().min(1) })),
});
const fileSchema = z.object({ version: z.literal(VERSION), entries: z.array(entrySchema) });

/** One reply of the bot's and the paragraphs it quoted. No user id: who asked is nobody's business here. */
export type LedgerEntry = z.infer<typeof entrySchema>;

export interface QuoteLedgerOptions {
	/** How long a reply stays in the ledger, and so how far back a correction notice reaches. */
	retentionDays: number;
	logger: Logger;
	now?: () => number;
}

/**
 * Which paragraphs each public reply quoted, in one JSON file in DATA_DIR, rewritten through `writeFileAtomic` on each
 * entry (so a crash mid-write loses no earlier entry), entries older than the retention dropped as it goes. Read on
 * first use.
 */
export class QuoteLedger {
	readonly file: string;
	readonly #options: Required<QuoteLedgerOptions>;
	#entries: Promise<LedgerEntry[]> | null = null;
	#writing: Promise<unknown> = Promise.resolve();

	constructor(dataDir: string, options: QuoteLedgerOptions) {
		this.file = path.join(dataDir, LEDGER_FILE_NAME);
		this.#options = { now: Date.now, ...options };
	}

	#load(): Promise<LedgerEntry[]> {
		this.#entries ??= readFile(this.file, 'utf8').then(
			async (text) => {
				try {
					return fileSchema.parse(JSON.parse(text)).entries;
				} catch (error) {
					const aside = `${this.file}.unreadable-${this.#options.now()}`;
					await rename(this.file, aside);
					this.#options.logger.error({ file: this.file, movedTo: aside, reason: (error as Error).message }, 'The quote ledger could not be read; it was set aside and a new one started');
					return [];
				}
			},
			(error: NodeJS.ErrnoException) => {
				if (error.code === 'ENOENT') return [];
				throw error;
			},
		);
		return this.#entries;
	}

	#recent(entries: readonly LedgerEntry[]): LedgerEntry[] {
		const since = this.#options.now() - this.#options.retentionDays * DAY_MS;
		return entries.filter((entry) => Date.parse(entry.at) >= since);
	}

	/** Saves the entry; rejects, keeping what was saved before, when the write fails. */
	record(entry: LedgerEntry): Promise<void> {
		const write = this.#writing.then(async () => {
			const entries = await this.#load();
			const next = [...this.#recent(entries), entry];
			await mkdir(path.dirname(this.file), { recursive: true });
			await writeFileAtomic(this.file, `${JSON.stringify({ version: VERSION, entries: next })}\n`);
			this.#entries = Promise.resolve(next);
		});
		this.#writing = write.catch(() => undefined);
		return write;
	}

	/** The latest reply in each channel that quoted the paragraph within the retention. */
	async latestQuoting(doc: string, paragraph: number): Promise<LedgerEntry[]> {
		await this.#writing;
		const byChannel = new Map<string, LedgerEntry>();
		for (const entry of this.#recent(await this.#load())) {
			if (entry.quoted.some((quoted) => quoted.doc === doc && quoted.paragraph === paragraph)) byChannel.set(entry.channelId, entry);
		}
		return [...byChannel.values()];
	}
}
