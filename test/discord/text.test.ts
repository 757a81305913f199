import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, escapeMarkdown, joinWithin, renderWithin, trimText } from '../../src/discord/text.js';

/** Undoes escapeMarkdown the way Discord renders it: a backslash before punctuation is hidden. */
function unescape(text: string): string {
	return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

/** True when `text` holds a Markdown or mention character that no backslash neutralises. */
function hasLiveMarkup(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\') {
			i++;
			continue;
		}
		if ('*_~|`<>[]@'.includes(text[i] ?? '')) return true;
	}
	return false;
}

const words = fc.array(fc.stringMatching(/^[A-Za-z.,'’"-]{1,12}$/), { minLength: 1, maxLength: 120 }).map((list) => list.join(' '));

describe('escapeMarkdown', () => {
	it.each([
		['**bold** __underline__ ~~strike~~ ||spoiler||', '\\*\\*bold\\*\\* \\_\\_underline\\_\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\|'],
		['`code` and [a link](https://example.com)', '\\`code\\` and \\[a link\\](https://example.com)'],
		['@everyone <@&123> <@456> <t:1700000000:R>', '\\@everyone \\<\\@&123\\> \\<\\@456\\> \\<t:1700000000:R\\>'],
		['# Heading\n-# subtext\n- item\n> quote\n1. first', '\\# Heading\n\\-# subtext\n\\- item\n\\> quote\n1\\. first'],
	])('neutralises %j', (input, expected) => {
		expect(escapeMarkdown(input)).toBe(expected);
	});

	it('leaves ordinary newsroom text alone', () => {
		const text = 'Khaled al-Masoud, a U.S.-trained source, said on Oct. 19 at 3 a.m. (local time) that #1 was 50% done.';
		expect(escapeMarkdown(text)).toBe(text);
	});

	it('renders back to the original text, with no live markup left', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), (text) => {
				const escaped = escapeMarkdown(text);
				expect(unescape(escaped)).toBe(text);
				expect(hasLiveMarkup(escaped)).toBe(false);
			}),
		);
	});
});

describe('trimText', () => {
	it('keeps text that fits as it is', () => {
		expect(trimText('Short enough.', 13)).toBe('Short enough.');
	});

	it('cuts at the end of the last whole sentence that fits, with a visible ellipsis', () => {
		const text = 'The raid occurred in Dumayr. Residents said they awoke around 3 a.m. to the sound of vehicles.';
		expect(trimText(text, 60)).toBe(`The raid occurred in Dumayr. ${ELLIPSIS}`);
	});

	it('falls back to a word boundary when the first sentence alone is too long', () => {
		const text = 'A raid by U.S. forces and a local Syrian group aiming to capture an Islamic State official instead killed a man.';
		expect(trimText(text, 40)).toBe(`A raid by U.S. forces and a local ${ELLIPSIS}`);
	});

	it('never cuts inside a word, and always fits', () => {
		fc.assert(
			fc.property(words, fc.integer({ min: 20, max: 400 }), (text, max) => {
				const trimmed = trimText(text, max);
				expect(trimmed.length).toBeLessThanOrEqual(max);
				if (trimmed === text) return;
				expect(trimmed.endsWith(` ${ELLIPSIS}`)).toBe(true);
				const kept = trimmed.slice(0, -(ELLIPSIS.length + 1));
				expect(text.startsWith(kept)).toBe(true);
				// What follows the kept part starts a new word, or is the punctuation dropped before the ellipsis.
				expect(text[kept.length] ?? ' ').toMatch(/[\s,]/);
			}),
		);
	});

	it('cuts a single over-long word at a code point boundary, not inside a surrogate pair', () => {
		const trimmed = trimText('🙂'.repeat(50), 11);
		expect(trimmed).toBe(`${'🙂'.repeat(4)} ${ELLIPSIS}`);
	});
});

describe('renderWithin', () => {
	it('fits after escaping, by trimming the raw text rather than the escaped one', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 1, max: 300 }), (text, max) => {
				const rendered = renderWithin(text, max);
				expect(rendered.length).toBeLessThanOrEqual(max);
				expect(hasLiveMarkup(rendered)).toBe(false);
			}),
		);
	});
});

describe('joinWithin', () => {
	it('keeps whole entries and says how many were left out', () => {
		const entries = ['first entry', 'second entry', 'third entry', 'fourth entry'];
		expect(joinWithin(entries, 40)).toBe(`first entry\nsecond entry\n${ELLIPSIS} and 2 more`);
	});

	it('never exceeds its limit', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 40 }), fc.integer({ min: 20, max: 500 }), (entries, max) => {
				expect(joinWithin(entries, max).length).toBeLessThanOrEqual(max);
			}),
		);
	});
});
