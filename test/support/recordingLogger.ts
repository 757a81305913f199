import type { Logger } from '../../src/logger.js';

export interface LogRecord {
	level: keyof Logger;
	details: Record<string, unknown>;
	message: string;
}

/** Keeps what the code under test logs, so tests can check that failures are logged with their context. */
export function recordingLogger(records: LogRecord[]): Logger {
	const record = (level: keyof Logger) => (details: object, message: string) => void records.push({ level, details: details as Record<string, unknown>, message });
	return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
