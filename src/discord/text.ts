/** Appended wherever text was shortened, so a reader always sees that something is missing. */
export const ELLIPSIS = '…';

/**
 * Characters that start Markdown, a mention or a timestamp anywhere in a line. Discord hides a backslash before any
 * punctuation, so escaping them everywhere renders the same text; that is simpler to trust than discord.js's
 * context-sensitive `escapeMarkdown`.
 */
const INLINE_MARKUP = /[\\*_~|`<>[\]@]/g;
// Headings, "-# " subtext and lists only start a line; escaping them elsewhere would litter names like "al-Masoud".
const LINE_MARKUP = /^(\s*)([-+#])/gm;
const NUMBERED_LIST = /^(\s*\d+)\./gm;

/** Makes user or corpus text render literally: no formatting, no masked links, no mention syntax. */
export function escapeMarkdown(text: string): string {
	return text.replace(INLINE_MARKUP, '\\$&').replace(LINE_MARKUP, '$1\\$2').replace(NUMBERED_LIST, '$1\\.');
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Where to cut `text` so that the kept part plus " …" fits in `max`: the end of the last whole sentence that fits,
 * unless that keeps less than a third of the room (one short sentence before a very long one), then the last word
 * boundary; a single word longer than the room is the only thing ever cut inside, at a code point boundary.
 */
function findCut(text: string, max: number): number {
	const room = max - ELLIPSIS.length - 1;
	if (room <= 0) return 0;
	let sentenceEnd = 0;
	for (const { index, segment } of sentences.segment(text)) {
		const end = index + segment.trimEnd().length;
		if (end > room) break;
		// The segmenter also breaks after a full stop glued to the next word; that is no place to cut.
		if (end === text.length || /\s/.test(text[end] ?? '')) sentenceEnd = end;
	}
	if (sentenceEnd >= room / 3) return sentenceEnd;
	const wordEnd = lastWordBoundary(text, room);
	if (wordEnd > 0) return wordEnd;
	return sentenceEnd > 0 ? sentenceEnd : codePointBoundary(text, room);
}

function lastWordBoundary(text: string, room: number): number {
	// A cut at `i` keeps a whole word when the character at `i` is whitespace.
	for (let i = room; i > 0; i--) {
		if (/\s/.test(text[i] ?? '') && !/\s/.test(text[i - 1] ?? '')) return i;
	}
	return 0;
}

function codePointBoundary(text: string, index: number): number {
	const code = text.charCodeAt(index - 1);
	return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** Where the sentence holding `index` begins: an excerpt starting there reads naturally. */
export function sentenceStart(text: string, index: number): number {
	let start = 0;
	for (const segment of sentences.segment(text)) {
		if (segment.index > index) break;
		start = segment.index;
	}
	return start;
}

/** Shortens `text` to at most `max` characters at a sentence (or word) boundary, ending with a visible "…". */
export function trimText(text: string, max: number): string {
	return renderWithin(text, max, (kept) => kept);
}

/**
 * Renders `text` (escaping it, by default) within `max` characters. The raw text is what gets trimmed, never the
 * rendered one, so a cut cannot split an escape sequence or a piece of markup.
 */
export function renderWithin(text: string, max: number, render: (kept: string) => string = escapeMarkdown): string {
	const whole = render(text);
	if (whole.length <= max) return whole;
	for (let budget = max; budget > 0; ) {
		const cut = findCut(text, budget);
		if (cut === 0) break;
		// A dangling comma or colon before the ellipsis reads like a typo.
		const rendered = `${render(text.slice(0, cut).replace(/[\s,;:]+$/u, ''))} ${ELLIPSIS}`;
		if (rendered.length <= max) return rendered;
		budget -= rendered.length - max;
	}
	return ELLIPSIS.slice(0, max);
}

/** Collapses runs of whitespace (newlines included) to one space: for titles, labels and one-line citations. */
export function singleLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * Joins as many whole entries as fit in `max`; when some are left out, a note says how many, so a long list
 * degrades into "… and 12 more" instead of being cut through the middle of an entry.
 */
export function joinWithin(
	entries: readonly string[],
	max: number,
	{ separator = '\n', more = (count: number) => `${ELLIPSIS} and ${count} more` } = {},
): string {
	const kept: string[] = [];
	let length = 0;
	for (const [index, entry] of entries.entries()) {
		const left = entries.length - index - 1;
		const tail = left > 0 ? separator.length + more(left).length : 0;
		const added = (kept.length > 0 ? separator.length : 0) + entry.length;
		if (length + added + tail > max) {
			// The previous round left room for exactly this note.
			if (kept.length === 0) return trimText(entry, max);
			return [...kept, more(entries.length - index)].join(separator);
		}
		kept.push(entry);
		length += added;
	}
	return kept.join(separator);
}
