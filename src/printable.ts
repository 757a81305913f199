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
