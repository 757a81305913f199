/**
 * Characters that must never be echoed back: controls (NUL, escape sequences), invisible format characters (bidi
 * overrides such as U+202E, which make "gpj.exe" read as "exe.jpg"), lone surrogates, and line or paragraph
 * separators, which would break a one-line title.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]+/gu;

/**
 * Text a user supplied (a file name, an argument), made safe to quote in a reply or on a terminal: unprintable
 * characters become a space, runs of spaces one, and anything past `max` characters is cut with "…".
 * Markdown is the adapter's to escape.
 */
export function printable(text: string, max = 100): string {
	const clean = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
	const characters = [...clean];
	return characters.length <= max ? clean : `${characters.slice(0, max - 1).join('')}…`;
}

const INVISIBLE_IN_JSON = /[\p{Cf}\u0080-\u009F\u2028\u2029]/gu;

/**
 * Short user text in double quotes, exactly as typed and yet harmless: JSON escapes cover C0 controls and lone
 * surrogates, and format characters and C1 controls are escaped too, so `" 3"` and `"\u202e3"` show what is wrong.
 */
export function quoted(text: string, max = 20): string {
	const shown = JSON.stringify(text.slice(0, max)).replace(INVISIBLE_IN_JSON, (character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
	return text.length > max ? `${shown}…` : shown;
}
