/**
 * vitest global set-up: the spawned tests run the compiled entry points, as `npm start` and `npm run ask` do, and those
 * refuse to run older than their sources. After `npm ci` (prepare) the build is current and this costs a directory
 * walk; after an edit to src/ it rebuilds once (one tsc run, ~6 s) instead of failing every spawned test.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { staleSource } from '../../src/currentBuild.js';

export default function ensureCurrentBuild(): void {
	const root = path.resolve(import.meta.dirname, '../..');
	if (staleSource(root)) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
