/** Everything a reader needs to find and check a quote. */
export interface Citation {
	doc: string;
	paragraph: number;
	title: string;
	publisher: string;
	date: string | null;
	url: string | null;
	section: string | null;
	/** Present when the paragraph was corrected: the latest correction, for a visible "Corrected <date>: <note>" line. */
	corrected?: CorrectionMark;
}

/** What a quote from a corrected paragraph shows about its correction. */
export interface CorrectionMark {
	/** The day it was recorded, YYYY-MM-DD (UTC). */
	on: string;
	/** Null for a correction a refresh found, until a moderator gives one. */
	note: string | null;
}

/** One correction to one paragraph: recorded by a moderator, or found when a refresh changed the paragraph's text. */
export interface Correction {
	doc: string;
	paragraph: number;
	note: string | null;
	/** Who recorded it (a Discord user tag, "cli"), or null when a refresh at start-up found it. */
	by: string | null;
	/** ISO timestamp. */
	at: string;
	before: string;
	after: string;
}

/** A verbatim sentence, or run of sentences, from one paragraph. `text` is always a substring of that paragraph. */
export interface Quote {
	text: string;
	citation: Citation;
	/** Relative strength of the quote within its answer; only the order is meaningful. */
	score: number;
}

/** One source's version of a disputed fact. */
export interface Claim {
	/** The value as the source wrote it, e.g. "Oct. 19" or "al-Masoud". */
	value: string;
	/** The verbatim sentence that carries the value. */
	text: string;
	citation: Citation;
}

export type ConflictKind = 'date' | 'number' | 'name';

/** Sources that give different values for the same fact. Always at least two claims from different documents. */
export interface Conflict {
	kind: ConflictKind;
	/** What the claims are about, e.g. "raid" for a date, or the name being spelled. */
	subject: string;
	claims: Claim[];
}

/**
 * The kind of thing a question asks for. `money` (how much something cost or paid), `duration` (how long) and
 * `quantity` (how many) are told apart because a sentence that holds the wrong kind of number does not answer: "how
 * much was he fined?" is not answered by "banned for four years". `reason` (why) and `statement` (what someone said,
 * or how they reacted) ask for a clause rather than a name.
 */
export type ExpectedAnswerType = 'time' | 'duration' | 'place' | 'person' | 'organization' | 'quantity' | 'money' | 'reason' | 'statement' | 'other';

/**
 * How sure the engine is that its quotes answer the question. `closest`: the corpus may not answer it, but these are
 * strong matches, shown as such. `not-covered`: what the question asks for (a name, a count, a date) is in no
 * matching sentence, or nothing matches at all.
 */
export type AnswerOutcome = 'answered' | 'closest' | 'not-covered';

export interface Answer {
	question: string;
	outcome: AnswerOutcome;
	/** `outcome === 'answered'`. */
	answered: boolean;
	/** When not answered: a plain sentence saying why, e.g. that the corpus does not cover it. */
	reason: string | null;
	expects: ExpectedAnswerType;
	/** Best first: the answer, or with `closest` the best matches. Empty when not covered. */
	quotes: Quote[];
	conflicts: Conflict[];
	/** Nearby passages, never presented as the answer. */
	related: Quote[];
	/** Present when the question was asked "as of" a date: which articles that left in, and out. */
	asOf?: AsOfCoverage;
	/** Set on the answer to a follow-up only. */
	continuedFrom?: ContinuedFrom;
}

/** Which question a follow-up was answered in the context of, and what it took from it. */
export interface ContinuedFrom {
	/** The earlier question as it was typed. */
	question: string;
	/** The earlier question's words the follow-up was searched with as well, as typed; empty when it had enough of its own. */
	borrowed: string[];
}

/** A span of a paragraph's text, in UTF-16 offsets, that matched the query. */
export interface Highlight {
	start: number;
	end: number;
}

export interface ParagraphHit {
	text: string;
	citation: Citation;
	score: number;
	highlights: Highlight[];
}

export type ClaimVerdict = 'verbatim' | 'near-verbatim' | 'not-found';

/** The result of checking a piece of text (a claim, a quote) against the corpus. */
export interface ClaimCheck {
	verdict: ClaimVerdict;
	/** For verbatim / near-verbatim: the matching passages. Otherwise the closest passages, as related material. */
	quotes: Quote[];
}

/** When a sentence says something happened: as it says it, and as far as the text and its article place it. */
export interface EventDate {
	/** As written: "Oct. 19", "late 2019", "Sunday", "weeks after the Oct. 19 raid". */
	text: string;
	/** Said relative to a moment ("Sunday", "last month", "weeks after the raid") rather than on the calendar. */
	relative: boolean;
	/** Where it falls, as precise as known ("2025-11-30", "2025-11", "2019"); null when nothing places it. */
	at: string | null;
	/** "weeks after the raid": the event follows `at` (or, with "before", precedes it). */
	offset: 'after' | 'before' | null;
	/**
	 * How `at` was worked out when the words alone do not give it: "from The Associated Press's 2025-12-05" (the
	 * article's own date), "year from the same article's "October 29, 2025"". Null when the text states it all.
	 */
	basis: string | null;
	/** What a reader is shown: "Sunday (≈ 2025-11-30, from The Associated Press's 2025-12-05)". */
	label: string;
}

/** A verbatim sentence and the date it gives the event it reports. */
export interface DatedSentence {
	date: EventDate;
	text: string;
	citation: Citation;
}

/** One event on a timeline. */
export interface TimelineEntry {
	/** One sentence; or, when sources place the same event at different dates, one per source, side by side. */
	claims: DatedSentence[];
	/** The event the sources date differently ("raid"), or null when there is no disagreement. */
	disagreement: string | null;
}

/** Which articles an "as of" view used: those published on or before `date`. */
export interface AsOfCoverage {
	date: string;
	/** Articles used. */
	documents: number;
	/** Left out: published after `date`. */
	later: number;
	/** Left out: the article states no date, so it cannot be known to be from before `date`. */
	undated: number;
	/** The same in words, for a reply: "As of 2025-12-01: 1 article used; left out 1 undated article (…)". */
	summary: string;
}

export interface Timeline {
	/** The subject the timeline was narrowed to, as typed, or null for the whole story. */
	about: string | null;
	/** Chronological. */
	entries: TimelineEntry[];
	/** Dated only relative to something nothing places: an undated article's own day, or an undated event. */
	undated: DatedSentence[];
	asOf: AsOfCoverage | null;
}
