/**
 * Evaluates the engine and the plain baseline on every story of `test/eval/stories/`, each loaded as its own corpus,
 * and pools the results by split: the held-out figure is the one that says whether the engine generalizes.
 */
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
import { baselineEngine } from './baseline.js';
import { evaluate, type EvalReport, type QuestionResult } from './evaluate.js';
import { type Story, type StorySplit, loadStories, makeStoryCorpus, questionsFromOtherStories, readStoryArticles } from './stories.js';

export interface StoryRun {
	story: Story;
	engine: EvalReport;
	baseline: EvalReport;
	/** The engine asked the other stories' questions of the same split (see `questionsFromOtherStories`): all should be refused. */
	otherStories: EvalReport;
}

/** Runs every story of the given splits; null when the archives the stories need are absent. */
export async function runStories(splits: readonly StorySplit[], archiveDir: string): Promise<StoryRun[] | null> {
	const stories = (await loadStories()).filter((story) => splits.includes(story.split));
	const articles = await readStoryArticles(stories, archiveDir);
	if (!articles) return null;
	const runs: StoryRun[] = [];
	for (const story of stories) {
		const corpus = await makeStoryCorpus(story, articles);
		try {
			const engine = await StoryEngine.open({ corpusDir: corpus.dir, cacheDir: corpus.dir, logger: silentLogger, persist: false });
			const loaded = await loadCorpus(corpus.dir);
			runs.push({
				story,
				engine: evaluate(engine, story.questions),
				baseline: evaluate(baselineEngine(loaded.articles), story.questions),
				otherStories: evaluate(engine, questionsFromOtherStories(story, stories.filter((other) => other.split === story.split))),
			});
		} finally {
			await corpus.cleanup();
		}
	}
	return runs;
}

/** The results of several stories as one report's results, ids prefixed by story so they stay unique. */
export function pooledResults(runs: readonly StoryRun[], which: 'engine' | 'baseline' | 'otherStories'): QuestionResult[] {
	return runs.flatMap((run) => run[which].results.map((result) => ({ ...result, id: `${run.story.slug}/${result.id}` })));
}
