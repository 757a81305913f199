/**
 * Start-up of a fresh process to its first answer, one mode per process (see run.ts): from the snapshot, and by a
 * full rebuild; default MiniSearch from its JSON, and by building it. Times count from the process's own start, so
 * module loading is included, as a user waiting for the bot would see it.
 */
import { runConcern } from './child.js';
import { elapsedAsync } from './measure.js';
import { isOpenMode, openForAnswers } from './open.js';

await runConcern('startup', async ({ mode, corpusDir, cacheDir, metric }) => {
	if (!isOpenMode(mode) || !corpusDir || !cacheDir) throw new Error('startup needs --mode, --corpus-dir and --cache-dir');
	const { value: opened, ms: openMs } = await elapsedAsync(() => openForAnswers(mode, corpusDir, cacheDir));
	opened.ask('Who was killed in the raid?');
	metric('open', 'ms', openMs);
	metric('process start to first answer', 'ms', performance.now());
});
