import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Citation, DatedSentence, EventDate, Timeline } from '../../src/answer/types.js';
import { formatCitation } from '../../src/discord/format.js';
import { formatTimelinePage } from '../../src/discord/formatTimeline.js';
import { buildReply, MAX_EMBED_DESCRIPTION_LENGTH } from '../../src/discord/reply.js';
import { status } from './support/corpusStatus.js';
import { expectWithinDiscordLimits } from './support/limits.js';

const ap: Citation = { doc: 'ap', paragraph: 4, title: 'U.S. raid in Dumayr', publisher: 'The Associated Press', date: '2025-12-05', url: null, section: null };
const analysis: Citation = { doc: 'analysis', paragraph: 8, title: 'Raid on Dumayar', publisher: 'unknown', date: null, url: null, section: null };
function dated(text: string, date: Partial<EventDate> & Pick<EventDate, 'text' | 'label'>, citation = ap): DatedSentence {
	return { text, citation, date: { relative: false, at: null, offset: null, basis: null, ...date } };
}

const raid: Timeline = {
	about: null,
	asOf: null,
	entries: [
		{
			disagreement: 'raid',
			claims: [
				dated('Weeks after the Oct. 19 raid, al-Sharaa visited Washington.', { text: 'Oct. 19', label: 'Oct. 19 (2025-10-19, year from …)' }),
				dated('Just weeks after the October 29 raid, he traveled to Washington.', { text: 'October 29', label: 'October 29 (2025-10-29, …)' }, analysis),
			],
		},
	],
	undated: [dated('Ties have evolved over the past year.', { text: 'over the past year', label: 'over the past year (undated: the article states no date)' }, analysis)],
};

describe('formatTimelinePage', () => {
	it('shows a disagreement as one entry, each source’s date over its sentence with the value in bold, each cited', () => {
		const description = formatTimelinePage(raid, status, { offset: 0, session: '1', ephemeral: false }).embeds?.[0]?.description;
		expect(description).toBe(
			[
				'⚠️ **Sources disagree on the date of the raid**',
				'**Oct. 19 (2025-10-19, year from …)**',
				'> Weeks after the **Oct. 19** raid, al-Sharaa visited Washington.',
				formatCitation(ap),
				'**October 29 (2025-10-29, …)**',
				'> Just weeks after the **October 29** raid, he traveled to Washington.',
				formatCitation(analysis),
				'',
				'**over the past year (undated: the article states no date)**',
				'> Ties have evolved over the past year.',
				formatCitation(analysis),
			].join('\n'),
		);
	});

	it('escapes the subject it echoes, and says plainly when nothing about it is dated', () => {
		const page = formatTimelinePage({ about: '@everyone *bold*', entries: [], undated: [], asOf: null }, status, { offset: 0, session: '1', ephemeral: true });
		expect(page.embeds?.[0]?.title).toBe('Timeline: \\@everyone \\*bold\\*');
		expect(page.embeds?.[0]?.description).toBe('No dated sentence is about “\\@everyone \\*bold\\*”. Try other words, or `/search` them.');
		expect(page.components ?? []).toEqual([]);
	});

	it('fits five entries of any length in a page without the reply builder cutting them', () => {
		const text = fc.string({ minLength: 1, maxLength: 2_000 });
		const citation = fc.record({ doc: fc.string(), paragraph: fc.nat(), title: text, publisher: text, date: fc.constant(null), url: fc.constant(null), section: fc.constant(null) });
		const sentence = fc.record({ text, citation, date: fc.record({ text, label: text, relative: fc.boolean(), at: fc.constant(null), offset: fc.constant(null), basis: fc.constant(null) }) });
		const entry = fc.record({ claims: fc.array(sentence, { minLength: 1, maxLength: 3 }), disagreement: fc.option(text) });
		fc.assert(
			fc.property(text, fc.array(entry, { minLength: 1, maxLength: 12 }), (about, entries) => {
				const page = formatTimelinePage({ about, entries, undated: [], asOf: null }, status, { offset: 5, session: '1', ephemeral: false });
				expect(page.embeds?.[0]?.description?.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION_LENGTH);
				expectWithinDiscordLimits(buildReply(page));
			}),
			{ numRuns: 40 },
		);
	});
});
