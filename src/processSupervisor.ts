import type { DrainReport } from './discord/client.js';
import type { Logger } from './logger.js';

/** The part of `process` the supervisor uses, so a test can hand it an EventEmitter. */
export interface SupervisedProcess {
	on(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
	on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
	on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
	exit(code: number): void;
}

export interface SupervisorOptions {
	process: SupervisedProcess;
	logger: Logger;
	drainTimeoutMs: number;
}

export interface Supervisor {
	/** From now on a signal, or an exception nothing caught, drains the bot before the process exits. */
	serve(drain: (timeoutMs: number) => Promise<DrainReport>): void;
}

/** Closing the gateway after the drain is quick; a shutdown still running this much later is stuck (a dead socket). */
const CLOSE_GRACE_MS = 5_000;

/**
 * The process-wide policy. A rejected promise nobody awaited lost one task but left nothing half-changed, so the
 * bot logs it and keeps serving. After an uncaught exception the state is unknown: it drains and exits non-zero.
 * A second signal during a drain exits at once.
 */
export function superviseProcess({ process, logger, drainTimeoutMs }: SupervisorOptions): Supervisor {
	let drain: ((timeoutMs: number) => Promise<DrainReport>) | null = null;
	let exitCode: number | null = null;

	const shutDown = (code: number, reason: Record<string, unknown>) => {
		if (exitCode !== null) {
			exitCode = Math.max(exitCode, code);
			return;
		}
		exitCode = code;
		if (!drain) {
			logger.info(reason, 'Stopping before the bot was ready');
			return process.exit(code);
		}
		logger.info({ ...reason, drainTimeoutMs }, 'Draining: new interactions get "restarting", those in flight are finished');
		const stuck = setTimeout(() => {
			logger.error({ timeoutMs: drainTimeoutMs + CLOSE_GRACE_MS }, 'Shutdown timed out');
			process.exit(1);
		}, drainTimeoutMs + CLOSE_GRACE_MS);
		stuck.unref();
		drain(drainTimeoutMs).then(
			(report) => {
				clearTimeout(stuck);
				if (!report.settled) logger.warn({ ...report, drainTimeoutMs }, 'Drain timed out; interactions still in flight were left unanswered');
				logger.info(report, 'Disconnected from Discord');
				process.exit(exitCode ?? code);
			},
			(error: unknown) => {
				clearTimeout(stuck);
				logger.error({ err: error }, 'Shutdown failed');
				process.exit(1);
			},
		);
	};

	const onSignal = (signal: NodeJS.Signals) => {
		if (exitCode === null) return shutDown(0, { signal });
		logger.warn({ signal }, 'Second signal during the drain: exiting without waiting');
		process.exit(1);
	};
	process.on('SIGTERM', onSignal);
	process.on('SIGINT', onSignal);
	process.on('unhandledRejection', (reason) => {
		logger.error({ err: reason, origin: 'unhandledRejection', draining: exitCode !== null }, 'A promise failed with nobody waiting on it; still serving');
	});
	process.on('uncaughtException', (error) => {
		logger.error({ err: error, origin: 'uncaughtException', draining: exitCode !== null }, 'Uncaught exception: the state is unknown, so the bot drains and exits');
		shutDown(1, { origin: 'uncaughtException' });
	});

	return {
		serve(drainBot) {
			drain = drainBot;
		},
	};
}
