// CONTRACT DRAFT: signatures are final, bodies are being implemented.
import type { ArticleMeta, CorpusProblem } from './corpus/types.js';
import type { Answer, ClaimCheck, ParagraphHit } from './answer/types.js';
import type { Logger } from './logger.js';

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
	/** Who asked for the refresh (a Discord user tag, "cli"), or null at start-up. */
	by: string | null;
	durationMs: number;
}

export interface CorpusStatus {
	documents: number;
	paragraphs: number;
	/** Hash of the corpus contents and index options: the snapshot's key. */
	snapshotHash: string;
	dateRange: { from: string | null; to: string | null };
	lastRefresh: RefreshReport;
}

/** A file a moderator uploads. `meta` fills in whatever the file itself does not state. */
export interface UploadedArticle {
	fileName: string;
	content: Uint8Array;
	meta: Partial<ArticleMeta>;
	replace: boolean;
}

export interface StoryEngineOptions {
	corpusDir: string;
	/** Where index snapshots are kept; outside the corpus directory. */
	cacheDir: string;
	logger?: Logger;
}

/**
 * The story as one object: corpus, index and answers, with the current index swapped atomically on refresh.
 * Invalid input (an empty question, an unknown document) throws a UserFacingError; "no answer" is a result.
 */
export declare class StoryEngine {
	static open(options: StoryEngineOptions): Promise<StoryEngine>;
	answer(question: string): Answer;
	search(query: string, options?: { limit?: number; offset?: number }): { hits: ParagraphHit[]; total: number };
	quote(doc: string, paragraph: number): ParagraphHit;
	documents(): DocumentSummary[];
	status(): CorpusStatus;
	checkClaim(text: string): ClaimCheck;
	reload(by?: string | null): Promise<RefreshReport>;
	addDocument(upload: UploadedArticle, by?: string | null): Promise<RefreshReport>;
	removeDocument(doc: string, by?: string | null): Promise<RefreshReport>;
}
