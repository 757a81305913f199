import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJsonOrSetAside, writeFileAtomic } from '../fsAtomic.js';
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

/** Per quoted paragraph (`doc#paragraph`), per channel: the latest reply there that quoted it. */
type LatestQuotes = Map<string, Map<string, { messageId: string; at: string }>>;

/**
 * Which paragraphs the bot's public replies quoted, in one JSON file in DATA_DIR, rewritten through `writeFileAtomic`
 * after each entry, or each batch of entries recorded during the previous write (so a crash mid-write loses no
 * earlier entry). Only what a notice needs is kept: for each paragraph, the latest reply in each channel that quoted
 * it within the retention. The file and the memory it takes are bounded
 * by the paragraphs quoted and the channels, not by the number of replies, so a busy server does not rewrite a
 * growing file on every answer. Read on first use.
 */
export class QuoteLedger {
	readonly file: string;
	readonly #options: Required<QuoteLedgerOptions>;
	#latest: Promise<LatestQuotes> | null = null;
	#writing: Promise<unknown> = Promise.resolve();
	/** The write that has not started yet, and the entries it will save. */
	#next: { entries: LedgerEntry[]; written: Promise<void> } | null = null;

	constructor(dataDir: string, options: QuoteLedgerOptions) {
		this.file = path.join(dataDir, LEDGER_FILE_NAME);
		this.#options = { now: Date.now, ...options };
	}

	#load(): Promise<LatestQuotes> {
		this.#latest ??= readJsonOrSetAside(this.file, fileSchema, this.#options.logger, 'The quote ledger could not be read; it was set aside and a new one started').then(
			(saved) => fold(new Map(), saved?.entries ?? []),
		);
		return this.#latest;
	}

	/** Drops what is older than the retention, and paragraphs left with no channel. */
	#prune(latest: LatestQuotes): LatestQuotes {
		const since = this.#options.now() - this.#options.retentionDays * DAY_MS;
		for (const [key, channels] of latest) {
			for (const [channelId, { at }] of channels) if (Date.parse(at) < since) channels.delete(channelId);
			if (channels.size === 0) latest.delete(key);
		}
		return latest;
	}

	/**
	 * Saves the entry; rejects, keeping what was saved before (on disk and in memory), when the write fails. Entries
	 * recorded while a write is under way go into the next one together: one durable rewrite per reply (two fsyncs)
	 * fell behind a busy bot, and every reply waiting its turn kept its whole interaction and answer alive meanwhile
	 * (soak, 4,000 /ask: heap after a full collection 60 MB at the end, 45 MB once the queue had drained).
	 */
	record(entry: LedgerEntry): Promise<void> {
		if (this.#next) {
			this.#next.entries.push(entry);
			return this.#next.written;
		}
		const entries = [entry];
		const written = this.#writing.then(async () => {
			// From here on, entries wait for the write after this one.
			this.#next = null;
			const next = this.#prune(fold(copyOf(await this.#load()), entries));
			await mkdir(path.dirname(this.file), { recursive: true });
			await writeFileAtomic(this.file, `${JSON.stringify({ version: VERSION, entries: entriesOf(next) })}\n`);
			this.#latest = Promise.resolve(next);
		});
		this.#next = { entries, written };
		this.#writing = written.catch(() => undefined);
		return written;
	}

	/** The latest reply in each channel that quoted the paragraph within the retention. */
	async latestQuoting(doc: string, paragraph: number): Promise<LedgerEntry[]> {
		await this.#writing;
		const channels = this.#prune(await this.#load()).get(quotedKey({ doc, paragraph })) ?? new Map();
		return [...channels].map(([channelId, { messageId, at }]) => ({ channelId, messageId, at, quoted: [{ doc, paragraph }] }));
	}
}

const quotedKey = ({ doc, paragraph }: { doc: string; paragraph: number }) => `${doc}#${paragraph}`;

/** Entries in the order they were recorded: a later reply in the same channel replaces an earlier one. */
function fold(latest: LatestQuotes, entries: readonly LedgerEntry[]): LatestQuotes {
	for (const { channelId, messageId, at, quoted } of entries) {
		for (const paragraph of quoted) {
			const key = quotedKey(paragraph);
			const channels = latest.get(key) ?? new Map();
			channels.set(channelId, { messageId, at });
			latest.set(key, channels);
		}
	}
	return latest;
}

function copyOf(latest: LatestQuotes): LatestQuotes {
	return new Map([...latest].map(([key, channels]) => [key, new Map(channels)]));
}

/** One entry per reply still the latest somewhere, with the paragraphs it is the latest for; oldest first. */
function entriesOf(latest: LatestQuotes): LedgerEntry[] {
	const byReply = new Map<string, LedgerEntry>();
	for (const [key, channels] of latest) {
		const split = key.lastIndexOf('#');
		const quoted = { doc: key.slice(0, split), paragraph: Number(key.slice(split + 1)) };
		for (const [channelId, { messageId, at }] of channels) {
			const reply = `${channelId}/${messageId}`;
			const entry = byReply.get(reply) ?? { channelId, messageId, at, quoted: [] };
			entry.quoted.push(quoted);
			byReply.set(reply, entry);
		}
	}
	return [...byReply.values()].sort((a, b) => a.at.localeCompare(b.at));
}
