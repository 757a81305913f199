/**
 * The ways a fresh process gets ready to answer, as start-up and memory measure them: the story engine from its
 * snapshot or by a full rebuild (which saves the snapshot), and default MiniSearch from its JSON or by building it.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { silentLogger } from '../src/logger.js';
import { StoryEngine } from '../src/storyEngine.js';
import { buildDefaultIndex, loadDefaultIndex, searchDefault } from './defaults.js';

/** How many questions about articles all over the corpus memory.bench.ts asks after the question mix. */
export const LONG_RUN_QUESTIONS = 2_000;

export const OPEN_MODES = ['snapshot', 'rebuild', 'default-snapshot', 'default-rebuild'] as const;
export type OpenMode = (typeof OPEN_MODES)[number];

export function isOpenMode(mode: string): mode is OpenMode {
	return (OPEN_MODES as readonly string[]).includes(mode);
}

/** A rebuild starts from an empty cache directory; the snapshot it leaves is what the snapshot modes load. */
async function prepareCache(mode: OpenMode, cacheDir: string): Promise<void> {
	if (mode.endsWith('rebuild')) await rm(cacheDir, { recursive: true, force: true });
	await mkdir(cacheDir, { recursive: true });
}

export interface Opened {
	ask: (question: string) => unknown;
	/** The engine, for the tuned modes. */
	engine: StoryEngine | null;
}

/** Opens the corpus the given way and returns how to ask it a question. */
export async function openForAnswers(mode: OpenMode, corpusDir: string, cacheDir: string): Promise<Opened> {
	await prepareCache(mode, cacheDir);
	if (mode === 'snapshot' || mode === 'rebuild') {
		const engine = await StoryEngine.open({ corpusDir, cacheDir, logger: silentLogger });
		const startedFrom = engine.status().startedFrom;
		if (startedFrom !== (mode === 'snapshot' ? 'snapshot' : 'build')) throw new Error(`expected to start from ${mode}, started from ${startedFrom}`);
		return { ask: (question) => engine.answer(question), engine };
	}
	const defaultFile = path.join(cacheDir, 'default-minisearch.json');
	const { articles } = await loadCorpus(corpusDir);
	let miniSearch;
	if (mode === 'default-snapshot') {
		miniSearch = loadDefaultIndex(await readFile(defaultFile, 'utf8'));
	} else {
		miniSearch = buildDefaultIndex(articles);
		await writeFile(defaultFile, JSON.stringify(miniSearch));
	}
	// The paragraphs stay loaded, as an answering process needs their text.
	const paragraphs = articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
	if (miniSearch.documentCount !== paragraphs) throw new Error('the default index does not hold every paragraph');
	return { ask: (question) => searchDefault(miniSearch, question, 12), engine: null };
}
