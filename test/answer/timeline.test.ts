import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatedSentence, Timeline } from '../../src/answer/types.js';
import { ErrorCodes } from '../../src/errors.js';
import type { StoryEngine } from '../../src/storyEngine.js';
import { openStory } from '../support/storyEngine.js';

const AP = 'ap-dumayr-raid-2025-12-05';
const ANALYSIS = 'dumayar-raid-analysis';

let engine: StoryEngine;
let close: () => Promise<void>;
beforeAll(async () => {
	({ engine, close } = await openStory());
});
afterAll(() => close());

function sentences(timeline: Timeline): DatedSentence[] {
	return [...timeline.entries.flatMap((entry) => entry.claims), ...timeline.undated];
}

function expectVerbatim(timeline: Timeline): void {
	for (const { text, citation } of sentences(timeline)) expect(engine.quote(citation.doc, citation.paragraph).text).toContain(text);
}

describe('the timeline', () => {
	it('lists the story’s dated sentences in chronological order, each verbatim and cited', () => {
		const timeline = engine.timeline();
		// Each entry's date is as precise as its sentence says ("2015", "2025-11", "2025-11-30"); on this story those sort as text.
		const firstDates = timeline.entries.map((entry) => entry.claims.map((claim) => claim.date.at!).sort()[0]!);
		expect(firstDates).toEqual([...firstDates].sort());
		const labels = timeline.entries.map((entry) => entry.claims[0]!.date.label);
		expect(labels.indexOf('2015')).toBeLessThan(labels.indexOf('late 2019'));
		expect(labels.indexOf('late 2019')).toBeLessThan(labels.indexOf('October 29, 2025'));
		expect(labels.at(-1)).toBe("Sunday (≈ 2025-11-30, from The Associated Press's 2025-12-05)");
		expectVerbatim(timeline);
	});

	it('shows the raid once, with both sources’ dates side by side, each cited, flagged as a disagreement', () => {
		const raid = engine.timeline().entries.filter((entry) => entry.disagreement === 'raid');
		expect(raid).toHaveLength(1);
		expect(raid[0]!.claims.map((claim) => [claim.date.text, claim.date.at, claim.citation.doc])).toEqual([
			['Oct. 19', '2025-10-19', AP],
			['October 29', '2025-10-29', ANALYSIS],
		]);
		// The sentences it quotes are not listed a second time.
		const texts = engine.timeline().entries.flatMap((entry) => entry.claims.map((claim) => claim.text));
		expect(new Set(texts).size).toBe(texts.length);
	});

	it('lists a relative date from an undated article as undated', () => {
		const { undated } = engine.timeline();
		expect(undated.map((sentence) => [sentence.date.text, sentence.date.at, sentence.citation.doc])).toEqual([['over the past year', null, ANALYSIS]]);
	});

	it('narrows to a subject through the search, forms of a word included', () => {
		const airwars = engine.timeline({ about: 'Airwars' });
		expect(airwars.about).toBe('Airwars');
		expect(airwars.entries.map((entry) => entry.claims[0]!.date.label)).toEqual(['since 2020', '2023']);
		// "documenting" is in no sentence; the search meets "documented" through its stem.
		expect(engine.timeline({ about: 'documenting' }).entries.map((entry) => entry.claims[0]!.text)).toEqual([expect.stringContaining('has documented 52 incidents')]);
		expect(engine.timeline({ about: 'raid' }).entries.some((entry) => entry.disagreement === 'raid')).toBe(true);
	});

	it('keeps, for a subject of several words, the sentences holding most of them', () => {
		// ¶22 names Airwars but no drone; ¶23 names both.
		expect(engine.timeline({ about: 'Airwars drone' }).entries.map((entry) => [entry.claims[0]!.date.label, entry.claims[0]!.citation.paragraph])).toEqual([['2023', 23]]);
	});

	it('refuses a subject with no words to look for', () => {
		expect(() => engine.timeline({ about: ' ?! ' })).toThrow(expect.objectContaining({ code: ErrorCodes.QuestionEmpty }));
	});
});

describe('as of a date', () => {
	it('uses only articles published on or before it, leaving undated ones out, and says how many and why', () => {
		const timeline = engine.timeline({ asOf: '2025-12-05' });
		expect(new Set(sentences(timeline).map((sentence) => sentence.citation.doc))).toEqual(new Set([AP]));
		expect(timeline.entries.some((entry) => entry.disagreement !== null)).toBe(false);
		expect(timeline.asOf).toEqual({
			date: '2025-12-05',
			documents: 1,
			later: 0,
			undated: 1,
			summary: 'As of 2025-12-05: 1 article used; left out 1 undated article (its publication date is unknown).',
		});
	});

	it('answers and searches from those articles only', () => {
		const answer = engine.answer('When did the raid happen?', { asOf: '2025-12-05' });
		expect([...answer.quotes, ...answer.related].every((quote) => quote.citation.doc === AP)).toBe(true);
		expect(answer.conflicts).toEqual([]);
		expect(answer.asOf).toMatchObject({ documents: 1, undated: 1 });
		const before = engine.search('Dumayr raid', { asOf: '2025-12-04' });
		expect(before).toMatchObject({ hits: [], total: 0, asOf: { documents: 0, later: 1, undated: 1 } });
		expect(engine.search('Dumayar', {}).hits.some((hit) => hit.citation.doc === ANALYSIS)).toBe(true);
		expect(engine.search('Dumayar', { asOf: '2025-12-05' }).hits.every((hit) => hit.citation.doc === AP)).toBe(true);
	});

	it('leaves answers without a date exactly as they were', () => {
		const plain = engine.answer('Who is Wassim Nasr?');
		expect(plain).not.toHaveProperty('asOf');
		expect(engine.answer('Who is Wassim Nasr?', {})).toEqual(plain);
	});

	it.each(['2025-02-30', '05/12/2025', '2025-12-5', 'yesterday'])('refuses "%s" as a date, saying the form it takes', (asOf) => {
		expect(() => engine.timeline({ asOf })).toThrow(expect.objectContaining({ code: ErrorCodes.InvalidArgument, message: expect.stringContaining('YYYY-MM-DD') }));
	});
});
