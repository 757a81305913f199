// The English parser alone: the package's main entry loads every locale, four times the start-up cost.
import type { ParsedComponents } from 'chrono-node';
import * as chrono from 'chrono-node/en';
import type { Article } from '../corpus/types.js';
import { termOf } from '../search/analyzer.js';
import { type DateMention, findDates, type Mention, subjectOf, withoutOverlaps } from './entities.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';
import { splitSentences } from './sentences.js';
import type { EventDate } from './types.js';

/**
 * Dates of events as sentences state them, absolute ("Oct. 19", "late 2019") or relative ("Sunday", "a year ago",
 * "weeks after the raid"), placed on the calendar only as far as the article allows: a relative date is resolved
 * against the article's own date, never against today, and an undated article's "Sunday" stays unplaced.
 */

/** What places the dates of one article's sentences. */
export interface DateContext {
	/** The article's ISO date, or null when it states none. */
	published: string | null;
	publisher: string;
	/** Months the article names somewhere with their year ("October 29, 2025"): the year a bare "October 29" takes. */
	statedYears: ReadonlyMap<number, { year: number; text: string }>;
	/** Dates the article attaches to an event noun ("the Oct. 19 raid"), by the noun's term: what "after the raid" means. */
	eventDates: ReadonlyMap<string, DateMention>;
}

type DateKind = 'anchored' | 'absolute' | 'relative';

/** A date found in a sentence, with a key that sorts chronologically (null when nothing places it). */
export interface FoundDate extends Mention {
	kind: DateKind;
	date: EventDate;
	key: string | null;
}

interface Placement {
	at: string;
	key: string;
	basis: string | null;
}

const DAY_MS = 86_400_000;

function utc(iso: string): Date {
	return new Date(`${iso}T00:00:00Z`);
}

function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

function isoMonth(date: Date): string {
	return date.toISOString().slice(0, 7);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function addMonths(date: Date, months: number): Date {
	const moved = new Date(date);
	moved.setUTCDate(1);
	moved.setUTCMonth(moved.getUTCMonth() + months);
	return moved;
}

/** "from The Associated Press's 2025-12-05": the article date a relative date was resolved against. */
function articleBasis({ publisher, published }: DateContext): string {
	return `${publisher === 'unknown' ? 'the article' : publisher}'s ${published}`;
}

/** The year that puts a month and day nearest the article's date, as chrono-node reads a year-less date. */
function nearestYear(month: number, day: number | null, published: Date): number {
	const year = published.getUTCFullYear();
	const distance = (candidate: number) => Math.abs(Date.UTC(candidate, month - 1, day ?? 15) - published.getTime());
	return [year - 1, year, year + 1].reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best));
}

/** A calendar date, its missing year taken from the article's words or, failing those, from its date. */
function placeCalendar(mention: DateMention, context: DateContext): Placement | null {
	if (mention.month === null) return null;
	let { year } = mention;
	let basis: string | null = null;
	const stated = context.statedYears.get(mention.month);
	if (year === null && stated) {
		year = stated.year;
		basis = `year from the same article's "${stated.text}"`;
	} else if (year === null && context.published) {
		// "Oct. 19" in a December story is the October just past, "redeem on May 15" in an April one the May to come:
		// the nearest such day, not always the latest before (npm run eval:dates: 7 of 65 held-out dates).
		year = nearestYear(mention.month, mention.day, utc(context.published));
		basis = `year from ${articleBasis(context)}`;
	}
	if (year === null) return null;
	const month = `${year}-${pad(mention.month)}`;
	return mention.day === null ? { at: month, key: `${month}-00`, basis } : { at: `${month}-${pad(mention.day)}`, key: `${month}-${pad(mention.day)}`, basis };
}

const YEAR_QUALIFIER_MONTH: Record<string, string> = { early: '02', mid: '06', late: '10', end: '12' };
// A year standing for a date needs a cue ("in 2015", "since 2020", "in late 2019", "a 2023 case"): "2000 troops" is a count.
// "since", "until", "before" and "after" change what the year means, so they stay in the words shown.
const YEAR_EXPRESSION = /\b(?:(in|by|during|from|through|of|a|the)\s+)?((?:(?:since|until|before|after)\s+)?(?:(early|mid|late|the end of)[\s-]+)?((?:19|20)\d{2}))(?![\d'’s%])\b/gi;

const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, 'a few': 3, few: 3, several: 3 };
const COUNT = String.raw`(?:a few|few|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)`;
type Unit = 'day' | 'week' | 'month' | 'year';

function unitOf(word: string): Unit {
	return word.toLowerCase().replace(/s$/, '') as Unit;
}

/** "two weeks": 2; a bare plural ("weeks after") means at least two. */
function countOf(count: string | undefined, unit: string): number {
	if (count === undefined) return /s$/i.test(unit) ? 2 : 1;
	return COUNTS[count.toLowerCase()] ?? Number(count);
}

function shift(date: Date, amount: number, unit: Unit): Date {
	if (unit === 'day') return new Date(date.getTime() + amount * DAY_MS);
	if (unit === 'week') return new Date(date.getTime() + amount * 7 * DAY_MS);
	if (unit === 'month') return addMonths(date, amount);
	const moved = new Date(date);
	moved.setUTCFullYear(moved.getUTCFullYear() + amount);
	return moved;
}

/** A shifted day shown as precisely as its unit allows: weeks ago is a day, a year ago a month. */
function placeShifted(date: Date, unit: Unit): { at: string; key: string } {
	return unit === 'day' || unit === 'week' ? { at: isoDay(date), key: isoDay(date) } : { at: isoMonth(date), key: `${isoMonth(date)}-00` };
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface RelativePattern {
	pattern: RegExp;
	/** Where the match falls, counted from the article's date. */
	resolve(match: RegExpMatchArray, published: Date): { at: string; key: string };
	/** A stretch of time up to the article's date ("over the past year"), placed at its start. */
	span?: true;
}

// "yesterday's rebels become today's state actors" is a figure of speech, not a date: the possessive is left out.
const RELATIVE_PATTERNS: RelativePattern[] = [
	{
		pattern: /\b(?:(last|next|this)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g,
		resolve(match, published) {
			const target = WEEKDAYS.indexOf(match[2]!.toLowerCase());
			const today = published.getUTCDay();
			const modifier = match[1]?.toLowerCase();
			// AP style names the weekday for the week just past; "next Friday" is the one to come.
			const back = (today - target + 7) % 7;
			const days = modifier === 'next' ? (target - today + 7) % 7 || 7 : -(back === 0 && modifier === 'last' ? 7 : back);
			return placeShifted(shift(published, days, 'day'), 'day');
		},
	},
	{
		pattern: /\b(yesterday|today|tonight|tomorrow)\b(?!['’]s)/gi,
		resolve(match, published) {
			const days = { yesterday: -1, today: 0, tonight: 0, tomorrow: 1 }[match[1]!.toLowerCase() as 'today'];
			return placeShifted(shift(published, days, 'day'), 'day');
		},
	},
	{
		pattern: /\b(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(week|month|year|decade)\b/gi,
		span: true,
		resolve(match, published) {
			const word = match[1]!.toLowerCase();
			return word === 'decade' ? { at: String(published.getUTCFullYear() - 10), key: `${published.getUTCFullYear() - 10}-00-00` } : placeShifted(shift(published, -1, word as Unit), word as Unit);
		},
	},
	{
		pattern: /\b(last|this|next)\s+(week|month|year)\b/gi,
		resolve(match, published) {
			const amount = { last: -1, this: 0, next: 1 }[match[1]!.toLowerCase() as 'this'];
			const unit = match[2]!.toLowerCase() as Unit;
			if (unit !== 'year') return placeShifted(shift(published, amount, unit), unit);
			const year = published.getUTCFullYear() + amount;
			return { at: String(year), key: `${year}-00-00` };
		},
	},
	{
		pattern: new RegExp(String.raw`\b(${COUNT})\s+(days?|weeks?|months?|years?)\s+ago\b`, 'gi'),
		resolve(match, published) {
			const unit = unitOf(match[2]!);
			return placeShifted(shift(published, -countOf(match[1], match[2]!), unit), unit);
		},
	},
];

// "weeks after the Oct. 19 raid", "two days before his death": the anchor runs to the end of the clause. In "imposed
// last year after the department found…" the year is last year, not one after the finding.
const ANCHORED = new RegExp(
	String.raw`(?<!\b(?:last|this|next)\s+)\b(?:(?:just|only|about|some|nearly|almost)\s+)?(?:(${COUNT})\s+)?(days?|weeks?|months?|years?)\s+(after|before)\s+((?:[^,;:!?.—–]|\.(?=\s*\d))+?)(?=[,;:!?—–]|\.(?!\s*\d)|\s+(?:and|but|when|while|where|who|which|that)\b|$)`,
	'gi',
);

function mentionOf(match: RegExpMatchArray): Mention {
	return { start: match.index!, end: match.index! + match[0].length, text: match[0] };
}

function eventDate(text: string, relative: boolean, placement: Placement | null, offset: EventDate['offset'], unplaced: string, span = false): { date: EventDate; key: string | null } {
	if (!placement) return { date: { text, relative, at: null, offset, basis: null, label: `${text} (${unplaced})` }, key: null };
	const { at, key, basis } = placement;
	const shown = offset ? `${offset} ${at}` : relative ? `≈ ${span ? 'since ' : ''}${at}` : at;
	const label = !relative && basis === null ? text : `${text} (${[shown, basis].filter(Boolean).join(', ')})`;
	return { date: { text, relative, at, offset, basis, label }, key };
}

// chrono-node reads a date against a reference day; only the parts the words state are used, so any day will do.
const ANY_DAY = new Date('2000-06-15T12:00:00Z');
const MONTH_NAMED = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const POSSESSIVE = /^['’]s\b/;
const LEADING_PREPOSITION = /^(?:on|in|at|by|from|since|until)\s+/i;
// "Now, the group…" is the moment of writing, which places no event.
const NOW = /^(?:right\s+)?now$/i;

interface ReadDates {
	calendar: DateMention[];
	/** What chrono reads relative to the reference ("last night", "a year earlier"), where the patterns below read nothing. */
	relative: Array<Mention & { components: ParsedComponents }>;
}

/**
 * chrono-node's reading of a sentence (it beat the hand-written patterns on `npm run eval:dates`): calendar dates
 * named by a month ("May Eight", "5 May", "Oct 20") or in ISO form, and the relative ones it knows. Left out: clock
 * times that name no day ("at midday"), "now", weekdays (read below as AP style means them, the week just past), a
 * possessive ("yesterday's rebels"), and slash dates, which in wire copy are fractions ("9-1/2 pct").
 */
function readDates(text: string, reference: Date): ReadDates {
	const read: ReadDates = { calendar: [], relative: [] };
	for (const result of chrono.parse(text, { instant: reference, timezone: 0 })) {
		const { start } = result;
		// chrono keeps the preposition ("on 5 May"); the date shown is the date's own words.
		const lead = LEADING_PREPOSITION.exec(result.text)?.[0].length ?? 0;
		const mention = { start: result.index + lead, end: result.index + result.text.length, text: result.text.slice(lead) };
		const datesADay = start.isCertain('day') || start.isCertain('month') || start.isCertain('year');
		if (!datesADay || start.isCertain('weekday') || POSSESSIVE.test(text.slice(mention.end))) continue;
		if (start.isCertain('month') && (MONTH_NAMED.test(result.text) || ISO_DAY.test(result.text))) {
			const part = (name: 'day' | 'year') => (start.isCertain(name) ? start.get(name)! : null);
			read.calendar.push({ ...mention, month: start.get('month')!, day: part('day'), year: part('year') });
		} else if (!/\d/.test(result.text) && !NOW.test(result.text)) read.relative.push({ ...mention, components: start });
	}
	return read;
}

/** A relative date chrono placed, as precise as its words: "last night" a day, "last month" a month, "a year earlier" a year. */
function placeRead(components: ParsedComponents): { at: string; key: string } {
	const month = `${components.get('year')}-${pad(components.get('month')!)}`;
	if (components.isCertain('day')) return { at: `${month}-${pad(components.get('day')!)}`, key: `${month}-${pad(components.get('day')!)}` };
	if (components.isCertain('month')) return { at: month, key: `${month}-00` };
	return { at: String(components.get('year')), key: `${components.get('year')}-00-00` };
}

function absoluteDates(text: string, context: DateContext): FoundDate[] {
	const found: FoundDate[] = [];
	for (const mention of readDates(text, ANY_DAY).calendar) {
		const placed = eventDate(mention.text, false, placeCalendar(mention, context), null, 'year unknown: the article is undated');
		found.push({ ...mention, kind: 'absolute', ...placed });
	}
	for (const match of text.matchAll(YEAR_EXPRESSION)) {
		const [, cue, words, qualifierWords, year] = match as unknown as [string, string | undefined, string, string | undefined, string];
		if (cue === undefined && words === year) continue;
		const start = match.index! + match[0].length - words.length;
		const qualifier = qualifierWords?.toLowerCase().replace('the end of', 'end');
		const placement = { at: year, key: `${year}-${qualifier ? YEAR_QUALIFIER_MONTH[qualifier] : '00'}-00`, basis: null };
		found.push({ start, end: start + words.length, text: words, kind: 'absolute', ...eventDate(words, false, placement, null, '') });
	}
	return found;
}

function relativeDates(text: string, context: DateContext): FoundDate[] {
	const found: FoundDate[] = [];
	const published = context.published && utc(context.published);
	const basis = `from ${articleBasis(context)}`;
	const add = (mention: Mention, placed: { at: string; key: string } | null, span?: true) => {
		found.push({ ...mention, kind: 'relative', ...eventDate(mention.text, true, placed && { ...placed, basis }, null, 'undated: the article states no date', span) });
	};
	for (const { pattern, resolve, span } of RELATIVE_PATTERNS) {
		for (const match of text.matchAll(pattern)) add(mentionOf(match), published ? resolve(match, published) : null, span);
	}
	// The patterns come first: where both read the same words, theirs is kept.
	// At noon: "last night" against midnight would be the night just begun.
	const reference = published ? new Date(published.getTime() + DAY_MS / 2) : ANY_DAY;
	for (const { components, ...mention } of readDates(text, reference).relative) add(mention, published ? placeRead(components) : null);
	return found;
}

const LAST_WORD = /([\p{Ll}][\p{L}-]*)\s*$/u;

/** What an anchor ("the Oct. 19 raid", "the raid") places: a date in its words, else the date the article gives that event. */
function placeAnchor(anchor: string, context: DateContext): Placement | null {
	const [stated] = absoluteDates(anchor, context).sort((a, b) => a.start - b.start);
	if (stated?.key && stated.date.at) return { at: stated.date.at, key: stated.key, basis: stated.date.basis };
	const noun = LAST_WORD.exec(anchor)?.[1];
	const term = noun === undefined ? null : termOf(noun);
	const dated = term === null ? undefined : context.eventDates.get(term);
	return dated ? placeCalendar(dated, context) : null;
}

function anchoredDates(text: string, context: DateContext): FoundDate[] {
	return [...text.matchAll(ANCHORED)].map((match) => {
		const mention = mentionOf(match);
		const unit = unitOf(match[2]!);
		const offset = match[3]!.toLowerCase() as 'after' | 'before';
		const anchor = placeAnchor(match[4]!, context);
		// Sorted where it falls, "weeks after" the anchor's day, so it follows what it follows; shown as the anchor's date.
		const amount = countOf(match[1], match[2]!) * (offset === 'after' ? 1 : -1);
		const placement = anchor && { ...anchor, key: anchor.key.endsWith('-00') ? anchor.key : isoDay(shift(utc(anchor.key), amount, unit)) };
		const placed = eventDate(mention.text, true, placement, offset, `undated: nothing dates what it ${offset === 'after' ? 'follows' : 'precedes'}`);
		return { ...mention, kind: 'anchored', ...placed };
	});
}

const KIND_ORDER: Record<DateKind, number> = { anchored: 0, absolute: 1, relative: 2 };

/** Every date a sentence states, in text order; a date inside "weeks after the Oct. 19 raid" is part of that one. */
export function findEventDates(text: string, context: DateContext): FoundDate[] {
	return withoutOverlaps([...anchoredDates(text, context), ...absoluteDates(text, context), ...relativeDates(text, context)]);
}

/**
 * The date of the event a sentence reports: a date stated relative to another event first ("Weeks after the Oct. 19
 * raid, al-Sharaa visited Washington" is about the visit), then a calendar date, then a relative one.
 */
export function sentenceDate(text: string, context: DateContext): FoundDate | null {
	return findEventDates(text, context).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.start - b.start)[0] ?? null;
}

const contexts = new RecentArticles<DateContext>(RECENT_ARTICLES);

/** The article's date, the years its words state and the events it dates, read once while the article is in use. */
export function dateContextOf(article: Article): DateContext {
	return contexts.get(article, () => {
		const statedYears = new Map<number, { year: number; text: string }>();
		const eventDates = new Map<string, DateMention>();
		for (const paragraph of article.paragraphs) {
			for (const { text } of splitSentences(paragraph.text)) {
				for (const mention of findDates(text)) {
					if (mention.month !== null && mention.year !== null && !statedYears.has(mention.month)) statedYears.set(mention.month, { year: mention.year, text: mention.text });
					const subject = mention.day === null ? null : subjectOf(text, mention);
					if (subject && !eventDates.has(subject.term)) eventDates.set(subject.term, mention);
				}
			}
		}
		return { published: article.date, publisher: article.publisher, statedYears, eventDates };
	});
}
