import { randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Logger } from './logger.js';

/**
 * Writes that a crash cannot tear: the data goes to a temporary file beside its destination, is flushed to disk, and
 * is renamed over the destination in one step, then the directory entry is flushed too. A reader (or the next start)
 * sees the old file or the new one, never a mix. Every file the bot writes goes through here.
 *
 * Temporary names start with a dot, so the corpus loader (which skips dot-files) never reads one as an article,
 * and carry the writer's pid, so `removeStaleTemporaries` can tell a dead writer's leftovers from a live one's.
 */
const TEMPORARY = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/;

/** The name `stageFile` gives a temporary file for `destination` when written by `pid` (tests make stale ones). */
export function temporaryName(destination: string, pid: number, tag = '00000000'): string {
	return `.${path.basename(destination)}.${pid}-${tag}.tmp`;
}

function temporaryFor(destination: string): string {
	return path.join(path.dirname(destination), temporaryName(destination, process.pid, randomBytes(4).toString('hex')));
}

/** Temporary files of this process not yet committed or discarded: the only ones with its pid that are not stale. */
const inFlight = new Set<string>();

export type FileData = string | Uint8Array | readonly Uint8Array[];

/** A file written and flushed beside its destination, not yet in place. */
export interface StagedFile {
	/** The temporary file: readable now, as the destination will be once committed. */
	readonly path: string;
	/** Moves the file into place (replacing any file there) and flushes the directory. */
	commit(): Promise<void>;
	/** Removes the temporary file; does nothing once committed. */
	discard(): Promise<void>;
}

/** Flushes a directory's entries (a rename or removal in it) to disk. Windows cannot open a directory: skipped there. */
export async function syncDirectory(directory: string): Promise<void> {
	let handle;
	try {
		handle = await open(directory, 'r');
	} catch (error) {
		if (['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
		throw error;
	}
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
 * Writes the data to a temporary file beside `destination` and flushes it, without touching `destination`: the caller
 * reads it (a refresh builds the new state from it), then commits or discards it.
 */
export async function stageFile(destination: string, data: FileData): Promise<StagedFile> {
	const temporary = temporaryFor(destination);
	inFlight.add(temporary);
	const handle = await open(temporary, 'wx').catch((error: unknown) => {
		inFlight.delete(temporary);
		throw error;
	});
	try {
		// Each writeFile on a handle continues where the last one ended: chunks are written in order, none copied.
		for (const chunk of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) await handle.writeFile(chunk);
		await handle.sync();
	} catch (error) {
		await handle.close();
		await rm(temporary, { force: true });
		inFlight.delete(temporary);
		throw error;
	}
	await handle.close();
	let committed = false;
	return {
		path: temporary,
		async commit() {
			await rename(temporary, destination);
			committed = true;
			inFlight.delete(temporary);
			await syncDirectory(path.dirname(destination));
		},
		async discard() {
			if (committed) return;
			await rm(temporary, { force: true });
			inFlight.delete(temporary);
		},
	};
}

/** Writes the whole file or, on any failure, leaves the destination as it was and no temporary file behind. */
export async function writeFileAtomic(destination: string, data: FileData): Promise<void> {
	const staged = await stageFile(destination, data);
	try {
		await staged.commit();
	} finally {
		await staged.discard();
	}
}

/**
 * Reads a JSON file this bot wrote. A missing file is `undefined`; one that does not match `schema` is renamed aside
 * (`….unreadable-<time>`), logged with `message`, and `undefined` too: the caller starts afresh, never overwriting it.
 */
export async function readJsonOrSetAside<T>(file: string, schema: z.ZodType<T>, logger: Logger, message: string): Promise<T | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	try {
		return schema.parse(JSON.parse(text));
	} catch (error) {
		const aside = `${file}.unreadable-${Date.now()}`;
		await rename(file, aside);
		logger.error({ file, movedTo: aside, reason: (error as Error).message }, message);
		return undefined;
	}
}

/** Removes a file and flushes its directory, so the removal survives a crash that follows. */
export async function removeFileDurably(file: string): Promise<void> {
	await rm(file, { force: true });
	await syncDirectory(path.dirname(file));
}

function isRunning(pid: number): boolean {
	// Signal 0 to pid 0 would test our own process group.
	if (pid === 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes the temporary files that writers which are no longer running left in a directory (a crash mid-write):
 * another process's while it is not running, and this process's own pid when not in flight (a restarted container
 * often gets the pid its predecessor had). Best effort: a file that cannot be removed costs only disk space, and
 * no reader takes a temporary file for a real one. Returns the names removed; a missing directory has none.
 */
export async function removeStaleTemporaries(directory: string): Promise<string[]> {
	const names = await readdir(directory).catch(() => []);
	const stale = names.filter((name) => {
		const pid = Number(TEMPORARY.exec(name)?.[1] ?? Number.NaN);
		if (Number.isNaN(pid) || inFlight.has(path.join(directory, name))) return false;
		return pid === process.pid || !isRunning(pid);
	});
	const removed = await Promise.all(stale.map((name) => rm(path.join(directory, name), { force: true }).then(() => true, () => false)));
	return stale.filter((_, at) => removed[at]);
}

/** Whether a name is one of this module's temporary files (tests check none is left behind). */
export function isTemporaryFile(name: string): boolean {
	return TEMPORARY.test(name);
}
