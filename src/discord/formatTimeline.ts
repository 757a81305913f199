import type { Citation, DatedSentence, Timeline, TimelineEntry } from '../answer/types.js';
import type { CorpusStatus } from '../storyEngine.js';
import { ButtonKinds } from './customId.js';
import { Colors, formatClaimLine, formatCoverage, formatPassage, pageButtons } from './format.js';
import { MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBED_TITLE_LENGTH, type Reply } from './reply.js';
import { escapeMarkdown, joinWithin, renderWithin, singleLine } from './text.js';

export const TIMELINE_ENTRIES_PER_PAGE = 5;
// Five entries and their separators share one description.
const MAX_ENTRY_LENGTH = Math.floor((MAX_EMBED_DESCRIPTION_LENGTH - 10) / TIMELINE_ENTRIES_PER_PAGE);

function dateLine(sentence: DatedSentence): string {
	return `**${escapeMarkdown(singleLine(sentence.date.label))}**`;
}

/** The date as the sentence gives it, in bold, over the block-quoted sentence and its citation. */
function formatEntry(entry: TimelineEntry): string {
	if (entry.disagreement === null) {
		const [sentence] = entry.claims as [DatedSentence];
		const heading = dateLine(sentence);
		return `${heading}\n${formatPassage({ text: sentence.text, citation: sentence.citation, score: 0 }, MAX_ENTRY_LENGTH - heading.length - 1)}`;
	}
	const heading = `⚠️ **Sources disagree on the date of the ${escapeMarkdown(singleLine(entry.disagreement))}**`;
	const perClaim = Math.floor((MAX_ENTRY_LENGTH - heading.length) / entry.claims.length) - 1;
	const claims = entry.claims.map((sentence) => {
		const date = dateLine(sentence);
		return `${date}\n${formatClaimLine({ value: sentence.date.text, text: sentence.text, citation: sentence.citation }, perClaim - date.length - 1)}`;
	});
	return [heading, ...claims].join('\n');
}

export interface TimelinePageOptions {
	offset: number;
	/** Key of the stored request, carried by the page buttons. */
	session: string;
	ephemeral: boolean;
}

/** Events in order, then those no date places, each its own entry. */
function listedEntries(timeline: Timeline): TimelineEntry[] {
	return [...timeline.entries, ...timeline.undated.map((sentence) => ({ claims: [sentence], disagreement: null }))];
}

/** The sentences a page of the timeline quotes, by citation (the quote ledger records them). */
export function timelinePageCitations(timeline: Timeline, offset: number): Citation[] {
	return listedEntries(timeline)
		.slice(offset, offset + TIMELINE_ENTRIES_PER_PAGE)
		.flatMap((entry) => entry.claims.map((sentence) => sentence.citation));
}

/** One page of the timeline: events in order, then those no date places, with the coverage (and as-of) footer. */
export function formatTimelinePage(timeline: Timeline, status: CorpusStatus, { offset, session, ephemeral }: TimelinePageOptions): Reply {
	const title = renderWithin(timeline.about === null ? 'Timeline' : `Timeline: ${singleLine(timeline.about)}`, MAX_EMBED_TITLE_LENGTH);
	const entries = listedEntries(timeline);
	const coverage = formatCoverage(status, timeline.asOf ?? undefined);
	if (entries.length === 0) {
		const none = timeline.about === null ? 'No sentence in the corpus dates an event.' : `No dated sentence is about “${escapeMarkdown(singleLine(timeline.about))}”. Try other words, or \`/search\` them.`;
		return { ephemeral, embeds: [{ title, description: none, color: Colors.NoAnswer, footer: { text: coverage } }] };
	}
	const shown = entries.slice(offset, offset + TIMELINE_ENTRIES_PER_PAGE);
	const pages = Math.ceil(entries.length / TIMELINE_ENTRIES_PER_PAGE);
	const page = Math.floor(offset / TIMELINE_ENTRIES_PER_PAGE) + 1;
	const events = `${entries.length} ${entries.length === 1 ? 'event' : 'events'}`;
	return {
		ephemeral,
		embeds: [
			{
				title,
				description: shown.length > 0 ? joinWithin(shown.map(formatEntry), MAX_EMBED_DESCRIPTION_LENGTH, { separator: '\n\n' }) : 'There are no more events.',
				color: Colors.Answer,
				footer: { text: `Page ${page} of ${pages} · ${events} · ${coverage}` },
			},
		],
		components: pageButtons(ButtonKinds.TimelinePage, session, offset, TIMELINE_ENTRIES_PER_PAGE, entries.length),
	};
}
