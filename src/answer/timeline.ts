import { ErrorCodes, UserFacingError } from '../errors.js';
import { analyzeTerms } from '../search/analyzer.js';
import { findDateConflicts } from './conflicts.js';
import { dateContextOf, findEventDates, sentenceDate } from './eventDates.js';
import { citationFor, type Library, locateParagraph, storyDocumentsOf } from './library.js';
import { validateQuestion } from './question.js';
import { splitSentences } from './sentences.js';
import type { Claim, Conflict, DatedSentence, Timeline, TimelineEntry } from './types.js';

/** Paragraphs an `about` search may bring in: far more than a page, so the timeline is the subject's whole story. */
const MAX_ABOUT_PARAGRAPHS = 200;
/** Documents compared for disagreements, those with the most dated sentences first (each pair is compared). */
const MAX_DOCUMENTS_COMPARED = 12;

interface Placed {
	sentence: DatedSentence;
	key: string | null;
	/** Document order, to keep sentences of the same day in reading order. */
	order: number;
}


/**
 * For each paragraph to read, which sentences count: all of them, or with `about` those holding most of the terms the
 * search matched in that paragraph (the subject's words, or a misspelling or prefix the index expanded them to): a
 * sentence that names only "England" is not about the Bank of England.
 */
type Selection = Map<string, ((terms: readonly string[]) => boolean) | null>;

function selectAll(library: Library, documents: ReadonlySet<string> | undefined): Selection {
	const selection: Selection = new Map();
	for (const id of documents ?? library.articles.keys()) {
		for (const paragraph of library.articles.get(id)?.paragraphs ?? []) selection.set(`${id}#${paragraph.number}`, null);
	}
	return selection;
}

function selectAbout(library: Library, terms: readonly string[], documents: ReadonlySet<string> | undefined): Selection {
	const { index } = library;
	const { hits } = index.search(index.planQuery(terms, { within: documents }), MAX_ABOUT_PARAGRAPHS, { within: documents });
	const needed = Math.floor(new Set(terms).size / 2) + 1;
	return new Map(
		hits.map((hit) => {
			const matched = new Set(hit.matched);
			return [hit.id, (sentenceTerms: readonly string[]) => new Set(sentenceTerms.filter((term) => matched.has(term))).size >= needed];
		}),
	);
}

function placeSentences(library: Library, selection: Selection): Placed[] {
	const placed: Placed[] = [];
	let order = 0;
	for (const [id, accepts] of selection) {
		const located = locateParagraph(library, id);
		if (!located) continue;
		const context = dateContextOf(located.article);
		for (const { text } of splitSentences(located.paragraph.text)) {
			order++;
			if (accepts && !accepts(analyzeTerms(text))) continue;
			const found = sentenceDate(text, context);
			if (found) placed.push({ sentence: { date: found.date, text, citation: citationFor(located) }, key: found.key, order });
		}
	}
	return placed;
}

function sameSentence(a: DatedSentence, b: { text: string; citation: DatedSentence['citation'] }): boolean {
	return a.citation.doc === b.citation.doc && a.citation.paragraph === b.citation.paragraph && a.text === b.text;
}

/** A source's claim in a disagreement, dated by the value it states ("Oct. 19"), read in its own article. */
function datedClaim(library: Library, claim: Claim): { sentence: DatedSentence; key: string | null } | null {
	const article = library.articles.get(claim.citation.doc);
	const [found] = article ? findEventDates(claim.value, dateContextOf(article)) : [];
	return found ? { sentence: { date: found.date, text: claim.text, citation: claim.citation }, key: found.key } : null;
}

interface PlacedEntry {
	entry: TimelineEntry;
	key: string | null;
	order: number;
}

function disagreementEntry(library: Library, conflict: Conflict, order: number): PlacedEntry | null {
	const claims = conflict.claims.flatMap((claim) => datedClaim(library, claim) ?? []);
	if (claims.length < 2) return null;
	const keys = claims.flatMap((claim) => claim.key ?? []).sort();
	return { entry: { claims: claims.map((claim) => claim.sentence), disagreement: conflict.subject }, key: keys[0] ?? null, order };
}

function chronological(a: PlacedEntry, b: PlacedEntry): number {
	return a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : a.order - b.order;
}

/**
 * The story's events in the order they happened, each a verbatim, cited sentence dated by what it says. When
 * reports of the same event date it differently, the sources' sentences stand in one entry, side by side. `about`
 * narrows it to the sentences the search finds about a subject; when the story holds none, the whole corpus is asked.
 */
export function buildTimeline(library: Library, about: string | null = null): Omit<Timeline, 'asOf'> {
	const subject = about === null ? null : validateQuestion(about, 'subject');
	const terms = subject === null ? null : analyzeTerms(subject);
	if (terms?.length === 0) throw new UserFacingError(ErrorCodes.QuestionEmpty, 'The subject has no words specific enough to look for; name who or what the timeline is about.');
	// The story, not an archive around it; else the library's own documents (undefined: all indexed), the same set
	// each time so the index's lookup of it is reused.
	const story = storyDocumentsOf(library) ?? library.within;
	const select = (documents: ReadonlySet<string> | undefined) => (terms ? selectAbout(library, terms, documents) : selectAll(library, documents));
	let placed = placeSentences(library, select(story));
	if (placed.length === 0 && story !== library.within) placed = placeSentences(library, select(library.within));

	const counts = new Map<string, number>();
	for (const { sentence } of placed) counts.set(sentence.citation.doc, (counts.get(sentence.citation.doc) ?? 0) + 1);
	const compared = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_DOCUMENTS_COMPARED).flatMap(([id]) => library.articles.get(id) ?? []);
	const disagreements = findDateConflicts(library, compared)
		// With a subject, a disagreement belongs when one of its sentences is about it.
		.filter((conflict) => conflict.claims.some((claim) => placed.some(({ sentence }) => sameSentence(sentence, claim))))
		.flatMap((conflict, i) => disagreementEntry(library, conflict, -1 - i) ?? []);
	const inDisagreement = (sentence: DatedSentence) => disagreements.some(({ entry }) => entry.claims.some((claim) => sameSentence(claim, sentence)));

	const entries: PlacedEntry[] = [
		...disagreements,
		...placed.filter(({ sentence }) => !inDisagreement(sentence)).map(({ sentence, key, order }) => ({ entry: { claims: [sentence], disagreement: null }, key, order })),
	];
	return {
		about: subject,
		entries: entries.filter((entry) => entry.key !== null).sort(chronological).map(({ entry }) => entry),
		undated: entries.filter((entry) => entry.key === null).flatMap(({ entry }) => entry.claims),
	};
}
