import type { Article } from '../corpus/types.js';
import type { Answer, Citation, ClaimCheck, Correction, CorrectionMark, Timeline } from './types.js';

/** The correction a quote of a paragraph shows, if the paragraph has one. */
export type CorrectionLookup = (doc: string, paragraph: number) => CorrectionMark | undefined;

/**
 * The corrections a new version of an article makes: one per paragraph number present in both versions whose text
 * differs. A paragraph added or dropped at the end is not a correction of a quoted text, so it is left out; notes
 * are given per paragraph number (a moderator's `/corpus correct` with a file).
 */
export function paragraphCorrections(
	before: { paragraphs: readonly { text: string }[] },
	after: Article,
	{ by, at, notes = new Map() }: { by: string | null; at: Date; notes?: ReadonlyMap<number, string> },
): Correction[] {
	const corrections: Correction[] = [];
	for (const [position, now] of after.paragraphs.entries()) {
		const old = before.paragraphs[position];
		if (old === undefined || old.text === now.text) continue;
		corrections.push({ doc: after.id, paragraph: now.number, note: notes.get(now.number) ?? null, by, at: at.toISOString(), before: old.text, after: now.text });
	}
	return corrections;
}

/** The quote, carrying its paragraph's correction if it has one. */
export function markCitation<T extends { citation: Citation }>(item: T, lookup: CorrectionLookup): T {
	const mark = lookup(item.citation.doc, item.citation.paragraph);
	return mark ? { ...item, citation: { ...item.citation, corrected: mark } } : item;
}

/** The answer with every quote from a corrected paragraph carrying its correction. */
export function markAnswer(answer: Answer, lookup: CorrectionLookup): Answer {
	const mark = <T extends { citation: Citation }>(item: T) => markCitation(item, lookup);
	return {
		...answer,
		quotes: answer.quotes.map(mark),
		related: answer.related.map(mark),
		conflicts: answer.conflicts.map((conflict) => ({ ...conflict, claims: conflict.claims.map(mark) })),
	};
}

export function markClaimCheck(check: ClaimCheck, lookup: CorrectionLookup): ClaimCheck {
	return { ...check, quotes: check.quotes.map((quote) => markCitation(quote, lookup)) };
}

export function markTimeline<T extends Pick<Timeline, 'entries' | 'undated'>>(timeline: T, lookup: CorrectionLookup): T {
	return {
		...timeline,
		entries: timeline.entries.map((entry) => ({ ...entry, claims: entry.claims.map((claim) => markCitation(claim, lookup)) })),
		undated: timeline.undated.map((claim) => markCitation(claim, lookup)),
	};
}

/** A correction's note, or what stands for it when a refresh found the change and no one has explained it yet. */
export function correctionNote(note: string | null): string {
	return note ?? 'the paragraph’s text changed; no note was given.';
}

/** The line every adapter shows under a quote of a corrected paragraph (the note escaped as the adapter needs). */
export function describeCorrection({ on, note }: CorrectionMark): string {
	return `Corrected ${on}: ${correctionNote(note)}`;
}
