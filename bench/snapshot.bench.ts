/**
 * Saving the index snapshot and loading it back: the tuned snapshot beside default MiniSearch's JSON. The checksum
 * that a load verifies first is also timed alone, and reported as its share of the load.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { silentLogger } from '../src/logger.js';
import { ParagraphIndex } from '../src/search/paragraphIndex.js';
import { loadSnapshot, saveSnapshot, snapshotKey } from '../src/search/snapshot.js';
import { runConcern } from './child.js';
import { buildDefaultIndex, loadDefaultIndex } from './defaults.js';
import { repeat } from './measure.js';
import { makeScaleCorpus } from './scales.js';

await runConcern('snapshot', async ({ scale, runs, scratch, metric, fact }) => {
	const corpus = await makeScaleCorpus(scale);
	const { articles } = await loadCorpus(corpus.dir).finally(() => corpus.cleanup());
	const key = snapshotKey(articles);
	const cacheDir = path.join(scratch, 'tuned');
	// Building is timed by build.bench.ts; only saving is timed here.
	const index = ParagraphIndex.build(articles);
	let file = '';
	const save = (await repeat(runs, async () => {
		file = (await saveSnapshot(cacheDir, key, index)) ?? '';
	})).median;
	const load = (await repeat(runs, async () => {
		if (!(await loadSnapshot(cacheDir, key, silentLogger, (loaded) => loaded))) throw new Error('the snapshot did not load');
	})).median;
	const defaultFile = path.join(scratch, 'default.json');
	const defaultIndex = buildDefaultIndex(articles);
	const defaultSave = (await repeat(runs, () => writeFile(defaultFile, JSON.stringify(defaultIndex)))).median;
	const defaultLoad = (await repeat(runs, async () => loadDefaultIndex(await readFile(defaultFile, 'utf8')))).median;
	metric('snapshot save', 'ms', save, defaultSave);
	metric('snapshot load', 'ms', load, defaultLoad);
	if (!file) throw new Error('the snapshot was not saved');
	const bytes = await readFile(file);
	const verify = (await repeat(runs, () => createHash('sha256').update(bytes).digest())).median;
	metric('snapshot checksum (in load)', 'ms', verify);
	fact('checksumShareOfLoad', Number((verify / load).toFixed(3)));
	metric('snapshot size', 'MB', (await stat(file)).size / 1e6, (await stat(defaultFile)).size / 1e6);
	fact('snapshotFile', path.basename(file));
});
