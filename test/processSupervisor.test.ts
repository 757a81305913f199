import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DrainReport } from '../src/discord/client.js';
import { superviseProcess } from '../src/processSupervisor.js';
import { recordingLogger, type LogRecord } from './support/recordingLogger.js';

/** A process whose exits are recorded instead of taken, and a bot whose drain finishes when the test says. */
function supervised() {
	const exits: number[] = [];
	const logs: LogRecord[] = [];
	const process = Object.assign(new EventEmitter(), { exit: (code: number) => void exits.push(code) });
	const drains: number[] = [];
	let finishDrain: (report: DrainReport) => void = () => {};
	const supervisor = superviseProcess({ process, logger: recordingLogger(logs), drainTimeoutMs: 8_000 });
	supervisor.serve((timeoutMs) => {
		drains.push(timeoutMs);
		return new Promise((resolve) => (finishDrain = resolve));
	});
	return { process, exits, logs, drains, finish: (report: DrainReport) => finishDrain(report) };
}

const messages = (logs: LogRecord[], level: LogRecord['level']) => logs.filter((record) => record.level === level).map((record) => record.message);

describe('superviseProcess', () => {
	it('drains on SIGTERM with the configured timeout, then exits 0', async () => {
		const { process, exits, drains, finish } = supervised();
		process.emit('SIGTERM', 'SIGTERM');
		expect(drains).toEqual([8_000]);
		expect(exits).toEqual([]);
		finish({ settled: true, inFlight: 0 });
		await expect.poll(() => exits).toEqual([0]);
	});

	it('logs a rejection nobody handled, with its error, and keeps serving', () => {
		const { process, exits, logs, drains } = supervised();
		const reason = new Error('snapshot write failed');
		process.emit('unhandledRejection', reason);
		expect(logs).toEqual([{ level: 'error', details: { err: reason, origin: 'unhandledRejection', draining: false }, message: expect.stringContaining('still serving') }]);
		expect(drains).toEqual([]);
		expect(exits).toEqual([]);
	});

	it('after an uncaught exception, logs it, still drains what is in flight, and exits 1', async () => {
		const { process, exits, logs, drains, finish } = supervised();
		const error = new TypeError("Cannot read properties of undefined (reading 'slice')");
		process.emit('uncaughtException', error);
		expect(logs[0]).toMatchObject({ level: 'error', details: { err: error, origin: 'uncaughtException' } });
		expect(drains).toHaveLength(1);
		finish({ settled: true, inFlight: 0 });
		await expect.poll(() => exits).toEqual([1]);
	});

	it('says when the drain timed out, and exits at once on a second signal', async () => {
		const { process, exits, logs, finish } = supervised();
		process.emit('SIGINT', 'SIGINT');
		process.emit('SIGINT', 'SIGINT');
		expect(exits).toEqual([1]);
		finish({ settled: false, inFlight: 2 });
		await expect.poll(() => messages(logs, 'warn')).toEqual([
			'Second signal during the drain: exiting without waiting',
			'Drain timed out; interactions still in flight were left unanswered',
		]);
	});
});
