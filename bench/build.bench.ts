/** Building the index from loaded articles: the tuned paragraph index beside default MiniSearch. */
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { ParagraphIndex } from '../src/search/paragraphIndex.js';
import { runConcern } from './child.js';
import { buildDefaultIndex } from './defaults.js';
import { repeat } from './measure.js';
import { makeScaleCorpus } from './scales.js';

await runConcern('build', async ({ scale, runs, metric, fact }) => {
	const corpus = await makeScaleCorpus(scale);
	try {
		const { articles } = await loadCorpus(corpus.dir);
		metric('load corpus', 'ms', (await repeat(runs, () => loadCorpus(corpus.dir))).median);
		fact('documents', articles.length);
		fact('paragraphs', articles.reduce((sum, article) => sum + article.paragraphs.length, 0));
		const tuned = await repeat(runs, () => ParagraphIndex.build(articles));
		const defaults = await repeat(runs, () => buildDefaultIndex(articles));
		metric('build index', 'ms', tuned.median, defaults.median);
	} finally {
		await corpus.cleanup();
	}
});
