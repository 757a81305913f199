/**
 * Runs one of the project's entry points in its own process, compiled, as `npm start` does: `src/index.ts` runs as
 * `dist/index.js` (the suite's global set-up keeps dist/ current).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface Run {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
	exited: Promise<number | null>;
}

/**
 * Only PATH and `env` reach the child, and it runs in `cwd`, so a developer's own .env cannot leak in.
 * After `killAfterMs`, if given, a child still running is killed.
 */
export function spawnScript(script: string, { env, cwd, killAfterMs }: { env: Record<string, string>; cwd: string; killAfterMs?: number }): Run {
	const compiled = path.join(ROOT, 'dist', path.relative('src', script).replace(/\.ts$/, '.js'));
	const child = spawn(process.execPath, [compiled], {
		cwd,
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = once(child, 'exit').then(([code]) => code as number | null);
	if (killAfterMs !== undefined) {
		const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
		void exited.finally(() => clearTimeout(timer));
	}
	return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
