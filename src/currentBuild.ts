import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The first source in `root`/src newer than its compiled `root`/dist counterpart (or with none), or null when the
 * build is current. tsc rewrites every output on each build, so an older output means an edit, a checkout or a pull
 * since. A root without sources (compiled code shipped alone) is current.
 */
export function staleSource(root: string): string | null {
	const sources = path.join(root, 'src');
	if (!existsSync(sources)) return null;
	for (const entry of readdirSync(sources, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
		const source = path.join(entry.parentPath, entry.name);
		const compiled = path.join(root, 'dist', path.relative(sources, source).replace(/\.ts$/, '.js'));
		if (statSync(source).mtimeMs > (statSync(compiled, { throwIfNoEntry: false })?.mtimeMs ?? 0)) return path.relative(root, source);
	}
	return null;
}

// Imported first by each entry point, so this runs before the rest loads: compiled code older than its sources stops
// with the command that rebuilds it instead of answering from the old code. Under tsx this module is itself a source,
// and there is nothing to compare.
if (import.meta.url.endsWith('.js')) {
	const root = fileURLToPath(new URL('..', import.meta.url));
	const changed = staleSource(root);
	if (changed) {
		process.stderr.write(`error: the build in dist/ is older than ${changed}; run \`npm run build\` (or \`npm run dev\` / \`npm run dev:ask\` to run the sources).\n`);
		process.exit(2);
	}
}
