const DOUBLE_OPEN = '“';
const DOUBLE_CLOSE = '”';
const SINGLE_OPEN = '‘';
const SINGLE_CLOSE = '’';
/** A straight double quote opens after a space, a bracket or a dash, or at the start; elsewhere it closes. */
const OPENS_AFTER = /[\s([{—–-]/u;
const LETTER = /[\p{L}\p{N}]/u;

/**
 * Text to print inside “…”, with its own quotation marks nested the way a copy editor nests them: marks directly
 * inside the outer double quotes become single, marks inside those become double again, and so on. The words and
 * every other character stay as written; an apostrophe (’ followed by a letter, or with no ‘ open) is not a mark.
 *
 * @example nestQuoteMarks('could be “quite a setback” for') // 'could be ‘quite a setback’ for'
 */
export function nestQuoteMarks(text: string): string {
	// What is open, innermost last. The quote's own outer marks are level 0, so level 1 (the first inside) is single.
	const open: ('double' | 'single')[] = [];
	const shape = (level: number, opening: boolean) => (level % 2 === 1 ? (opening ? SINGLE_OPEN : SINGLE_CLOSE) : opening ? DOUBLE_OPEN : DOUBLE_CLOSE);
	const opening = (kind: 'double' | 'single') => shape(open.push(kind), true);
	const closing = (kind: 'double' | 'single') => {
		const at = open.lastIndexOf(kind);
		// A close with nothing open ends a quotation begun before the quoted text; one left open inside closes with it.
		if (at < 0) return shape(open.length + 1, false);
		open.length = at;
		return shape(at + 1, false);
	};
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		const before = text[i - 1];
		if (char === DOUBLE_OPEN || (char === '"' && (before === undefined || OPENS_AFTER.test(before)))) {
			out += opening('double');
		} else if (char === DOUBLE_CLOSE || char === '"') {
			out += closing('double');
		} else if (char === SINGLE_OPEN) {
			out += opening('single');
		} else if (char === SINGLE_CLOSE && open.at(-1) === 'single' && !LETTER.test(text[i + 1] ?? '')) {
			out += closing('single');
		} else {
			out += char;
		}
	}
	return out;
}
