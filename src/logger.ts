/**
 * The logging surface the core needs. pino's logger satisfies it; tests can pass a silent one.
 * The core reports non-fatal conditions (a bad corpus file, a stale snapshot) here instead of throwing.
 */
export interface Logger {
	debug(details: object, message: string): void;
	info(details: object, message: string): void;
	warn(details: object, message: string): void;
	error(details: object, message: string): void;
}

export const silentLogger: Logger = {
	debug() {},
	info() {},
	warn() {},
	error() {},
};
