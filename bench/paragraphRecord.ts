/**
 * `node --expose-gc --import tsx bench/paragraphRecord.ts [--runs=N]`: what DATA_DIR's paragraph record costs at the archive scale (story +
 * BBC + Reuters), as ratios to the same work without it. Opening from the snapshot with the record present and nothing
 * changed (every start but the first), the first start (which writes the whole record in the background), and a reload after one story
 * file changed (which rewrites the index and that file's texts). Also the record's size on disk beside the corpus's.
 */
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { silentLogger } from '../src/logger.js';
import { PARAGRAPH_RECORD_DIR } from '../src/paragraphRecord.js';
import { StoryEngine } from '../src/storyEngine.js';
import { makeTempDir } from '../test/support/tempDir.js';
import { collectGarbage, elapsedAsync, median } from './measure.js';
import { makeScaleCorpus, scaleOf } from './scales.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const corpus = await makeScaleCorpus(scaleOf('story-bbc-reuters'));
const cache = await makeTempDir('record-bench-cache-');
const data = await makeTempDir('record-bench-data-');
const recordDir = path.join(data.path, PARAGRAPH_RECORD_DIR);
const open = (recordCorpus: boolean) => {
	collectGarbage();
	return StoryEngine.open({ corpusDir: corpus.dir, cacheDir: cache.path, dataDir: data.path, logger: silentLogger, recordCorpus });
};

async function sizeOf(directory: string): Promise<number> {
	const names = await readdir(directory);
	const sizes = await Promise.all(names.map(async (name) => (await stat(path.join(directory, name))).size));
	return sizes.reduce((sum, size) => sum + size, 0);
}

try {
	// The snapshot every timed open loads.
	await (await open(false)).close();
	const samples = { without: [] as number[], present: [] as number[], first: [] as number[], firstWritten: [] as number[], reloadWithout: [] as number[], reloadWith: [] as number[] };
	const story = path.join(corpus.dir, 'ap-dumayr-raid-2025-12-05.md');
	const original = await readFile(story, 'utf8');
	for (let run = 0; run < runs; run++) {
		await rm(recordDir, { recursive: true, force: true });
		const first = await elapsedAsync(() => open(true));
		samples.first.push(first.ms);
		samples.firstWritten.push(first.ms + (await elapsedAsync(() => first.value.close())).ms);
		for (const [recordCorpus, into, reloadInto] of [[false, samples.without, samples.reloadWithout], [true, samples.present, samples.reloadWith]] as const) {
			const opened = await elapsedAsync(() => open(recordCorpus));
			into.push(opened.ms);
			await writeFile(story, original.replace('Dumayr', `Dumayr${run}${recordCorpus}`));
			reloadInto.push((await elapsedAsync(() => opened.value.reload())).ms);
			// Back as it was, so every open loads the same snapshot (a start removes the others as stale).
			await writeFile(story, original);
			await opened.value.reload();
			await opened.value.close();
		}
	}
	const corpusBytes = await sizeOf(corpus.dir);
	const recordBytes = await sizeOf(recordDir);
	const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
	console.log(`runs: ${runs}; medians in ms`);
	console.log(`open from snapshot, record present ÷ without: ${ratio(samples.present, samples.without)} (${median(samples.present).toFixed(0)} / ${median(samples.without).toFixed(0)})`);
	console.log(`first open (the record is written after it) ÷ without: ${ratio(samples.first, samples.without)} (${median(samples.first).toFixed(0)} / ${median(samples.without).toFixed(0)})`);
	console.log(`first open until its record is written ÷ open without: ${ratio(samples.firstWritten, samples.without)} (${median(samples.firstWritten).toFixed(0)} / ${median(samples.without).toFixed(0)})`);
	console.log(`reload of one changed story file, with ÷ without: ${ratio(samples.reloadWith, samples.reloadWithout)} (${median(samples.reloadWith).toFixed(0)} / ${median(samples.reloadWithout).toFixed(0)})`);
	console.log(`record on disk ÷ corpus files: ${(recordBytes / corpusBytes).toFixed(2)} (${(recordBytes / 1e6).toFixed(1)} MB / ${(corpusBytes / 1e6).toFixed(1)} MB)`);
} finally {
	await corpus.cleanup();
	await cache.remove();
	await data.remove();
}
