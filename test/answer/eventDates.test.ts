import { describe, expect, it } from 'vitest';
import { type DateContext, findEventDates, sentenceDate } from '../../src/answer/eventDates.js';
import type { DateMention } from '../../src/answer/entities.js';

const AP: DateContext = { published: '2025-12-05', publisher: 'The Associated Press', statedYears: new Map(), eventDates: new Map() };
const UNDATED: DateContext = { published: null, publisher: 'unknown', statedYears: new Map(), eventDates: new Map() };
const RAID_ON_OCT_19: DateMention = { start: 0, end: 7, text: 'Oct. 19', month: 10, day: 19, year: null };

function dateOf(text: string, context: DateContext) {
	return sentenceDate(text, context)?.date ?? null;
}

describe('absolute dates', () => {
	it('takes a missing year from the article date, naming it as the basis', () => {
		expect(dateOf('It remains unclear whether the Oct. 19 raid was based on faulty intelligence.', AP)).toMatchObject({
			text: 'Oct. 19',
			relative: false,
			at: '2025-10-19',
			label: "Oct. 19 (2025-10-19, year from The Associated Press's 2025-12-05)",
		});
	});

	it('reads a day later in the year than the article as last year’s', () => {
		expect(dateOf('The talks began on Dec. 20.', { ...AP, published: '2026-01-05' })?.at).toBe('2025-12-20');
	});

	it('reads a year-less day as the nearest such day to the article, so a date to come keeps its year', () => {
		const reuters = { ...AP, publisher: 'Reuters', published: '1987-04-13' };
		expect(dateOf('Du Pont said it will redeem the notes on May 15.', reuters)?.at).toBe('1987-05-15');
		expect(dateOf('The rights will be issued on April 6 and expire May 22.', reuters)?.at).toBe('1987-04-06');
	});

	it('reads a month named in other ways ("5 May", "in May"), never the name or the verb May', () => {
		expect(dateOf('Most pundits are betting on 5 May.', UNDATED)).toMatchObject({ text: '5 May', at: null, label: '5 May (year unknown: the article is undated)' });
		expect(dateOf('The contest will be held in Kiev in May.', AP)?.at).toBe('2026-05');
		expect(findEventDates('May said: "Suddenly the Queen Phoenix is rising again."', AP)).toEqual([]);
		expect(findEventDates('It may rain.', AP)).toEqual([]);
	});

	it('reads no date into prices, fractions or clock times', () => {
		expect(findEventDates('The bond carries a coupon of 9-1/2 pct and is priced at 101-1/4.', AP)).toEqual([]);
		expect(findEventDates('Funds remained there at midday, down from 1,038 at 3 AM.', AP)).toEqual([]);
		expect(findEventDates('Now, the group says it has changed.', AP)).toEqual([]);
	});

	it('shows a fully stated date as written, and needs no article date for it', () => {
		expect(dateOf('In the early hours of October 29, 2025, a quiet town was jolted awake.', UNDATED)).toMatchObject({ at: '2025-10-29', basis: null, label: 'October 29, 2025' });
	});

	it('reads years with a cue ("in late 2019", "since 2020", "a 2023 case"), never a bare count', () => {
		expect(dateOf('The coalition broke its last territorial hold in late 2019.', UNDATED)).toMatchObject({ text: 'late 2019', at: '2019' });
		expect(dateOf('It has documented 52 incidents since 2020.', UNDATED)).toMatchObject({ text: 'since 2020', at: '2020' });
		expect(dateOf('He cited a 2023 case in which the target was a farmer.', UNDATED)?.at).toBe('2023');
		expect(findEventDates('About 2000 troops remain.', UNDATED)).toEqual([]);
	});

	it('gives a bare month and day in an undated article the year the article states for that month', () => {
		const context = { ...UNDATED, statedYears: new Map([[10, { year: 2025, text: 'October 29, 2025' }]]) };
		expect(dateOf('Just after the October 29 raid, he left.', context)).toMatchObject({ at: '2025-10-29', basis: 'year from the same article\'s "October 29, 2025"' });
		expect(dateOf('It happened on Oct. 19.', UNDATED)).toMatchObject({ at: null, label: 'Oct. 19 (year unknown: the article is undated)' });
	});
});

describe('relative dates', () => {
	it('resolves a weekday against the article’s own date, shown as resolved with its basis', () => {
		expect(dateOf('U.S. Central Command said Sunday that troops destroyed 15 caches.', AP)).toEqual({
			text: 'Sunday',
			relative: true,
			at: '2025-11-30',
			offset: null,
			basis: "from The Associated Press's 2025-12-05",
			label: "Sunday (≈ 2025-11-30, from The Associated Press's 2025-12-05)",
		});
	});

	it('resolves "last month", "a year ago" and "yesterday" to as precise a date as they say', () => {
		expect(dateOf('Central Command said last month that attacks had dropped.', AP)?.at).toBe('2025-11');
		expect(dateOf('Assad fell a year ago.', AP)?.at).toBe('2024-12');
		expect(dateOf('Officials met yesterday.', AP)?.at).toBe('2025-12-04');
		expect(dateOf('They will meet next Friday.', AP)?.at).toBe('2025-12-12');
	});

	it('reads "last night" and "a year earlier" against the article’s date, and leaves them unplaced without one', () => {
		expect(dateOf('Three workers were killed at a zinc refinery last night.', { ...AP, published: '1987-03-03' })).toMatchObject({ text: 'last night', relative: true, at: '1987-03-02' });
		expect(dateOf('Attacks dropped to 375, down from 1,038 a year earlier.', AP)?.at).toBe('2024');
		expect(dateOf('Three workers were killed at a zinc refinery last night.', UNDATED)).toMatchObject({ at: null, label: 'last night (undated: the article states no date)' });
	});

	it('stays relative, and unplaced, in an article that states no date', () => {
		expect(dateOf('U.S. Central Command said Sunday that troops destroyed 15 caches.', UNDATED)).toMatchObject({ relative: true, at: null, label: 'Sunday (undated: the article states no date)' });
	});

	it('reads "yesterday’s rebels" as a figure of speech, not a date', () => {
		expect(findEventDates('Yesterday’s rebels become today’s state actors.', AP)).toEqual([]);
	});

	it('places "weeks after the raid" after the date its article gives the raid, with or without an article date', () => {
		const context = { ...UNDATED, statedYears: new Map([[10, { year: 2025, text: 'October 29, 2025' }]]), eventDates: new Map([['raid', RAID_ON_OCT_19]]) };
		expect(dateOf('Weeks after the raid, he visited Washington.', context)).toMatchObject({ relative: true, offset: 'after', at: '2025-10-19' });
		expect(dateOf('Weeks after the raid, he visited Washington.', UNDATED)).toMatchObject({ at: null, label: 'Weeks after the raid (undated: nothing dates what it follows)' });
	});

	it('dates a sentence by the event it is relative to before the date inside it', () => {
		const found = sentenceDate('Weeks after the Oct. 19 raid, al-Sharaa visited Washington.', AP);
		expect(found?.date).toMatchObject({ text: 'Weeks after the Oct. 19 raid', offset: 'after', at: '2025-10-19' });
		// It sorts after the raid: "weeks" is at least two.
		expect(found?.key).toBe('2025-11-02');
	});
});
