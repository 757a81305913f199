import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackLog, countFeedback, rankUnanswered, type FeedbackEntry } from '../../src/discord/feedbackLog.js';

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
			{ question: '  who funds   the SFA ', count: 2, lastAsked: '2025-12-06T12:00:00Z' },
			{ question: 'What is the capital of France?', count: 1, lastAsked: '2025-12-06T11:00:00Z' },
		]);
	});
});
