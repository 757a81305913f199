import type { DatedSentence, Timeline, TimelineEntry } from '../answer/types.js';
import { formatCitation } from './format.js';

/** The date as the sentence gives it, then the sentence and its citation below; `lead` opens the first line. */
function formatDated({ date, text, citation }: DatedSentence, lead: string): string {
	const indent = ' '.repeat(lead.length + 2);
	return `${lead}${date.label}\n${indent}“${text}”\n${indent}${formatCitation(citation)}`;
}

function formatEntry(entry: TimelineEntry): string {
	if (entry.disagreement === null) return entry.claims.map((claim) => formatDated(claim, '')).join('\n');
	return [`⚠ Sources disagree on the date of the ${entry.disagreement}:`, ...entry.claims.map((claim) => formatDated(claim, '  • '))].join('\n');
}

/** The events in order, each dated as its sentence says, then what no date places, then the as-of note. */
export function formatTimeline(timeline: Timeline): string {
	const blocks = timeline.entries.map(formatEntry);
	if (blocks.length === 0 && timeline.undated.length === 0) {
		blocks.push(timeline.about === null ? 'No sentence in the corpus dates an event.' : `No dated sentence is about "${timeline.about}".`);
	}
	if (timeline.undated.length > 0) blocks.push(['Undated (relative to a day no source states):', ...timeline.undated.map((sentence) => formatDated(sentence, '  '))].join('\n'));
	if (timeline.asOf) blocks.push(timeline.asOf.summary);
	return blocks.join('\n\n');
}
