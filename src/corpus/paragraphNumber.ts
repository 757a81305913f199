import { ErrorCodes, UserFacingError } from '../errors.js';
import { printable, quoted } from '../printable.js';

/**
 * Reads a paragraph number as a person writes one: plain decimal digits, from 1. `Number()` alone would take
 * "0x3", "1e1", "+2" and " 3" as numbers, so a typo would quietly show some other paragraph. A number (Discord's
 * integer option) is held to the same rule through its decimal form, which refuses 1.5, -2 and 1e21.
 */
export function parseParagraphNumber(value: unknown, doc?: string): number {
	const text = value === undefined || value === null ? '' : String(value);
	const number = Number(text);
	if (/^[0-9]+$/.test(text) && Number.isSafeInteger(number) && number >= 1) return number;
	const shown = text === '' ? 'Nothing' : quoted(text);
	const of = doc === undefined ? '' : ` of "${printable(doc)}"`;
	throw new UserFacingError(ErrorCodes.InvalidArgument, `${shown} is not a paragraph number${of}; give a whole number from 1, in plain digits (such as 3).`);
}
