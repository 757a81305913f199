import type { Logger } from '../../src/logger.js';

export interface LogRecord {
	level: keyof Logger;
	details: Record<string, unknown>;
	message: string;
}

/**
 * Keeps what the code under test logs, in `lines` (the caller's array when given), so tests can check that failures
 * are logged with their context.
 */
export function recordingLogger(lines: LogRecord[] = []): Logger & { lines: LogRecord[]; messages(level: LogRecord['level']): string[] } {
	const record = (level: keyof Logger) => (details: object, message: string) => void lines.push({ level, details: details as Record<string, unknown>, message });
	return {
		lines,
		messages: (level) => lines.filter((line) => line.level === level).map((line) => line.message),
		debug: record('debug'),
		info: record('info'),
		warn: record('warn'),
		error: record('error'),
	};
}
