import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CorrectionLookup } from './answer/corrections.js';
import type { Correction } from './answer/types.js';
import { readJsonOrSetAside, writeFileAtomic } from './fsAtomic.js';
import type { Logger } from './logger.js';

export const CORRECTIONS_FILE_NAME = 'corrections.json';

/** Bumped when the file's shape changes; a file of another version is set aside, never misread. */
const VERSION = 1;

const correctionSchema = z.object({
	doc: z.string(),
	paragraph: z.number().int().min(1),
	note: z.string().nullable(),
	by: z.string().nullable(),
	at: z.string(),
	before: z.string(),
	after: z.string(),
});
const fileSchema = z.object({ version: z.literal(VERSION), corrections: z.array(correctionSchema) });

function key(doc: string, paragraph: number): string {
	return `${doc}\u0000${paragraph}`;
}

/**
 * Every correction recorded, oldest first, in one JSON file in DATA_DIR. The whole file is rewritten through
 * `writeFileAtomic` on each change, so a crash mid-write leaves the previous file, with every earlier entry; an entry
 * is kept in memory only once it is on disk. Without a file (tests, the CLI without DATA_DIR) it lives in memory.
 */
export class CorrectionStore {
	readonly #file: string | null;
	readonly #corrections: Correction[];
	readonly #latest = new Map<string, Correction>();
	// Writes run one at a time, each with everything recorded before it.
	#writing: Promise<unknown> = Promise.resolve();

	private constructor(file: string | null, corrections: Correction[]) {
		this.#file = file;
		this.#corrections = corrections;
		for (const correction of corrections) this.#latest.set(key(correction.doc, correction.paragraph), correction);
	}

	static inMemory(): CorrectionStore {
		return new CorrectionStore(null, []);
	}

	/** Reads the file; one that cannot be read as corrections is renamed aside (`….unreadable-<time>`) and logged, never overwritten. */
	static async open(dataDir: string, logger: Logger): Promise<CorrectionStore> {
		await mkdir(dataDir, { recursive: true });
		const file = path.join(dataDir, CORRECTIONS_FILE_NAME);
		const read = await readJsonOrSetAside(file, fileSchema, logger, 'The corrections file could not be read; it was set aside and a new one started');
		return new CorrectionStore(file, read?.corrections ?? []);
	}

	/** Oldest first. */
	list(): readonly Correction[] {
		return this.#corrections;
	}

	latest(doc: string, paragraph: number): Correction | undefined {
		return this.#latest.get(key(doc, paragraph));
	}

	/** What quotes show: the latest correction of each paragraph. */
	readonly lookup: CorrectionLookup = (doc, paragraph) => {
		const correction = this.latest(doc, paragraph);
		return correction && { on: correction.at.slice(0, 10), note: correction.note };
	};

	/** Writes the corrections to disk, then serves them; rejects (serving nothing new) when the write fails. */
	record(corrections: readonly Correction[]): Promise<void> {
		if (corrections.length === 0) return Promise.resolve();
		const write = this.#writing.then(async () => {
			const next = [...this.#corrections, ...corrections];
			if (this.#file) await writeFileAtomic(this.#file, `${JSON.stringify({ version: VERSION, corrections: next }, null, '\t')}\n`);
			this.#corrections.push(...corrections);
			for (const correction of corrections) this.#latest.set(key(correction.doc, correction.paragraph), correction);
		});
		this.#writing = write.catch(() => undefined);
		return write;
	}
}
