/**
 * Peak resident memory of a process that gets ready to answer (one mode per process, see run.ts) and then answers
 * the whole question mix once. "idle" is the same process with the engine's modules loaded and nothing else: the
 * floor that Node, tsx and the code cost before any corpus is read. From the snapshot, the engine then goes on to
 * answer many more questions about articles all over the corpus, as a bot does over days, so that whatever the
 * answer code caches per article shows in the peak.
 */
import '../src/storyEngine.js';
import type { StoryEngine } from '../src/storyEngine.js';
import { runConcern } from './child.js';
import { benchQuestions, peakRssMb, retainedHeapMb } from './measure.js';
import { isOpenMode, LONG_RUN_QUESTIONS, openForAnswers } from './open.js';

/** Questions made of the opening words of paragraphs drawn evenly from the corpus: each reaches other articles. */
function corpusQuestions(engine: StoryEngine, count: number): string[] {
	const paragraphs = engine.documents().flatMap((document) => Array.from({ length: document.paragraphs }, (_, index) => [document.id, index + 1] as const));
	const step = Math.max(1, Math.floor(paragraphs.length / count));
	return paragraphs
		.filter((_, index) => index % step === 0)
		.slice(0, count)
		.map(([doc, paragraph]) => `What about ${engine.quote(doc, paragraph).text.split(/\s+/).slice(0, 9).join(' ')}?`);
}

await runConcern('memory', async ({ mode, corpusDir, cacheDir, metric }) => {
	if (mode !== 'idle') {
		if (!isOpenMode(mode) || !corpusDir || !cacheDir) throw new Error('memory needs --mode, --corpus-dir and --cache-dir');
		const { ask, engine } = await openForAnswers(mode, corpusDir, cacheDir);
		metric('peak RSS when ready', 'MB', peakRssMb());
		const { all } = await benchQuestions();
		for (const question of all) ask(question);
		metric('peak RSS', 'MB', peakRssMb());
		metric('retained heap', 'MB', retainedHeapMb());
		if (mode === 'snapshot' && engine) {
			for (const question of corpusQuestions(engine, LONG_RUN_QUESTIONS)) ask(question);
			metric('peak RSS after a long run', 'MB', peakRssMb());
			metric('retained heap after a long run', 'MB', retainedHeapMb());
		}
		return;
	}
	metric('peak RSS', 'MB', peakRssMb());
	metric('retained heap', 'MB', retainedHeapMb());
});
