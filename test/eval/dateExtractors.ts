/**
 * The date readers the date eval compares, each as a function from a sentence and its article's date context to the
 * dates it finds, placed as `EventDate.at` places them ("2025-11-30", "2025-11", "2019"; null when nothing places it).
 */
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import * as chrono from 'chrono-node/en';
import { type DateContext, findEventDates } from '../../src/answer/eventDates.js';

export interface ExtractedDate {
	start: number;
	end: number;
	text: string;
	at: string | null;
}

export type DateExtractor = (sentence: string, context: DateContext) => ExtractedDate[];

/** What the timeline reads: `src/answer/eventDates.ts`, chrono-node's calendar dates with its own relative ones. */
export const eventDates: DateExtractor = (sentence, context) =>
	findEventDates(sentence, context).map(({ start, end, text, date }) => ({ start, end, text, at: date.at }));

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** A chrono result as precise as it states: a day (or a weekday), a month, a year; a computed span ("this week") as its day. */
function placed(components: ParsedComponents, context: DateContext): string {
	const stated = components.isCertain('year') ? undefined : context.statedYears.get(components.get('month')!);
	const year = stated?.year ?? components.get('year')!;
	const month = `${year}-${pad(components.get('month')!)}`;
	if (components.isCertain('day') || components.isCertain('weekday')) return `${month}-${pad(components.get('day')!)}`;
	if (components.isCertain('month')) return month;
	if (components.isCertain('year')) return String(year);
	return `${month}-${pad(components.get('day')!)}`;
}

// Two far-apart days: an undated article's date that reads differently against each depends on a reference it lacks.
const PROBES = [new Date('2001-03-14T12:00:00Z'), new Date('2013-09-02T12:00:00Z')];

const DATE_PARTS = ['year', 'month', 'day', 'weekday'] as const;

/** chrono's dates, without clock times that name no day ("at midday", the "from 1" of "from 1,038"): a timeline orders days. */
function parse(sentence: string, instant: Date): ParsedResult[] {
	return chrono.parse(sentence, { instant, timezone: 0 }).filter(({ start }) => !start.isCertain('hour') || DATE_PARTS.some((part) => start.isCertain(part)));
}

/**
 * chrono-node with the article's date as reference. An undated article has none, so it is parsed against two probe
 * days and a date whose value moves with the probe (a weekday, "last month", a year-less "Oct. 19" the article does
 * not date elsewhere) stays unplaced, as the issue asks.
 */
export const chronoNode: DateExtractor = (sentence, context) => {
	const mention = (result: ParsedResult, at: string | null): ExtractedDate => ({ start: result.index, end: result.index + result.text.length, text: result.text, at });
	if (context.published) return parse(sentence, new Date(`${context.published}T12:00:00Z`)).map((result) => mention(result, placed(result.start, context)));
	const [first, second] = PROBES.map((probe) => parse(sentence, probe).map((result) => ({ result, at: placed(result.start, context) })));
	return first!.map(({ result, at }) => mention(result, second!.some((other) => other.result.index === result.index && other.at === at) ? at : null));
};

export const EXTRACTORS: ReadonlyArray<{ name: string; extract: DateExtractor }> = [
	{ name: 'eventDates.ts (the timeline)', extract: eventDates },
	{ name: 'chrono-node 2.10.3 alone', extract: chronoNode },
];
