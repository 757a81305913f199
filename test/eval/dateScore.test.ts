import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DateContext } from '../../src/answer/eventDates.js';
import type { DateExtractor } from './dateExtractors.js';
import { type DateCase, isRight, score } from './dateScore.js';

const context: DateContext = { published: '1987-04-07', publisher: 'Reuters', statedYears: new Map(), eventDates: new Map() };
const contexts = new Map([['reuters-1', context]]);

function dateCase(sentence: string, dates: DateCase['dates']): DateCase {
	return { id: 'd1', split: 'tuning', article: 'reuters-1', articleDate: '1987-04-07', sentence, dates };
}

/** A reader that finds exactly the given words, placed as given. */
function finds(...found: Array<[string, string | null]>): DateExtractor {
	return (sentence) => found.map(([text, at]) => ({ start: sentence.indexOf(text), end: sentence.indexOf(text) + text.length, text, at }));
}

describe('date eval scoring', () => {
	it('accepts a listed value, a day inside a range, and unplaced only where unplaced is expected', () => {
		expect(isRight(['1986-03', '1986'], '1986')).toBe(true);
		expect(isRight('1987-04-06..1987-04-12', '1987-04-08')).toBe(true);
		expect(isRight('1987-04-06..1987-04-12', '1987-04')).toBe(false);
		expect(isRight(null, null)).toBe(true);
		expect(isRight(null, '1987-04-06')).toBe(false);
		expect(isRight('1987-04-06', null)).toBe(false);
	});

	it('matches a found date to a stated one by overlapping words, and counts a date read into a count as a false one', () => {
		const cases = [dateCase('The rights will be issued on April 6 to 19 people.', [{ text: 'April 6', category: 'absolute', at: '1987-04-06' }])];
		const result = score(cases, finds(['on April 6', '1987-04-06'], ['19 people', '1987-04-19']), contexts);
		expect(result).toMatchObject({ extracted: 2, matched: 1 });
		expect(result.groups.get('absolute')).toEqual({ stated: 1, found: 1, right: 1 });
		expect(result.misses).toEqual(['d1 "19 people": found, but states no date']);
	});

	it('counts a found but misplaced date as found and not right', () => {
		const cases = [dateCase('The committee approved it yesterday.', [{ text: 'yesterday', category: 'relative', at: '1987-04-06' }])];
		expect(score(cases, finds(['yesterday', '1987-04-07']), contexts).groups.get('relative, dated article')).toEqual({ stated: 1, found: 1, right: 0 });
	});
});

describe('the date eval set', () => {
	const cases = JSON.parse(readFileSync(new URL('./dates.json', import.meta.url), 'utf8')) as DateCase[];

	it('quotes each stated date from its sentence, and leaves every relative date of an undated article unplaced', () => {
		for (const c of cases) {
			for (const date of c.dates) {
				expect(c.sentence, c.id).toContain(date.text);
				if (c.articleDate === null && date.category === 'relative') expect(date.at, `${c.id} ${date.text}`).toBeNull();
			}
		}
	});

	it('holds at least 80 sentences, with every kind of date and sentences stating none in both halves', () => {
		expect(cases.length).toBeGreaterThanOrEqual(80);
		for (const split of ['tuning', 'heldout']) {
			const half = cases.filter((c) => c.split === split);
			expect(new Set(half.flatMap((c) => c.dates.map((d) => d.category)))).toEqual(new Set(['absolute', 'relative', 'event-relative']));
			expect(half.some((c) => c.dates.length === 0)).toBe(true);
			expect(half.some((c) => c.articleDate === null && c.dates.some((d) => d.category === 'relative'))).toBe(true);
		}
	});
});
