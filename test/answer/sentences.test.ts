import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/answer/sentences.js';

const texts = (paragraph: string) => splitSentences(paragraph).map((sentence) => sentence.text);

describe('sentences', () => {
	it('never splits inside a quotation', () => {
		const paragraph = '“How did he die? We don’t know,” his cousin said. The family buried him on Monday.';
		expect(texts(paragraph)).toEqual(['“How did he die? We don’t know,” his cousin said.', 'The family buried him on Monday.']);
	});

	it('keeps a straight-quoted question with its attribution', () => {
		expect(texts('"Where is he? Nobody tells us," she said. Police declined to comment.')).toEqual([
			'"Where is he? Nobody tells us," she said.',
			'Police declined to comment.',
		]);
	});

	it('splits a quotation left open to the next paragraph as usual, so a long quote is not one sentence', () => {
		expect(texts('He said: “We will fight. We will win. We will not stop. We will go on. We will never give in.')).toHaveLength(5);
	});

	it('keeps "U.S." and "Oct." inside a sentence', () => {
		expect(texts('The U.S. Central Command said the Oct. 19 raid was planned. It gave no details.')).toHaveLength(2);
	});

	it('returns spans that are exact substrings, in order, for any text', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '.', '?', '“', '”', '"', 'U', 'S', 'He', '\n') }), (paragraph) => {
				let from = 0;
				for (const span of splitSentences(paragraph)) {
					expect(paragraph.slice(span.start, span.end)).toBe(span.text);
					expect(span.start).toBeGreaterThanOrEqual(from);
					from = span.end;
				}
			}),
		);
	});
});
