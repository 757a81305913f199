import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { answerQuestion } from './answer/answerQuestion.js';
import { viewAsOf } from './answer/asOf.js';

/** For adapters that check an as-of date before the corpus loads; every read checks it too. */
export { parseAsOfDate } from './answer/asOf.js';
/** The words of a quote's correction line, the same in every adapter. */
export { correctionNote, describeCorrection } from './answer/corrections.js';
import { checkClaim } from './answer/checkClaim.js';
import { markAnswer, markCitation, markClaimCheck, markTimeline, paragraphCorrections } from './answer/corrections.js';
import { answerFollowUp } from './answer/followUp.js';
import { type Library, openLibrary } from './answer/library.js';
import { loadLexicalData } from './answer/questionTerms.js';
import { quoteParagraph, searchParagraphs } from './answer/searchParagraphs.js';
import { buildTimeline } from './answer/timeline.js';
import type { Answer, AsOfCoverage, ClaimCheck, Correction, ParagraphHit, Timeline } from './answer/types.js';
import { type DateRange, dateRangeOf } from './corpus/dateRange.js';
import { type CorpusFileCache, type CorpusLoad, loadCorpus, type PendingFiles } from './corpus/loadCorpus.js';
import type { Article, ArticleMeta, CorpusProblem } from './corpus/types.js';
import { prepareUpload, type Upload } from './corpus/uploads.js';
import { CORRECTIONS_FILE_NAME, CorrectionStore } from './correctionStore.js';
import { ErrorCodes, UserFacingError } from './errors.js';
import { removeFileDurably, removeStaleTemporaries, stageFile } from './fsAtomic.js';
import { type Logger, silentLogger } from './logger.js';
import { ParagraphRecord } from './paragraphRecord.js';
import { ParagraphIndex } from './search/paragraphIndex.js';
import { loadSnapshot, removeStaleSnapshots, saveSnapshot, snapshotDirectory, snapshotKey } from './search/snapshot.js';

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
	/** One for each paragraph of a changed document whose text changed, recorded before the report is returned. */
	corrections: Correction[];
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

/** What an upload changed, beside what every refresh reports. */
export interface UploadReport extends RefreshReport {
	/** The file written into the corpus directory. */
	file: string;
	/** The upload's own name when a file already had it and `replace` was off, so it went into `file` instead. */
	nameTaken: string | null;
	/** Existing files the upload overwrote or removed (`replace` only); `removed` lists the articles they took along. */
	replacedFiles: string[];
}

/** Read the corpus as it stood on a day (YYYY-MM-DD): see `libraryAsOf`. */
export interface AsOf {
	asOf?: string;
}

/** A file a moderator uploads. `meta` fills in whatever the file itself does not state. */
export type UploadedArticle = Upload;

/** A change to the corpus directory: the new state is built from `files` first, and `commit` runs just before the swap. */
interface PendingChange {
	files: PendingFiles;
	/** Files that must load without a problem, or the change is refused: an upload's own. */
	required: ReadonlySet<string>;
	/**
	 * Moves the change into place. Past its point of no return (an upload renamed into place), a failure no longer
	 * undoes the change: it is returned as a problem to report, and the new state is swapped in.
	 */
	commit(): Promise<CorpusProblem[]>;
}

export interface StoryEngineOptions {
	corpusDir: string;
	/** Where index snapshots are kept; outside the corpus directory. */
	cacheDir: string;
	logger?: Logger;
	/** Write a snapshot after start-up and refreshes (default true). */
	persist?: boolean;
	/** Where the corrections are kept (DATA_DIR); null keeps them in memory, for this process only (the default). */
	dataDir?: string | null;
	/**
	 * Keep DATA_DIR's paragraph record of the corpus served, so that paragraphs changed while the process was down
	 * are recorded as corrections at the next start (default false: the bot does, a CLI run beside it must not).
	 */
	recordCorpus?: boolean;
}

export interface CorrectionResult {
	/** The correction of the paragraph asked for, with its note. */
	correction: Correction;
	/** Every correction recorded, that one included: a file can change other paragraphs too. */
	corrections: Correction[];
	upload: UploadReport | null;
}

/** A moderator's correction of one paragraph, with the file that corrects it or (without one) a note alone. */
export interface CorrectionRequest {
	doc: string;
	paragraph: number;
	note: string;
	/** Replaces the document's file; its other changed paragraphs are recorded too, without a note. */
	upload?: UploadedArticle;
}

/** Notes a moderator gives with a file, by document and paragraph number. */
type CorrectionNotes = ReadonlyMap<string, ReadonlyMap<number, string>>;

interface State extends Library {
	readonly index: ParagraphIndex;
	key: string;
	files: CorpusFileCache;
}

/** A record that cannot even be opened (a permissions problem) costs the start-up check, not the start-up. */
async function openRecord(dataDir: string, logger: Logger): Promise<ParagraphRecord | null> {
	try {
		return await ParagraphRecord.open(dataDir, logger);
	} catch (error) {
		logger.warn({ reason: (error as Error).message }, 'Could not open the paragraph record; edits made while the bot was down go unrecorded');
		return null;
	}
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
	/** Snapshot saves (and the start-up's record write) under way: a refresh does not wait for its own, `close` does. */
	readonly #saves = new Set<Promise<void>>();
	readonly #corrections: CorrectionStore;
	readonly #record: ParagraphRecord | null;
	readonly #correctionListeners = new Set<(corrections: readonly Correction[]) => void>();

	private constructor(options: Required<StoryEngineOptions>, state: State, report: RefreshReport, startedFrom: 'snapshot' | 'build', corrections: CorrectionStore, record: ParagraphRecord | null) {
		this.#options = options;
		this.#corrections = corrections;
		this.#record = record;
		this.#state = state;
		this.#lastRefresh = report;
		this.#startedFrom = startedFrom;
	}

	/** Loads the corpus, then the index snapshot for exactly these contents, or builds (and saves) the index. */
	static async open(options: StoryEngineOptions): Promise<StoryEngine> {
		const settings = { logger: silentLogger, persist: true, dataDir: null, recordCorpus: false, ...options };
		settings.cacheDir = snapshotDirectory(settings.cacheDir, settings.corpusDir);
		const started = performance.now();
		loadLexicalData();
		const corrections = settings.dataDir ? await CorrectionStore.open(settings.dataDir, settings.logger) : CorrectionStore.inMemory();
		const record = settings.dataDir && settings.recordCorpus ? await openRecord(settings.dataDir, settings.logger) : null;
		const leftovers = await removeStaleTemporaries(settings.corpusDir);
		if (leftovers.length > 0) settings.logger.warn({ files: leftovers }, 'Removed temporary files an interrupted upload left behind');
		const load = await loadCorpus(settings.corpusDir);
		for (const problem of load.problems) settings.logger.warn(problem, 'Skipping a corpus file');
		const key = snapshotKey(load.articles);
		await removeStaleSnapshots(settings.cacheDir, key);
		const articles = byId(load.articles);
		const stateOn = (index: ParagraphIndex): State => ({ ...openLibrary(articles, index), index, key, files: load.files });
		// The library is opened inside the snapshot's guard: corroboration is the first to read all of its postings.
		const fromSnapshot = await loadSnapshot(settings.cacheDir, key, settings.logger, stateOn);
		const state = fromSnapshot ?? stateOn(ParagraphIndex.build(load.articles));
		const report: RefreshReport = {
			added: load.articles.map((article) => article.id),
			changed: [],
			removed: [],
			problems: load.problems,
			at: new Date(),
			by: null,
			durationMs: performance.now() - started,
			corrections: [],
		};
		const engine = new StoryEngine(settings, state, report, fromSnapshot ? 'snapshot' : 'build', corrections, record);
		await engine.#recordOfflineEdits();
		if (!fromSnapshot) await engine.#persist(state);
		settings.logger.info({ documents: state.articles.size, key, from: engine.#startedFrom, ms: Math.round(report.durationMs) }, 'Corpus ready');
		return engine;
	}

	/**
	 * `asOf` (YYYY-MM-DD, on every read): only articles published on or before that day are used. `earlier`: the
	 * questions this one follows up, oldest first, read as its context (see `analyzeFollowUp`).
	 */
	answer(question: string, { asOf, earlier = [] }: AsOf & { earlier?: readonly string[] } = {}): Answer {
		const { library, coverage } = viewAsOf(this.#state, asOf);
		const [first, ...rest] = earlier;
		const answer = markAnswer(first === undefined ? answerQuestion(library, question) : answerFollowUp(library, question, [first, ...rest]), this.#corrections.lookup);
		return coverage ? { ...answer, asOf: coverage } : answer;
	}

	search(query: string, { limit = 10, offset = 0, asOf }: { limit?: number; offset?: number } & AsOf = {}): { hits: ParagraphHit[]; total: number; asOf?: AsOfCoverage } {
		const { library, coverage } = viewAsOf(this.#state, asOf);
		const found = searchParagraphs(library, query, limit, offset);
		const result = { ...found, hits: found.hits.map((hit) => markCitation(hit, this.#corrections.lookup)) };
		return coverage ? { ...result, asOf: coverage } : result;
	}

	/** The story's dated events in order, optionally `about` a subject. */
	timeline({ about = null, asOf }: { about?: string | null } & AsOf = {}): Timeline {
		const { library, coverage } = viewAsOf(this.#state, asOf);
		return { ...markTimeline(buildTimeline(library, about), this.#corrections.lookup), asOf: coverage };
	}

	quote(doc: string, paragraph: number): ParagraphHit {
		return markCitation(quoteParagraph(this.#state, doc, paragraph), this.#corrections.lookup);
	}

	checkClaim(text: string): ClaimCheck {
		return markClaimCheck(checkClaim(this.#state, text), this.#corrections.lookup);
	}

	/** Every correction recorded, oldest first. */
	corrections(): readonly Correction[] {
		return this.#corrections.list();
	}

	/** The paragraph's latest correction, whose `before` is the text a quote of it showed earlier. */
	correctionOf(doc: string, paragraph: number): Correction | undefined {
		return this.#corrections.latest(doc, paragraph);
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

	/**
	 * Validates an uploaded file (see `prepareUpload` for what it may replace) and adds it. The file is written and
	 * flushed under a temporary name in the corpus directory, the new state is built from it, and only then is it
	 * renamed into place (and any file it replaces removed) and the state swapped. On any failure the temporary file
	 * is removed and the corpus, on disk and serving, is as it was.
	 */
	addDocument(upload: UploadedArticle, by: string | null = null): Promise<UploadReport> {
		return this.#enqueue(() => this.#add(upload, by));
	}

	/**
	 * Records a moderator's correction of one paragraph. With an upload, the upload replaces the document's file (as
	 * `addDocument` with `replace`), and the note goes with the paragraph's change; without one, or when the file
	 * leaves that paragraph as it was, the note is recorded on the paragraph as it reads now (its `before` is the text
	 * a noteless correction found by a refresh had replaced, so the note completes that correction).
	 */
	correct({ doc, paragraph, note, upload }: CorrectionRequest, by: string): Promise<CorrectionResult> {
		return this.#enqueue(async () => {
			// Throws, before anything changes, for a document or paragraph the corpus does not have.
			quoteParagraph(this.#state, doc, paragraph);
			const notes = new Map([[doc, new Map([[paragraph, note]])]]);
			const report = upload ? await this.#add({ ...upload, replace: true }, by, notes) : null;
			const recorded = report?.corrections ?? [];
			const found = recorded.find((correction) => correction.doc === doc && correction.paragraph === paragraph);
			if (found) return { correction: found, corrections: recorded, upload: report };
			const now = quoteParagraph(this.#state, doc, paragraph).text;
			const earlier = this.#corrections.latest(doc, paragraph);
			const before = earlier && earlier.note === null && earlier.after === now ? earlier.before : now;
			const correction: Correction = { doc, paragraph, note, by, at: new Date().toISOString(), before, after: now };
			await this.#saveCorrections([correction]);
			return { correction, corrections: [...recorded, correction], upload: report };
		});
	}

	async #add(upload: UploadedArticle, by: string | null, notes?: CorrectionNotes): Promise<UploadReport> {
		const directory = this.#options.corpusDir;
		const prepared = await prepareUpload(upload, this.#state.articles, await readdir(directory));
		for (const [doc, paragraphs] of notes ?? []) this.#assertCorrects(prepared.articles, doc, paragraphs.keys());
		const removedFiles = prepared.replacedFiles.filter((file) => file !== prepared.fileName);
		for (const file of removedFiles) this.#assertSingleDocumentFile(file, new Set(prepared.articles.map((article) => article.id)));
		const staged = await stageFile(path.join(directory, prepared.fileName), prepared.content);
		try {
			const report = await this.#refresh(by, {
				files: new Map([[prepared.fileName, staged.path], ...removedFiles.map((file): [string, null] => [file, null])]),
				required: new Set([prepared.fileName]),
				commit: async () => {
					await staged.commit();
					const leftovers: CorpusProblem[] = [];
					for (const file of removedFiles) {
						await removeFileDurably(path.join(directory, file)).catch((error: Error) =>
							leftovers.push({ file, reason: 'the upload replaced this file, but it could not be removed: remove it by hand', cause: error.message }),
						);
					}
					return leftovers;
				},
			}, notes);
			if (prepared.replacedFiles.length > 0 && report.removed.length > 0) {
				this.#options.logger.warn({ files: prepared.replacedFiles, removed: report.removed, by }, `An upload replaced ${prepared.replacedFiles.join(', ')}: removed ${report.removed.length} ${report.removed.length === 1 ? 'article' : 'articles'}`);
			}
			return { ...report, file: prepared.fileName, nameTaken: prepared.nameTaken, replacedFiles: prepared.replacedFiles };
		} finally {
			await staged.discard();
		}
	}

	removeDocument(doc: string, by: string | null = null): Promise<RefreshReport> {
		return this.#enqueue(async () => {
			const article = this.#state.articles.get(doc);
			if (!article) throw new UserFacingError(ErrorCodes.UnknownDocument, `There is no document "${doc}" in the corpus.`);
			this.#assertSingleDocumentFile(article.file, new Set([doc]));
			const file = path.join(this.#options.corpusDir, article.file);
			const commit = async () => {
				await removeFileDurably(file);
				return [];
			};
			return this.#refresh(by, { files: new Map([[article.file, null]]), required: new Set(), commit });
		});
	}

	/** A file given to correct a paragraph must still have it: refused before anything changes. */
	#assertCorrects(articles: readonly Article[], doc: string, paragraphs: Iterable<number>): void {
		const article = articles.find((candidate) => candidate.id === doc);
		if (!article) throw new UserFacingError(ErrorCodes.InvalidDocument, `The file does not hold the document ${doc}, so it cannot correct it. Nothing was changed.`);
		for (const paragraph of paragraphs) {
			if (paragraph > article.paragraphs.length) {
				throw new UserFacingError(ErrorCodes.UnknownParagraph, `The file's "${doc}" has paragraphs 1 to ${article.paragraphs.length}, so it cannot correct paragraph ${paragraph}. Nothing was changed.`);
			}
		}
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

	/**
	 * Builds the next state beside the current one (which goes on answering), commits the pending change to disk,
	 * then swaps the state in one assignment. A failure before the swap leaves the current state and the files as
	 * they were, and is logged with the step that failed; the user hears which step, not the internal message.
	 */
	async #refresh(by: string | null, change?: PendingChange, notes?: CorrectionNotes): Promise<RefreshReport> {
		const started = performance.now();
		const current = this.#state;
		let step = 'reading the corpus';
		try {
			const load = await loadCorpus(this.#options.corpusDir, current.files, change?.files);
			const unloadable = load.problems.filter((problem) => change?.required.has(fileOf(problem)));
			if (unloadable.length > 0) {
				for (const problem of unloadable) this.#options.logger.warn(problem, 'Upload not added: its file did not load');
				throw new UserFacingError(ErrorCodes.InvalidDocument, `The file was not added: ${unloadable.map((problem) => `${problem.file}: ${problem.reason}`).join('; ')}. Nothing was changed.`);
			}
			step = 'indexing';
			const { next, report: built } = this.#nextState(current, load, by, started, notes);
			step = 'moving the file into place';
			const leftovers = (await change?.commit()) ?? [];
			this.#state = next;
			const unsaved = await this.#recordCorrections(built.corrections);
			const changedAny = built.added.length + built.changed.length + built.removed.length > 0;
			// Unsaved corrections leave the record as it was, so the next start finds those changes again.
			if (unsaved.length === 0 && changedAny) await this.#writeRecord(next);
			const report = { ...built, problems: [...built.problems, ...leftovers, ...unsaved] };
			this.#lastRefresh = report;
			for (const problem of load.problems) this.#options.logger.warn(problem, 'Corpus file not loaded; its previous version keeps serving');
			for (const problem of leftovers) this.#options.logger.warn(problem, 'A file the change replaced could not be removed');
			this.#options.logger.info({ ...report, problems: report.problems.length, ms: Math.round(report.durationMs) }, 'Corpus refreshed');
			if (changedAny) void this.#persist(next);
			return report;
		} catch (error) {
			if (error instanceof UserFacingError) throw error;
			this.#options.logger.error({ step, by, err: error }, 'Refresh failed; the previous corpus keeps serving');
			throw new UserFacingError(ErrorCodes.RefreshFailed, `The corpus was not refreshed: ${step} failed. Nothing was changed, and the previous version keeps serving; the error is in the log.`);
		}
	}

	/**
	 * Calls `listener` with the corrections each refresh or moderator records, once they are saved (the bot posts its
	 * notices from here). Returns a function that stops the calls.
	 */
	onCorrections(listener: (corrections: readonly Correction[]) => void): () => void {
		this.#correctionListeners.add(listener);
		return () => this.#correctionListeners.delete(listener);
	}

	async #saveCorrections(corrections: Correction[]): Promise<void> {
		await this.#corrections.record(corrections);
		if (corrections.length === 0) return;
		for (const listener of this.#correctionListeners) {
			try {
				listener(corrections);
			} catch (error) {
				this.#options.logger.error({ err: error }, 'A correction listener failed');
			}
		}
	}

	/**
	 * Past the swap, a correction that cannot be saved does not undo the change: it is logged with what it held and
	 * reported as a problem, so it never goes unnoticed.
	 */
	async #recordCorrections(corrections: Correction[]): Promise<CorpusProblem[]> {
		try {
			await this.#saveCorrections(corrections);
			return [];
		} catch (error) {
			this.#options.logger.error({ corrections, err: error }, 'Could not save the corrections this refresh found');
			return [{ file: CORRECTIONS_FILE_NAME, reason: `${corrections.length} corrections could not be saved; they are in the log`, cause: (error as Error).message }];
		}
	}

	/**
	 * At start-up: a noteless correction for each paragraph whose text changed since the paragraph record was last
	 * written (a file edited while the process was down), as a reload would have recorded, then the record of what
	 * now serves. Best effort: a record that cannot be read or written is logged, and start-up goes on.
	 */
	async #recordOfflineEdits(): Promise<void> {
		if (!this.#record) return;
		let found: Correction[];
		try {
			const previous = await this.#record.changedSince(this.#state.articles.values());
			const at = new Date();
			found = [...previous].flatMap(([id, paragraphs]) => paragraphCorrections({ paragraphs: paragraphs.map((text) => ({ text })) }, this.#state.articles.get(id)!, { by: null, at }));
		} catch (error) {
			this.#options.logger.warn({ reason: (error as Error).message }, 'Could not compare the corpus with its paragraph record; edits made while the bot was down go unrecorded');
			return;
		}
		const unsaved = await this.#recordCorrections(found);
		this.#lastRefresh = { ...this.#lastRefresh, corrections: found, problems: [...this.#lastRefresh.problems, ...unsaved] };
		if (found.length > 0) this.#options.logger.info({ corrections: found.map(({ doc, paragraph }) => `${doc} ¶${paragraph}`) }, 'Recorded corrections to paragraphs edited while the bot was down');
		// In the background: the first start writes every paragraph (about 4 s at the archive scale); later ones, the
		// files that changed. `close` waits for it.
		if (unsaved.length === 0) this.#background(this.#writeRecord(this.#state));
	}

	async #writeRecord(state: State): Promise<void> {
		await this.#record?.write(state.articles.values()).catch((error: unknown) =>
			this.#options.logger.warn({ reason: (error as Error).message }, 'Could not write the paragraph record; edits made while the bot is down will go unrecorded'),
		);
	}

	/** The state after a load, with its own index: the current one is not touched. */
	#nextState(current: State, load: CorpusLoad, by: string | null, started: number, notes?: CorrectionNotes): { next: State; report: RefreshReport } {
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
		const index = current.index.withChanges({ remove: outgoing, add: [...added, ...changed] });
		const articles = [...next.values()].sort((a, b) => a.file.localeCompare(b.file) || a.id.localeCompare(b.id));
		const state: State = { ...openLibrary(byId(articles), index), index, key: snapshotKey(articles), files: load.files };
		const at = new Date();
		const corrections = changed.flatMap((article) => paragraphCorrections(current.articles.get(article.id)!, article, { by, at, notes: notes?.get(article.id) }));
		const report: RefreshReport = {
			added: added.map((article) => article.id),
			changed: changed.map((article) => article.id),
			removed: removed.map((article) => article.id),
			problems: load.problems,
			at,
			by,
			durationMs: performance.now() - started,
			corrections,
		};
		return { next: state, report };
	}

	/**
	 * Waits for queued refreshes and the snapshot saves they started, so that the next start loads the index this
	 * process last served instead of rebuilding it.
	 */
	async close(): Promise<void> {
		await this.#queue;
		await Promise.all(this.#saves);
	}

	#persist(state: State): Promise<void> {
		if (!this.#options.persist) return Promise.resolve();
		const saving = saveSnapshot(this.#options.cacheDir, state.key, state.index).then(
			() => undefined,
			(error: unknown) => this.#options.logger.warn({ cacheDir: this.#options.cacheDir, reason: (error as Error).message }, 'Could not save the index snapshot'),
		);
		return this.#background(saving);
	}

	/** Work `close` waits for: snapshot saves, the start-up's paragraph record. */
	#background(work: Promise<void>): Promise<void> {
		const tracked = work.finally(() => this.#saves.delete(tracked));
		this.#saves.add(tracked);
		return tracked;
	}
}
