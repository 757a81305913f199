import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Citation, Correction, ParagraphHit } from '../../src/answer/types.js';
import { formatQuote } from '../../src/discord/format.js';
import { formatCorrectionNotice, formatCorrectionResult, formatCorrections, formatEarlierText } from '../../src/discord/formatCorrections.js';
import { buildReply, MAX_CONTENT_LENGTH } from '../../src/discord/reply.js';
import { expectWithinDiscordLimits } from './support/limits.js';

// Notes and paragraphs with mention and Markdown syntax, long runs and any code point.
const text = (maxLength: number) =>
	fc.oneof(fc.string({ unit: 'grapheme', maxLength }), fc.constantFrom('@everyone', '<@123456789012345678>', '**bold** _x_ `code`', '> quote\n# heading', 'x'.repeat(maxLength)));

const correction = fc.record({
	doc: fc.string({ minLength: 1, maxLength: 60 }),
	paragraph: fc.integer({ min: 1, max: 999 }),
	note: fc.option(text(300), { nil: null }),
	by: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
	at: fc.constant('2025-12-08T09:30:00.000Z'),
	before: text(3_000),
	after: text(3_000),
}) satisfies fc.Arbitrary<Correction>;

const citation = (paragraph: number, note: string | null): Citation => ({
	doc: 'ap',
	paragraph,
	title: 'U.S. raid in Dumayr',
	publisher: 'The Associated Press',
	date: '2025-12-05',
	url: null,
	section: null,
	corrected: { on: '2025-12-08', note },
});

describe('what corrections look like in Discord', () => {
	it('keeps every correction reply within Discord’s limits, whatever the note and texts', () => {
		fc.assert(
			fc.property(correction, fc.array(correction, { maxLength: 60 }), (one, many) => {
				expect(formatCorrectionNotice(one, 'The Associated Press ¶12', '2025-12-06').length).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
				expectWithinDiscordLimits(buildReply(formatEarlierText(one)));
				expectWithinDiscordLimits(buildReply(formatCorrections(many)));
				expectWithinDiscordLimits(buildReply(formatCorrectionResult({ correction: one, corrections: [one, ...many], upload: null })));
				const hit: ParagraphHit = { text: one.after, citation: citation(one.paragraph, one.note), score: 1, highlights: [] };
				expectWithinDiscordLimits(buildReply(formatQuote(hit)));
			}),
			{ numRuns: 300 },
		);
	});

	it('shows the note literally: mentions and Markdown are escaped', () => {
		const notice = formatCorrectionNotice({ doc: 'ap', paragraph: 12, note: '@everyone **now**', by: null, at: '2025-12-08T09:30:00.000Z', before: 'Old.', after: 'New.' }, 'AP ¶12', '2025-12-06');
		expect(notice).toBe('Correction: AP ¶12, quoted here on 2025-12-06, was corrected on 2025-12-08: \\@everyone \\*\\*now\\*\\*\nIt now reads:\n> New.');
		expect(formatQuote({ text: 'New.', citation: citation(12, null), score: 1, highlights: [] }).content).toBe(
			'> New.\n— The Associated Press, 2025-12-05, "U.S. raid in Dumayr", ¶12\nCorrected 2025-12-08: the paragraph’s text changed; no note was given.',
		);
	});
});
