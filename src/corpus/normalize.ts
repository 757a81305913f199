/**
 * Text normalization for matching. Quotes always come from the original text; only what we compare is normalized.
 */

// Apostrophes and single quotes: ’ ‘ ‛ ′ ` ´ ʼ
const APOSTROPHES = /[\u2018\u2019\u201B\u2032\u0060\u00B4\u02BC]/g;
// Double quotes: “ ” „ ‟ ″ « »
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
// Hyphens, dashes and minus signs all meet at "-", so "al‑Masoud" (non-breaking hyphen) equals "al-Masoud".
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** NFKC, case-folded, diacritics removed, quote and dash variants unified. Length may differ from the input. */
export function normalizeText(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.normalize('NFD')
		.replace(COMBINING_MARKS, '')
		.replace(APOSTROPHES, "'")
		.replace(DOUBLE_QUOTES, '"')
		.replace(DASHES, '-')
		.normalize('NFC');
}

/** For comparing whole passages (claim checks): normalized, with runs of white space collapsed. */
export function normalizePassage(text: string): string {
	return normalizeText(text).replace(/\s+/g, ' ').trim();
}
