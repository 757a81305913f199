import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackLog, ROTATED_FILES_KEPT, countFeedback, rankUnanswered, type FeedbackEntry } from '../../src/discord/feedbackLog.js';
import { recordingLogger, type LogRecord } from '../support/recordingLogger.js';

describe('FeedbackLog', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'feedback-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('reads nothing before the first write', async () => {
		expect(await FeedbackLog.inDataDir(path.join(dir, 'missing')).read()).toEqual({ entries: [], skipped: 0 });
	});

	it('appends JSON lines, creating DATA_DIR, and skips a damaged line instead of failing', async () => {
		const log = FeedbackLog.inDataDir(path.join(dir, 'data'));
		const vote: FeedbackEntry = { kind: 'vote', at: '2025-12-06T10:00:00.000Z', vote: 'up', question: 'Who was killed?' };
		await log.append(vote);
		await appendFile(log.file, '{"kind":"vote","at":\n');
		await log.append({ kind: 'unanswered', at: '2025-12-06T10:01:00.000Z', question: 'Who won the World Cup?' });
		const { entries, skipped } = await log.read();
		expect(entries).toEqual([vote, { kind: 'unanswered', at: '2025-12-06T10:01:00.000Z', question: 'Who won the World Cup?' }]);
		expect(skipped).toBe(1);
	});

	const up = (question: string): FeedbackEntry => ({ kind: 'vote', at: '2025-12-06T10:00:00.000Z', vote: 'up', question });
	const line = (entry: FeedbackEntry) => `${JSON.stringify(entry)}\n`;

	it('skips a torn last line on read, reports it once, and cuts it off before the next append', async () => {
		const logs: LogRecord[] = [];
		const log = new FeedbackLog(path.join(dir, 'feedback.jsonl'), { logger: recordingLogger(logs) });
		// What a crash in the middle of an append leaves: a line without its end.
		await writeFile(log.file, `${line(up('Who was killed?'))}{"kind":"vote","at":"2025-12-06T1`);
		expect(await log.read()).toEqual({ entries: [up('Who was killed?')], skipped: 1 });

		expect(await log.counts()).toEqual({ up: 1, down: 0, unanswered: 0 });
		await log.append(up('When did the raid happen?'));
		expect(await log.counts()).toEqual({ up: 2, down: 0, unanswered: 0 });
		expect(await readFile(log.file, 'utf8')).toBe(line(up('Who was killed?')) + line(up('When did the raid happen?')));
		expect(await log.read()).toEqual({ entries: [up('Who was killed?'), up('When did the raid happen?')], skipped: 0 });
		expect(logs.filter((record) => record.level === 'warn').map((record) => record.message)).toEqual([
			'Feedback log ended in a torn line (an interrupted write); it was dropped',
		]);
	});

	it('keeps running counts: once read, a status never goes back to the file', async () => {
		const log = new FeedbackLog(path.join(dir, 'feedback.jsonl'));
		expect(log.knownCounts()).toBeNull();
		await writeFile(log.file, line(up('a')) + line({ kind: 'unanswered', at: '2025-12-06T10:00:00.000Z', question: 'b' }));
		expect(await log.counts()).toEqual({ up: 1, down: 0, unanswered: 1 });
		await writeFile(log.file, '');
		await log.append({ kind: 'vote', at: '2025-12-06T10:00:00.000Z', vote: 'down', question: 'c' });
		expect(log.knownCounts()).toEqual({ up: 1, down: 1, unanswered: 1 });
	});

	it('rotates by size, keeping a bounded number of files, and counts and reads what it keeps', async () => {
		const entry = up('Who was killed in the raid?');
		const log = new FeedbackLog(path.join(dir, 'feedback.jsonl'), { maxBytes: line(entry).length * 2 });
		await log.counts();
		const appends = (ROTATED_FILES_KEPT + 2) * 2 + 1;
		// Concurrent, as votes from many people arrive: each still lands as one whole line.
		await Promise.all(Array.from({ length: appends }, () => log.append(entry)));
		expect((await readdir(dir)).sort()).toEqual(['feedback.1.jsonl', 'feedback.2.jsonl', 'feedback.3.jsonl', 'feedback.jsonl']);
		for (const file of log.files()) expect((await readFile(file, 'utf8')).split('\n').every((text) => text === '' || text === JSON.stringify(entry))).toBe(true);
		const kept = ROTATED_FILES_KEPT * 2 + 1;
		expect(await readFile(log.file, 'utf8')).toBe(line(entry));
		expect((await log.read()).entries).toHaveLength(kept);
		expect(log.knownCounts()).toEqual({ up: kept, down: 0, unanswered: 0 });
		expect(await new FeedbackLog(log.file).counts()).toEqual({ up: kept, down: 0, unanswered: 0 });
	});
});

describe('counting and ranking', () => {
	const entries: FeedbackEntry[] = [
		{ kind: 'vote', at: '2025-12-06T10:00:00Z', vote: 'up', question: 'q' },
		{ kind: 'vote', at: '2025-12-06T10:00:00Z', vote: 'down', question: 'q' },
		{ kind: 'vote', at: '2025-12-06T10:00:00Z', vote: 'up', question: 'q' },
		{ kind: 'unanswered', at: '2025-12-06T09:00:00Z', question: 'Who funds the SFA?' },
		{ kind: 'unanswered', at: '2025-12-06T11:00:00Z', question: 'What is the capital of France?' },
		{ kind: 'unanswered', at: '2025-12-06T12:00:00Z', question: '  who funds   the SFA ' },
	];

	it('counts votes and unanswered questions', () => {
		expect(countFeedback(entries)).toEqual({ up: 2, down: 1, unanswered: 3 });
	});

	it('ranks unanswered questions by frequency, counting the same question in other case or spacing as one', () => {
		expect(rankUnanswered(entries)).toEqual([
			{ question: '  who funds   the SFA ', continuedFrom: null, count: 2, lastAsked: '2025-12-06T12:00:00Z' },
			{ question: 'What is the capital of France?', continuedFrom: null, count: 1, lastAsked: '2025-12-06T11:00:00Z' },
		]);
	});

	it('ranks a follow-up with the question it continued from: the same words after another question count apart', () => {
		const followUp = (hour: number, question: string, continuedFrom?: string): FeedbackEntry => ({ kind: 'unanswered', at: `2025-12-06T${hour}:00:00Z`, question, ...(continuedFrom ? { continuedFrom } : {}) });
		const followUps = [
			followUp(10, 'and the date?', 'Who was killed in the raid?'),
			followUp(11, 'And the date', 'who was killed in the raid'),
			followUp(12, 'and the date?', 'Who is Emily Tripp?'),
			followUp(13, 'and the date?'),
		];
		expect(rankUnanswered(followUps)).toEqual([
			{ question: 'And the date', continuedFrom: 'who was killed in the raid', count: 2, lastAsked: '2025-12-06T11:00:00Z' },
			{ question: 'and the date?', continuedFrom: null, count: 1, lastAsked: '2025-12-06T13:00:00Z' },
			{ question: 'and the date?', continuedFrom: 'Who is Emily Tripp?', count: 1, lastAsked: '2025-12-06T12:00:00Z' },
		]);
	});
});
