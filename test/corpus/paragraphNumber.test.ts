import { describe, expect, it } from 'vitest';
import { parseParagraphNumber } from '../../src/corpus/paragraphNumber.js';
import { ErrorCodes } from '../../src/errors.js';

describe('parseParagraphNumber', () => {
	it.each([
		['3', 3],
		['12', 12],
		['007', 7],
		[8, 8],
	])('reads %j as paragraph %d', (value, expected) => {
		expect(parseParagraphNumber(value)).toBe(expected);
	});

	it.each(['0x3', '1e1', '+2', ' 3', '3 ', '3.0', '-1', '0', '', '١٢', '９', 'Infinity', '99999999999999999999', 1.5, -2, 0, 1e21, Number.NaN, undefined])(
		'refuses %j with a message that says what a paragraph number is',
		(value) => {
			expect(() => parseParagraphNumber(value)).toThrow(
				expect.objectContaining({ code: ErrorCodes.InvalidArgument, message: expect.stringMatching(/is not a paragraph number; give a whole number from 1, in plain digits \(such as 3\)\.$/) }),
			);
		},
	);

	it('quotes what was given with its spaces, control and bidi characters shown as escapes', () => {
		expect(() => parseParagraphNumber(' 3')).toThrow('" 3" is not a paragraph number');
		expect(() => parseParagraphNumber('\u202E3\u0000\u001b[31m')).toThrow(String.raw`"\u202e3\u0000\u001b[31m" is not a paragraph number`);
	});

	it('names the document when it is known', () => {
		expect(() => parseParagraphNumber('1e1', 'raid')).toThrow('"1e1" is not a paragraph number of "raid"; give a whole number from 1, in plain digits (such as 3).');
	});
});
