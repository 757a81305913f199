/**
 * Recognizers for the things a question can ask for: dates and times, quantities, names and places.
 * Deliberately simple patterns over English news copy; they score sentences and pair up facts, they do not parse.
 */
import { termOf } from '../search/analyzer.js';

export interface Mention {
	start: number;
	end: number;
	text: string;
}

export interface DateMention extends Mention {
	/** Month 1–12, day and year when stated; two dates conflict only where both state a part and it differs. */
	month: number | null;
	day: number | null;
	year: number | null;
}

const MONTHS: Record<string, number> = {
	jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
	jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
	dec: 12, december: 12,
};
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?(?:,?\\s+(\\d{4}))?(?![\\p{L}\\d])`, 'gu');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}(?:,?\\s+(\\d{4}))?(?![\\p{L}\\d])`, 'gu');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const OTHER_TIMES =
	/\b(?:\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|AM|PM|am|pm)(?![A-Za-z0-9])|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:in|since|by|until|before|after|early|late|mid-?)\s+(?:19|20)\d{2}\b|(?:last|next|this)\s+(?:week|month|year)\b|(?:a|one|two|three|\d+)\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|later)\b|(?:in|on|that|this|the|next|following|at)\s+(?:morning|afternoon|evening|night|dawn|dusk)\b|(?:yesterday|today|tonight|overnight|early hours|midnight|noon)\b)/g;

function monthNumber(name: string): number {
	return MONTHS[name.toLowerCase().replace('.', '')] ?? 0;
}

function optionalNumber(value: string | undefined): number | null {
	return value === undefined ? null : Number(value);
}

/** Calendar dates with their parts, e.g. "Oct. 19" → 10/19, "October 29, 2025" → 10/29/2025. */
export function findDates(text: string): DateMention[] {
	const found: DateMention[] = [];
	for (const match of text.matchAll(MONTH_DAY_YEAR)) {
		// "May" alone is far more often the verb than the month.
		if (match[1] === 'May' && match[2] === undefined && match[3] === undefined) continue;
		found.push({ ...span(match), month: monthNumber(match[1]!), day: optionalNumber(match[2]), year: optionalNumber(match[3]) });
	}
	for (const match of text.matchAll(DAY_MONTH_YEAR)) {
		found.push({ ...span(match), month: monthNumber(match[2]!), day: Number(match[1]), year: optionalNumber(match[3]) });
	}
	for (const match of text.matchAll(ISO_DATE)) {
		found.push({ ...span(match), month: Number(match[2]), day: Number(match[3]), year: Number(match[1]) });
	}
	return withoutOverlaps(found);
}

/** Any expression of time: calendar dates, clock times, weekdays, years, "last month". */
export function findTimes(text: string): Mention[] {
	return withoutOverlaps([...findDates(text), ...spansOf(text, OTHER_TIMES)]);
}

const NUMBER_WORDS: Record<string, number> = {
	one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
	dozen: 12, twice: 2, thrice: 3, half: 0.5, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, thousand: 1000,
};
// "£800m", "270.25p", "$1.13bn": British copy joins the unit to the figure.
const NUMBER =
	/(?<![\p{L}\d.,-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand|hundred)|bn|m|p|k)?(?![\p{L}\d])%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|twice|thrice|twenty|thirty|forty|fifty|hundreds?|thousands?|half)\b/giu;
const YEAR = /^(?:1[89]|20)\d{2}$/;

export interface NumberMention extends Mention {
	value: number;
}

/** Quantities, excluding years and the parts of dates, which answer "when", not "how many". */
export function findQuantities(text: string): NumberMention[] {
	const dates = findDates(text);
	const found: NumberMention[] = [];
	for (const match of text.matchAll(NUMBER)) {
		const mention = span(match);
		if (YEAR.test(mention.text) || dates.some((date) => overlaps(date, mention))) continue;
		const word = mention.text.toLowerCase();
		const value = NUMBER_WORDS[word.replace(/s$/, '')] ?? Number.parseFloat(word.replace(/,/g, ''));
		if (!Number.isNaN(value)) found.push({ ...mention, value });
	}
	return found;
}

const SCALE = String.raw`(?:\s*(?:mln|million|billion|bln|bn|trillion|m|k)\b)?`;
const FIGURE = String.raw`\d[\d,]*(?:\.\d+)?`;
const CURRENCY_WORD = String.raw`(?:dlrs?|dollars?|pounds?|sterling|euros?|yen|francs?|marks?|lire|pence|cents?|rupees?|yuan|roubles?|rubles?)`;
// "£800m", "$1.5bn", "90.25 dlrs", "384 mln dlr", "300p", "5 million euros".
const MONEY = new RegExp(
	String.raw`(?:[£$€¥]\s?${FIGURE}${SCALE}|(?<![\p{L}\d.,])${FIGURE}${SCALE}\s*${CURRENCY_WORD}\b|(?<![\p{L}\d.,])${FIGURE}p\b)`,
	'giu',
);

/** Sums of money: a currency sign or word with a figure. */
export function findMoney(text: string): Mention[] {
	return spansOf(text, MONEY);
}

const DURATION =
	/\b(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|some)[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?![\s-]+(?:ago|old)\b)/gi;

/** Spans of time: "four years", "52 days", "a two-week strike"; not "two years ago" (a time) nor "40 years old" (an age). */
export function findDurations(text: string): Mention[] {
	return spansOf(text, DURATION);
}

const REASON =
	/\b(?:because|due to|owing to|as a result|result of|so that|in order to|in a bid to|citing|reasons?|aimed at|designed to|meant to|intended to|in protest|in response to|for fear|amid)\b/gi;

/** Words that give a cause or a purpose. */
export function findReasons(text: string): Mention[] {
	return spansOf(text, REASON);
}

// A quotation of three words or more, or a verb of saying. The first two words exclude spaces so that an unclosed
// quotation fails in one pass: lazy segments that could each hold a space tried every split (minutes on 20k characters).
const STATEMENT =
	/[“"‘][^”"’\s]*\s[^”"’\s]*\s[^”"’]*[”"’]|\b(?:said|says|told|tells|added|described|called|branded|claimed|warned|insisted|argued|stated|replied|responded|accused|urged|denied|admitted|welcomed|criticised|criticized|dismissed)\b(?:\s+[^\s.;]+){0,6}/g;

/** What someone said: quotations and verbs of saying. */
export function findStatements(text: string): Mention[] {
	return spansOf(text, STATEMENT);
}

// A capitalized word, possibly with an Arabic article or particle joined by a hyphen ("al-Masoud"), an inner
// apostrophe ("O'Brien") or a final possessive.
const NAME_WORD = String.raw`(?:(?:al|el|bin|ibn|abu|bint|de|van|von)[-‐‑\s])?\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}]+)?(?:[-‐‑]\p{Lu}[\p{L}\p{M}]*)*`;
const NAME_SPAN = new RegExp(`${NAME_WORD}(?:\\s+(?:of\\s+the\\s+|of\\s+|al-|bin\\s+)?${NAME_WORD})*`, 'gu');
const ARABIC_ARTICLE = /^(?:Al|El)-\p{Lu}/u;
const CALENDAR_WORD = new RegExp(`^(?:${MONTH}|May|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$`);
const LEADING_WORDS = /^(?:The|A|An|In|On|At|But|And|Still|Yet|As|For|After|Before|When|While|Initial|Two|One|His|Her|Their|Its|Some|Local|Just|Once|Despite|Indeed|What|Was|Will|Or|Neither|Fewer|Later|Officials|Relatives|Residents|Analysts)\s+/;

/**
 * Proper names: runs of capitalized words not at the start of a sentence (where capitals prove nothing),
 * e.g. "Khaled al-Masoud", "Syrian Free Army", "Wassim Nasr".
 */
export function findNames(sentence: string): Mention[] {
	const found: Mention[] = [];
	for (const match of sentence.matchAll(NAME_SPAN)) {
		let mention = span(match);
		if (mention.start === 0 || /^[“"‘(]$/.test(sentence.slice(0, mention.start).trim())) {
			const leading = LEADING_WORDS.exec(mention.text);
			if (leading) mention = { start: mention.start + leading[0].length, end: mention.end, text: mention.text.slice(leading[0].length) };
			else if (!/\s/.test(mention.text) && !ARABIC_ARTICLE.test(mention.text)) continue;
		}
		if (mention.text.length >= 2 && !CALENDAR_WORD.test(mention.text)) found.push(mention);
	}
	return found;
}

const ORGANIZATION_WORDS =
	/\b(?:State|Army|Forces?|Command|Press|Center|Centre|Ministry|Government|Council|Party|Group|Agency|Coalition|Security|Department|Office|House|Monitor|Association|Union|Bank|Company|Corp|Inc|Committee|Court|Police|Guard|Front|Movement|Organi[sz]ation|Institute|University|Reuters|BBC|Airwars|States|Kingdom|Nations|Republic|Emirates)\b/;

/** Names of organisations: a name containing an institutional word, or an acronym ("SFA", "IS"). */
export function findOrganizations(sentence: string): Mention[] {
	return findNames(sentence).filter((name) => ORGANIZATION_WORDS.test(name.text) || /^\p{Lu}{2,5}$/u.test(name.text));
}

/** Names of people: two or more capitalized words, or an Arabic name with its article, that are not organisations or places. */
export function findPersons(sentence: string): Mention[] {
	const places = new Set(findPlaces(sentence).map((place) => place.start));
	return findNames(sentence).filter(
		(name) => !ORGANIZATION_WORDS.test(name.text) && !places.has(name.start) && (/\s/.test(name.text) || /(?:^|[\s-])(?:al|Al|el|El)-\p{Lu}/u.test(name.text)),
	);
}

const LOCATIVE = /\b(?:in|at|near|outside|inside|across|into|from|toward|towards|(?:east|west|north|south|northeast|northwest|southeast|southwest) of)\s+(?:the\s+)?$/i;
const PLACE_NOUNS = /\b(?:town|city|village|capital|province|region|desert|enclave|border|country|area|district|neighbou?rhood)s?\b/i;

/** Places: a name after a locative preposition ("in Dumayr", "east of Damascus"), or a place noun. */
export function findPlaces(sentence: string): Mention[] {
	const named = findNames(sentence).filter((name) => LOCATIVE.test(sentence.slice(Math.max(0, name.start - 20), name.start)));
	const nouns = spansOf(sentence, new RegExp(PLACE_NOUNS.source, 'gi'));
	return [...named, ...nouns];
}

const NEXT_WORD = /^[\s,]*([\p{Ll}][\p{L}-]*)/u;
const PREVIOUS_NOUN = /([\p{Ll}][\p{L}-]*)\s+(?:on|of|in)\s+$/u;

/** The noun a value modifies: the word right after it ("Oct. 19 raid") or before "on/of" ("the raid on Oct. 19"). */
export function subjectOf(text: string, mention: Mention): { term: string; word: string } | null {
	const after = NEXT_WORD.exec(text.slice(mention.end));
	const before = PREVIOUS_NOUN.exec(text.slice(Math.max(0, mention.start - 30), mention.start));
	for (const word of [after?.[1], before?.[1]]) {
		const term = word === undefined ? null : termOf(word);
		if (word && term) return { term, word };
	}
	return null;
}

function span(match: RegExpMatchArray): Mention {
	return { start: match.index!, end: match.index! + match[0].length, text: match[0] };
}

/** Every match of a global pattern, as mentions. */
function spansOf(text: string, pattern: RegExp): Mention[] {
	return [...text.matchAll(pattern)].map(span);
}

function overlaps(a: Mention, b: Mention): boolean {
	return a.start < b.end && b.start < a.end;
}

/** Keeps the longest of overlapping mentions, in text order. */
export function withoutOverlaps<T extends Mention>(mentions: T[]): T[] {
	const kept: T[] = [];
	for (const mention of [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start))) {
		if (!kept.some((other) => overlaps(other, mention))) kept.push(mention);
	}
	return kept.sort((a, b) => a.start - b.start);
}
