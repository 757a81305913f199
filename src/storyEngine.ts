import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { answerQuestion } from './answer/answerQuestion.js';
import { checkClaim } from './answer/checkClaim.js';
import { type Library, openLibrary } from './answer/library.js';
import { loadLexicalData } from './answer/questionTerms.js';
import { quoteParagraph, searchParagraphs } from './answer/searchParagraphs.js';
import type { Answer, ClaimCheck, ParagraphHit } from './answer/types.js';
import { type DateRange, dateRangeOf } from './corpus/dateRange.js';
import { type CorpusFileCache, loadCorpus } from './corpus/loadCorpus.js';
import type { Article, ArticleMeta, CorpusProblem } from './corpus/types.js';
import { prepareUpload, type Upload } from './corpus/uploads.js';
import { ErrorCodes, UserFacingError } from './errors.js';
import { type Logger, silentLogger } from './logger.js';
import { ParagraphIndex } from './search/paragraphIndex.js';
import { loadSnapshot, saveSnapshot, snapshotDirectory, snapshotKey } from './search/snapshot.js';

export interface DocumentSummary extends ArticleMeta {
	id: string;
	file: string;
	paragraphs: number;
}

export interface RefreshReport {
	added: string[];
	changed: string[];
	removed: string[];
	/** Files that could not be loaded; the documents they held before keep serving. */
	problems: CorpusProblem[];
	at: Date;
	/** Who asked for the refresh (a Discord user, "cli"), or null at start-up. */
	by: string | null;
	durationMs: number;
}

export interface CorpusStatus {
	documents: number;
	paragraphs: number;
	/** Hash of the corpus contents and index options: the snapshot's key. */
	snapshotHash: string;
	dateRange: DateRange;
	lastRefresh: RefreshReport;
	/** How the index was obtained at start-up. */
	startedFrom: 'snapshot' | 'build';
}

/** A file a moderator uploads. `meta` fills in whatever the file itself does not state. */
export type UploadedArticle = Upload;

export interface StoryEngineOptions {
	corpusDir: string;
	/** Where index snapshots are kept; outside the corpus directory. */
	cacheDir: string;
	logger?: Logger;
	/** Write a snapshot after start-up and refreshes (default true). */
	persist?: boolean;
}

interface State extends Library {
	readonly index: ParagraphIndex;
	key: string;
	files: CorpusFileCache;
}

/** The file an article came from, without a JSONL line number. */
function fileOf(problem: CorpusProblem): string {
	return problem.file.replace(/:\d+$/, '');
}

function byId(articles: Iterable<Article>): Map<string, Article> {
	return new Map([...articles].map((article) => [article.id, article]));
}

/**
 * The story as one object: corpus, index and answers. Every read goes through one `State` reference, replaced in a
 * single assignment, so a question is always answered from one consistent corpus.
 * Invalid input (an empty question, an unknown document) throws a UserFacingError; "no answer" is a result.
 */
export class StoryEngine {
	#state: State;
	#lastRefresh: RefreshReport;
	readonly #startedFrom: 'snapshot' | 'build';
	readonly #options: Required<StoryEngineOptions>;
	// Refreshes run one at a time, in order; questions are answered throughout.
	#queue: Promise<unknown> = Promise.resolve();

	private constructor(options: Required<StoryEngineOptions>, state: State, report: RefreshReport, startedFrom: 'snapshot' | 'build') {
		this.#options = options;
		this.#state = state;
		this.#lastRefresh = report;
		this.#startedFrom = startedFrom;
	}

	/** Loads the corpus, then the index snapshot for exactly these contents, or builds (and saves) the index. */
	static async open(options: StoryEngineOptions): Promise<StoryEngine> {
		const settings = { logger: silentLogger, persist: true, ...options };
		settings.cacheDir = snapshotDirectory(settings.cacheDir, settings.corpusDir);
		const started = performance.now();
		loadLexicalData();
		const load = await loadCorpus(settings.corpusDir);
		for (const problem of load.problems) settings.logger.warn(problem, 'Skipping a corpus file');
		const key = snapshotKey(load.articles);
		const snapshot = await loadSnapshot(settings.cacheDir, key, settings.logger);
		const index = snapshot ?? ParagraphIndex.build(load.articles);
		const state: State = { ...openLibrary(byId(load.articles), index), index, key, files: load.files };
		const report: RefreshReport = {
			added: load.articles.map((article) => article.id),
			changed: [],
			removed: [],
			problems: load.problems,
			at: new Date(),
			by: null,
			durationMs: performance.now() - started,
		};
		const engine = new StoryEngine(settings, state, report, snapshot ? 'snapshot' : 'build');
		if (!snapshot) await engine.#persist(state);
		settings.logger.info({ documents: state.articles.size, key, from: engine.#startedFrom, ms: Math.round(report.durationMs) }, 'Corpus ready');
		return engine;
	}

	answer(question: string): Answer {
		return answerQuestion(this.#state, question);
	}

	search(query: string, { limit = 10, offset = 0 }: { limit?: number; offset?: number } = {}): { hits: ParagraphHit[]; total: number } {
		return searchParagraphs(this.#state, query, limit, offset);
	}

	quote(doc: string, paragraph: number): ParagraphHit {
		return quoteParagraph(this.#state, doc, paragraph);
	}

	checkClaim(text: string): ClaimCheck {
		return checkClaim(this.#state, text);
	}

	documents(): DocumentSummary[] {
		return [...this.#state.articles.values()].map(({ id, file, title, publisher, date, url, paragraphs }) => ({
			id, file, title, publisher, date, url, paragraphs: paragraphs.length,
		}));
	}

	status(): CorpusStatus {
		const { articles, index, key } = this.#state;
		return {
			documents: articles.size,
			paragraphs: index.statistics.paragraphCount,
			snapshotHash: key,
			dateRange: dateRangeOf(articles),
			lastRefresh: this.#lastRefresh,
			startedFrom: this.#startedFrom,
		};
	}

	/**
	 * Re-reads the corpus directory and applies the difference to the index: only added, changed and removed
	 * documents are touched. A file that fails to load keeps its previous documents serving, and is reported.
	 */
	reload(by: string | null = null): Promise<RefreshReport> {
		return this.#enqueue(() => this.#refresh(by));
	}

	/** Validates an uploaded file, writes it into the corpus directory and refreshes. */
	addDocument(upload: UploadedArticle, by: string | null = null): Promise<RefreshReport> {
		return this.#enqueue(async () => {
			const prepared = await prepareUpload(upload, this.#state.articles);
			for (const file of prepared.replacedFiles) this.#assertSingleDocumentFile(file, new Set(prepared.articles.map((article) => article.id)));
			await writeFile(path.join(this.#options.corpusDir, prepared.fileName), prepared.content);
			await Promise.all(prepared.replacedFiles.map((file) => rm(path.join(this.#options.corpusDir, file), { force: true })));
			return this.#refresh(by);
		});
	}

	removeDocument(doc: string, by: string | null = null): Promise<RefreshReport> {
		return this.#enqueue(async () => {
			const article = this.#state.articles.get(doc);
			if (!article) throw new UserFacingError(ErrorCodes.UnknownDocument, `There is no document "${doc}" in the corpus.`);
			this.#assertSingleDocumentFile(article.file, new Set([doc]));
			await rm(path.join(this.#options.corpusDir, article.file), { force: true });
			return this.#refresh(by);
		});
	}

	/** Files holding many articles (bulk imports) are edited by hand, never deleted to drop one document. */
	#assertSingleDocumentFile(file: string, documents: ReadonlySet<string>): void {
		const others = [...this.#state.articles.values()].filter((article) => article.file === file && !documents.has(article.id));
		if (others.length > 0) {
			throw new UserFacingError(ErrorCodes.InvalidArgument, `That document comes from the bulk file "${file}", which holds ${others.length} other documents; edit that file instead.`);
		}
	}

	#enqueue<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task, task);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	async #refresh(by: string | null): Promise<RefreshReport> {
		const started = performance.now();
		const current = this.#state;
		const load = await loadCorpus(this.#options.corpusDir, current.files);
		const failedFiles = new Set(load.problems.map(fileOf));
		const next = byId(load.articles);
		// A file that broke keeps serving what it held before, so one bad save never empties the story.
		for (const article of current.articles.values()) {
			if (failedFiles.has(article.file) && !next.has(article.id)) next.set(article.id, article);
		}
		const added = [...next.values()].filter((article) => !current.articles.has(article.id));
		const changed = [...next.values()].filter((article) => {
			const before = current.articles.get(article.id);
			return before !== undefined && before.contentHash !== article.contentHash;
		});
		const removed = [...current.articles.values()].filter((article) => !next.has(article.id));
		const outgoing = [...removed, ...changed.map((article) => current.articles.get(article.id)!)];
		// The index is updated in place, synchronously: no question can be answered between these lines,
		// and the new state is published in one assignment.
		current.index.remove(outgoing);
		current.index.add([...added, ...changed]);
		const articles = [...next.values()].sort((a, b) => a.file.localeCompare(b.file) || a.id.localeCompare(b.id));
		this.#state = { ...openLibrary(byId(articles), current.index), index: current.index, key: snapshotKey(articles), files: load.files };
		const report: RefreshReport = {
			added: added.map((article) => article.id),
			changed: changed.map((article) => article.id),
			removed: removed.map((article) => article.id),
			problems: load.problems,
			at: new Date(),
			by,
			durationMs: performance.now() - started,
		};
		this.#lastRefresh = report;
		for (const problem of load.problems) this.#options.logger.warn(problem, 'Corpus file not loaded; its previous version keeps serving');
		this.#options.logger.info({ ...report, problems: report.problems.length, ms: Math.round(report.durationMs) }, 'Corpus refreshed');
		if (outgoing.length > 0 || added.length > 0) void this.#persist(this.#state);
		return report;
	}

	async #persist(state: State): Promise<void> {
		if (!this.#options.persist) return;
		try {
			await saveSnapshot(this.#options.cacheDir, state.key, state.index);
		} catch (error) {
			this.#options.logger.warn({ cacheDir: this.#options.cacheDir, reason: (error as Error).message }, 'Could not save the index snapshot');
		}
	}
}
