/**
 * Peak resident memory of a process that gets ready to answer (one mode per process, see run.ts) and then answers
 * the whole question mix once. "idle" is the same process with the engine's modules loaded and nothing else: the
 * floor that Node, tsx and the code cost before any corpus is read.
 */
import '../src/storyEngine.js';
import { runConcern } from './child.js';
import { benchQuestions, peakRssMb, retainedHeapMb } from './measure.js';
import { isOpenMode, openForAnswers } from './open.js';

await runConcern('memory', async ({ mode, corpusDir, cacheDir, metric }) => {
	if (mode !== 'idle') {
		if (!isOpenMode(mode) || !corpusDir || !cacheDir) throw new Error('memory needs --mode, --corpus-dir and --cache-dir');
		const ask = await openForAnswers(mode, corpusDir, cacheDir);
		metric('peak RSS when ready', 'MB', peakRssMb());
		const { all } = await benchQuestions();
		for (const question of all) ask(question);
	}
	metric('peak RSS', 'MB', peakRssMb());
	metric('retained heap', 'MB', retainedHeapMb());
});
