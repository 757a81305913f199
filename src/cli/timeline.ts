import type { Citation, DatedSentence, Timeline, TimelineEntry } from '../answer/types.js';
import { citationsInOrder, quoted } from './format.js';

type Cite = (citation: Citation) => string;

/** The date as the sentence gives it, then the sentence and its citation below; `lead` opens the first line. */
function formatDated({ date, text, citation }: DatedSentence, lead: string, cite: Cite): string {
	const indent = ' '.repeat(lead.length + 2);
	return `${lead}${date.label}\n${indent}${quoted(text)}\n${indent}${cite(citation)}`;
}

function formatEntry(entry: TimelineEntry, cite: Cite): string {
	if (entry.disagreement === null) return entry.claims.map((claim) => formatDated(claim, '', cite)).join('\n');
	return [`⚠ Sources disagree on the date of the ${entry.disagreement}:`, ...entry.claims.map((claim) => formatDated(claim, '  • ', cite))].join('\n');
}

/** The events in order, each dated as its sentence says, then what no date places, then the as-of note. */
export function formatTimeline(timeline: Timeline): string {
	// Cited in the order printed: each document in full the first time, "— AP, 2025-12-05, ¶4" after.
	const cite = citationsInOrder([...timeline.entries.flatMap((entry) => entry.claims), ...timeline.undated].map((sentence) => sentence.citation));
	const blocks = timeline.entries.map((entry) => formatEntry(entry, cite));
	if (blocks.length === 0 && timeline.undated.length === 0) {
		blocks.push(timeline.about === null ? 'No sentence in the corpus dates an event.' : `No dated sentence is about "${timeline.about}".`);
	}
	if (timeline.undated.length > 0) blocks.push(['Undated (relative to a day no source states):', ...timeline.undated.map((sentence) => formatDated(sentence, '  ', cite))].join('\n'));
	if (timeline.asOf) blocks.push(timeline.asOf.summary);
	return blocks.join('\n\n');
}
