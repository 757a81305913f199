/** What an article says about itself. `null` means the source does not state it: we never invent metadata. */
export interface ArticleMeta {
	title: string;
	publisher: string;
	/** ISO date (YYYY-MM-DD) as stated by the source, or null when it states none. */
	date: string | null;
	url: string | null;
}

/** One body paragraph, verbatim. `number` is 1-based and counts body paragraphs only (never headings). */
export interface Paragraph {
	doc: string;
	number: number;
	/** The sub-heading the paragraph sits under, if any. */
	section: string | null;
	text: string;
}

export interface Article extends ArticleMeta {
	/** Stable document id: the file name without extension, or the JSONL record id. */
	id: string;
	/** The file the article was read from, relative to the corpus directory. */
	file: string;
	paragraphs: Paragraph[];
	/** Hash of the article's metadata and paragraphs: what an incremental refresh compares. */
	contentHash: string;
}

/** A file (or a JSONL line) that could not be loaded, and why, in words a moderator can act on. */
export interface CorpusProblem {
	file: string;
	reason: string;
	/** What failed underneath (an error's message), for the log: the reason is what a moderator is shown. */
	cause?: string;
}

export interface LoadedCorpus {
	articles: Article[];
	problems: CorpusProblem[];
}
