/** Everything a reader needs to find and check a quote. */
export interface Citation {
	doc: string;
	paragraph: number;
	title: string;
	publisher: string;
	date: string | null;
	url: string | null;
	section: string | null;
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

export type ExpectedAnswerType = 'time' | 'place' | 'person' | 'organization' | 'quantity' | 'other';

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
