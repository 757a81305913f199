import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Citation, ParagraphHit, Quote } from '../../src/answer/types.js';
import { formatAnswer, formatClaimCheck, formatCitation, formatQuote, formatRefreshReport, formatSearchPage, formatSources } from '../../src/discord/format.js';
import { buildReply } from '../../src/discord/reply.js';
import type { DocumentSummary } from '../../src/storyEngine.js';
import { status } from './support/corpusStatus.js';
import { expectWithinDiscordLimits } from './support/limits.js';

const ap: Citation = {
	doc: 'ap-raid',
	paragraph: 4,
	title: 'U.S. raid in Dumayr killed a man spying on IS',
	publisher: 'The Associated Press',
	date: '2025-12-05',
	url: 'https://apnews.com/article/syria-raid(1)',
	section: null,
};
const analysis: Citation = { doc: 'analysis', paragraph: 1, title: 'Raid on Dumayar', publisher: 'unknown', date: null, url: null, section: null };

const quote = (text: string, citation: Citation = ap): Quote => ({ text, citation, score: 1 });


const answered: Answer = {
	question: 'When did the raid happen?',
	outcome: 'answered',
	answered: true,
	reason: null,
	expects: 'time',
	quotes: [
		quote('Weeks after the Oct. 19 raid, al-Sharaa visited Washington.'),
		quote('In the early hours of October 29, 2025, a quiet town was jolted awake.', analysis),
		quote('Residents said they awoke around 3 a.m.'),
		quote('The raid occurred in Dumayr.'),
	],
	conflicts: [
		{
			kind: 'date',
			subject: 'raid',
			claims: [
				{ value: 'Oct. 19', text: 'Weeks after the Oct. 19 raid, al-Sharaa visited Washington.', citation: ap },
				{ value: 'October 29', text: 'In the early hours of October 29, 2025, a quiet town was jolted awake.', citation: analysis },
			],
		},
	],
	related: [],
};

describe('formatCitation', () => {
	it('gives publisher, date, title and paragraph, and a link that Markdown cannot break', () => {
		expect(formatCitation(ap)).toBe(
			'— The Associated Press, 2025-12-05, "U.S. raid in Dumayr killed a man spying on IS", ¶4 · [link](https://apnews.com/article/syria-raid%281%29)',
		);
	});

	it('says "undated" and shows no link when the source states neither', () => {
		expect(formatCitation(analysis)).toBe('— unknown, undated, "Raid on Dumayar", ¶1');
	});

	it('ignores a link that is not http(s)', () => {
		expect(formatCitation({ ...ap, url: 'javascript:alert(1)' })).not.toContain('link');
	});
});

describe('formatAnswer', () => {
	const reply = formatAnswer(answered, status, { session: '1234', ephemeral: false });
	const [embed] = reply.embeds ?? [];

	it('shows the top quotes as block quotes, each followed by its citation', () => {
		expect(embed?.description).toBe(
			[
				'> Weeks after the Oct. 19 raid, al-Sharaa visited Washington.',
				formatCitation(ap),
				'',
				'> In the early hours of October 29, 2025, a quiet town was jolted awake.',
				formatCitation(analysis),
				'',
				'> Residents said they awoke around 3 a.m.',
				formatCitation(ap),
			].join('\n'),
		);
	});

	it('puts disagreeing sources side by side, each value in bold and cited', () => {
		expect(embed?.fields).toEqual([
			{
				name: '⚠️ Sources disagree: raid (date)',
				value: [
					'> Weeks after the **Oct. 19** raid, al-Sharaa visited Washington.',
					formatCitation(ap),
					'> In the early hours of **October 29**, 2025, a quiet town was jolted awake.',
					formatCitation(analysis),
				].join('\n'),
			},
		]);
	});

	it('shows corpus coverage in the footer', () => {
		expect(embed?.footer?.text).toBe('Corpus: 2 articles · 2025-12-05 · refreshed 2025-12-06 10:30 UTC');
	});

	it('offers more passages, the full paragraphs, feedback and a follow-up, with ids that carry the session', () => {
		const ids = reply.components?.[0]?.components.map((button) => button.custom_id);
		expect(ids).toEqual(['ask-more:1234:3', 'ask-full:1234:0', 'ask-vote:1234:up', 'ask-vote:1234:down', 'ask-follow:1234:open']);
	});

	it('says plainly when the corpus does not answer, and labels nearby passages as related', () => {
		const refused = formatAnswer(
			{ ...answered, question: 'Who won the World Cup?', outcome: 'not-covered', answered: false, reason: 'The corpus does not cover this.', quotes: [], conflicts: [], related: [quote('The raid occurred in Dumayr.')] },
			status,
			{ session: '1', ephemeral: true },
		);
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds?.[0]?.description).toBe(
			['**Not answered.** The corpus does not cover this.', '**Related passages (not an answer)**', `> The raid occurred in Dumayr.\n${formatCitation(ap)}`].join('\n\n'),
		);
	});

	it('escapes the echoed question', () => {
		const echoed = formatAnswer({ ...answered, question: '**Who** pinged @everyone?' }, status, { session: '1', ephemeral: false });
		expect(echoed.embeds?.[0]?.title).toBe('\\*\\*Who\\*\\* pinged \\@everyone?');
	});

	it('stays within every Discord limit whatever the engine returns', () => {
		const text = fc.string({ minLength: 1, maxLength: 3_000 });
		const citation = fc.record({ doc: fc.string(), paragraph: fc.nat(), title: text, publisher: text, date: fc.constant(null), url: fc.constant(null), section: fc.constant(null) });
		const quoteArb = fc.record({ text, citation, score: fc.double() });
		fc.assert(
			fc.property(text, fc.array(quoteArb, { maxLength: 8 }), fc.array(fc.record({ value: text, text, citation }), { minLength: 2, maxLength: 6 }), (question, quotes, claims) => {
				const huge: Answer = { ...answered, question, quotes, conflicts: Array.from({ length: 7 }, () => ({ kind: 'name' as const, subject: question, claims })) };
				expectWithinDiscordLimits(buildReply(formatAnswer(huge, status, { session: '1', ephemeral: false })));
			}),
			{ numRuns: 40 },
		);
	});
});

describe('formatAnswer for a follow-up', () => {
	it('names the earlier question, escaped, above the quotes, and long quotes never push that line out', () => {
		const text = fc.string({ minLength: 1, maxLength: 3_000 });
		const citation = fc.record({ doc: fc.string(), paragraph: fc.nat(), title: text, publisher: text, date: fc.constant(null), url: fc.constant(null), section: fc.constant(null) });
		const quotes = fc.array(fc.record({ text, citation, score: fc.double() }), { minLength: 1, maxLength: 8 });
		// As validated: a question has a word in it.
		const earlier = fc.string({ maxLength: 299 }).map((rest) => `W${rest}`);
		const borrowed = fc.array(fc.stringMatching(/^[a-z*_@]{1,20}$/), { maxLength: 6 });
		fc.assert(
			fc.property(earlier, borrowed, quotes, (question, words, shown) => {
				const answer: Answer = { ...answered, quotes: shown, continuedFrom: { question, borrowed: words } };
				const description = formatAnswer(answer, status, { session: '1', ephemeral: false }).embeds?.[0]?.description ?? '';
				// Within the limit as formatted, so the reply builder never has to cut it.
				expect(description.length).toBeLessThanOrEqual(4_096);
				expect(description.split('\n')[0]).toMatch(/^↪️ Follow-up to “.+”/u);
				expect(description.split('\n')[0]).not.toMatch(/(?<!\\)[*_@]/);
			}),
			{ numRuns: 40 },
		);
	});
});

describe('formatSearchPage', () => {
	const hit = (text: string, highlights: ParagraphHit['highlights']): ParagraphHit => ({ text, citation: ap, score: 1, highlights });

	it('puts the matched words in bold and escapes the rest', () => {
		const page = formatSearchPage({ query: 'free army', hits: [hit('The *Syrian* Free Army said so.', [{ start: 13, end: 17 }, { start: 18, end: 22 }])], total: 1, offset: 0, session: '9', ephemeral: false });
		expect(page.embeds?.[0]?.description).toBe(`**1.** The \\*Syrian\\* **Free** **Army** said so.\n${formatCitation(ap)}`);
		expect(page.components).toEqual([]);
	});

	it('starts a long paragraph at the sentence that matched', () => {
		const text = `${'An unrelated opening sentence. '.repeat(40)}The match is here.`;
		const start = text.indexOf('match');
		const page = formatSearchPage({ query: 'match', hits: [hit(text, [{ start, end: start + 5 }])], total: 1, offset: 0, session: '9', ephemeral: false });
		expect(page.embeds?.[0]?.description?.startsWith('**1.** … The **match** is here.')).toBe(true);
	});

	it('pages with Previous and Next, disabled at the ends', () => {
		const page = formatSearchPage({ query: 'raid', hits: [hit('raid', [])], total: 12, offset: 10, session: '9', ephemeral: false });
		const buttons = page.components?.[0]?.components;
		expect(buttons?.map((button) => [button.custom_id, button.disabled ?? false])).toEqual([
			['search-page:9:5', false],
			['search-page:9:15', true],
		]);
		expect(page.embeds?.[0]?.footer?.text).toBe('Page 3 of 3 · 12 matching paragraphs');
	});
});

describe('other replies', () => {
	it('quotes a paragraph as copyable content, within 2,000 characters', () => {
		const reply = formatQuote({ text: 'Long paragraph. '.repeat(300), citation: ap, score: 1, highlights: [] });
		expect(reply.content?.length).toBeLessThanOrEqual(2_000);
		expect(reply.content).toMatch(/^> Long paragraph\. .* …\n— The Associated Press, 2025-12-05, .*¶4 · \[link\]\(<https:\/\/apnews\.com\/article\/syria-raid%281%29>\)$/s);
	});

	it('lists sources until the description is full, then says how many more there are', () => {
		const docs: DocumentSummary[] = Array.from({ length: 300 }, (_, i) => ({ id: `bbc-${i}`, file: 'bbc.jsonl', title: `Story number ${i}`, publisher: 'BBC News', date: null, url: null, paragraphs: 5 }));
		const description = formatSources(docs, status).embeds?.[0]?.description ?? '';
		expect(description.length).toBeLessThanOrEqual(4_096);
		expect(description).toMatch(/… and \d+ more$/);
	});

	it('reports the files a refresh could not read, and why', () => {
		const report = formatRefreshReport('Corpus reloaded', { ...status.lastRefresh, added: ['new-doc'], problems: [{ file: 'bad.md', reason: 'malformed front matter' }], by: 'editor' });
		expect(report.embeds?.[0]?.fields).toEqual([
			{ name: 'Added (1)', value: 'new-doc' },
			{ name: 'Problems (1)', value: '• bad.md: malformed front matter' },
		]);
	});

	it('says plainly that a claim was not found, and labels the passages as the closest, not a match', () => {
		const reply = formatClaimCheck('The raid was in Aleppo.', { verdict: 'not-found', quotes: [quote('The raid occurred in Dumayr.')] });
		expect(reply.embeds?.[0]?.title).toBe('❌ Not found in the story');
		expect(reply.embeds?.[0]?.description).toContain('The corpus does not contain this claim. **Closest passages** (for context, not a match):');
	});
});
