import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const entrySchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('vote'), at: z.string(), vote: z.enum(['up', 'down']), question: z.string() }),
	z.object({ kind: z.literal('unanswered'), at: z.string(), question: z.string() }),
]);

/** One line of the log. No user ids: the log is for improving the corpus, not for watching people. */
export type FeedbackEntry = z.infer<typeof entrySchema>;

export const FEEDBACK_FILE_NAME = 'feedback.jsonl';

/** 👍 / 👎 votes and unanswered questions, appended as JSON lines to a file in DATA_DIR. */
export class FeedbackLog {
	constructor(readonly file: string) {}

	static inDataDir(dataDir: string): FeedbackLog {
		return new FeedbackLog(path.join(dataDir, FEEDBACK_FILE_NAME));
	}

	async append(entry: FeedbackEntry): Promise<void> {
		await mkdir(path.dirname(this.file), { recursive: true });
		// One short appended line per write: concurrent writers cannot interleave inside it.
		await appendFile(this.file, `${JSON.stringify(entry)}\n`, 'utf8');
	}

	/** Every readable entry; a damaged line is counted and skipped, so one bad write never hides the rest. */
	async read(): Promise<{ entries: FeedbackEntry[]; skipped: number }> {
		let text: string;
		try {
			text = await readFile(this.file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
			throw error;
		}
		const entries: FeedbackEntry[] = [];
		let skipped = 0;
		for (const line of text.split('\n')) {
			if (!line.trim()) continue;
			const parsed = entrySchema.safeParse(parseJson(line));
			if (parsed.success) entries.push(parsed.data);
			else skipped++;
		}
		return { entries, skipped };
	}
}

function parseJson(line: string): unknown {
	try {
		return JSON.parse(line);
	} catch {
		return undefined;
	}
}

export interface FeedbackCounts {
	up: number;
	down: number;
	unanswered: number;
}

export function countFeedback(entries: readonly FeedbackEntry[]): FeedbackCounts {
	const counts = { up: 0, down: 0, unanswered: 0 };
	for (const entry of entries) {
		if (entry.kind === 'unanswered') counts.unanswered++;
		else counts[entry.vote]++;
	}
	return counts;
}

export interface UnansweredQuestion {
	/** The latest wording asked. */
	question: string;
	count: number;
	lastAsked: string;
}

/** The same question asked with other case, spacing or final punctuation counts as one. */
function questionKey(question: string): string {
	return question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.]+$/, '').trim();
}

/** Unanswered questions, most frequent first, then most recent: what reporters should look into next. */
export function rankUnanswered(entries: readonly FeedbackEntry[]): UnansweredQuestion[] {
	const byKey = new Map<string, UnansweredQuestion>();
	for (const entry of entries) {
		if (entry.kind !== 'unanswered') continue;
		const key = questionKey(entry.question);
		const seen = byKey.get(key);
		if (!seen) byKey.set(key, { question: entry.question, count: 1, lastAsked: entry.at });
		else {
			seen.count++;
			if (entry.at >= seen.lastAsked) Object.assign(seen, { question: entry.question, lastAsked: entry.at });
		}
	}
	return [...byKey.values()].sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked));
}
