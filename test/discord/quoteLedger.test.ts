import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILE_NAME, QuoteLedger } from '../../src/discord/quoteLedger.js';
import { recordingLogger } from '../support/corpusFixtures.js';
import { faults } from '../support/faults.js';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

vi.mock('node:fs/promises', async (importOriginal) => (await import('../support/faults.js')).faultyFsPromises(await importOriginal()));

const DAY_MS = 24 * 60 * 60 * 1_000;
const NOW = Date.parse('2025-12-08T12:00:00Z');
let dir: TempDir;
beforeEach(async () => {
	dir = await makeTempDir('story-ledger-');
});
afterEach(async () => {
	faults.fs = null;
	await dir.remove();
});

const ledger = () => new QuoteLedger(dir.path, { retentionDays: 30, logger: recordingLogger(), now: () => NOW });
const entry = (messageId: string, daysAgo: number, paragraph = 12, channelId = '1') => ({
	channelId,
	messageId,
	at: new Date(NOW - daysAgo * DAY_MS).toISOString(),
	quoted: [{ doc: 'ap', paragraph }],
});

describe('the quote ledger', () => {
	it('finds the latest reply in each channel that quoted a paragraph, across a restart, and stores no user id', async () => {
		const first = ledger();
		await first.record(entry('m1', 3));
		await first.record(entry('m2', 2));
		await first.record(entry('m3', 1, 12, '2'));
		await first.record(entry('m4', 1, 13));
		const found = await ledger().latestQuoting('ap', 12);
		expect(found.map((found) => [found.channelId, found.messageId])).toEqual([['1', 'm2'], ['2', 'm3']]);
		expect(Object.keys(JSON.parse(await readFile(path.join(dir.path, LEDGER_FILE_NAME), 'utf8')).entries[0]).sort()).toEqual(['at', 'channelId', 'messageId', 'quoted']);
	});

	it('forgets replies older than the retention', async () => {
		const store = ledger();
		await store.record(entry('old', 31));
		await store.record(entry('new', 29));
		expect((await store.latestQuoting('ap', 12)).map((found) => found.messageId)).toEqual(['new']);
		expect(JSON.parse(await readFile(path.join(dir.path, LEDGER_FILE_NAME), 'utf8')).entries.map((saved: { messageId: string }) => saved.messageId)).toEqual(['new']);
	});

	it('keeps one entry per paragraph and channel however many replies quoted it, so the file does not grow with use', async () => {
		const store = ledger();
		for (let reply = 1; reply <= 200; reply++) await store.record(entry(`m${reply}`, 0, 12 + (reply % 2)));
		const saved = JSON.parse(await readFile(path.join(dir.path, LEDGER_FILE_NAME), 'utf8')).entries as { messageId: string; quoted: unknown[] }[];
		expect(saved.map((kept) => [kept.messageId, kept.quoted])).toEqual([
			['m199', [{ doc: 'ap', paragraph: 13 }]],
			['m200', [{ doc: 'ap', paragraph: 12 }]],
		]);
		expect((await ledger().latestQuoting('ap', 13)).map((found) => found.messageId)).toEqual(['m199']);
	});

	it('saves the replies recorded during a write together in the next one, each in order, none lost', async () => {
		const store = ledger();
		let rewrites = 0;
		faults.fs = (operation, file) => {
			if (operation === 'rename' && file.includes(LEDGER_FILE_NAME)) rewrites++;
		};
		await Promise.all(Array.from({ length: 100 }, (_, reply) => store.record(entry(`m${reply + 1}`, 0, 12 + (reply % 3), String(reply % 2)))));
		expect(rewrites).toBeLessThanOrEqual(2);
		const reopened = ledger();
		const latest = async (paragraph: number) => (await reopened.latestQuoting('ap', paragraph)).map((found) => `${found.channelId}:${found.messageId}`).sort();
		expect(await latest(12)).toEqual(['0:m97', '1:m100']);
		expect(await latest(14)).toEqual(['0:m99', '1:m96']);
	});

	it('keeps every earlier entry when a write fails before its rename', async () => {
		const store = ledger();
		await store.record(entry('m1', 1));
		faults.fs = (operation, file) => {
			if (operation === 'rename' && file.includes(LEDGER_FILE_NAME)) throw new Error('killed mid-write');
		};
		await expect(store.record(entry('m2', 0))).rejects.toThrow('killed mid-write');
		faults.fs = null;
		expect((await ledger().latestQuoting('ap', 12)).map((found) => found.messageId)).toEqual(['m1']);
	});

	it('sets an unreadable file aside rather than overwrite it', async () => {
		await writeFile(path.join(dir.path, LEDGER_FILE_NAME), '{"version":1,"entries":[{');
		const logger = recordingLogger();
		const store = new QuoteLedger(dir.path, { retentionDays: 30, logger, now: () => NOW });
		expect(await store.latestQuoting('ap', 12)).toEqual([]);
		expect(logger.messages('error')).toEqual(['The quote ledger could not be read; it was set aside and a new one started']);
		expect((await readdir(dir.path)).filter((name) => name.startsWith(`${LEDGER_FILE_NAME}.unreadable-`))).toHaveLength(1);
		expect(await readdir(dir.path)).not.toContain(LEDGER_FILE_NAME);
	});
});
