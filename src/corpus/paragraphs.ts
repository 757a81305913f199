/** A block of body text as it appears in a file: a paragraph or a sub-heading. */
export type Block = { kind: 'paragraph'; text: string } | { kind: 'heading'; text: string };

/** CRLF (Windows), LF, and a lone CR (classic Mac OS): every file's line breaks are read as line breaks. */
export const LINE_BREAK = /\r\n?|\n/;

export function unifyLineBreaks(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

const BLANK_LINE = /\n[ \t]*\n/;
const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*$/;

/**
 * Splits body text into blocks. Articles arrive paragraphed two ways: blank lines between paragraphs
 * (lines inside a paragraph are hard wraps and are joined), or one paragraph per line with no blank lines at all.
 */
export function splitBlocks(body: string): string[] {
	const text = unifyLineBreaks(body).trim();
	if (text === '') return [];
	const blocks = BLANK_LINE.test(text)
		? text.split(/\n[ \t]*\n+/).map((block) => block.split('\n').map((line) => line.trim()).join(' '))
		: text.split('\n');
	return blocks.map((block) => block.trim()).filter((block) => block !== '');
}

/** In Markdown, sub-headings are marked with `#`. */
export function classifyMarkdownBlocks(blocks: readonly string[]): Block[] {
	return blocks.map((text) => {
		const heading = MARKDOWN_HEADING.exec(text);
		return heading ? { kind: 'heading', text: heading[1]! } : { kind: 'paragraph', text };
	});
}

const TERMINAL_PUNCTUATION = /[.!?:;,"”’')\]…]$/;

/**
 * In plain text, a sub-heading is a short line with no closing punctuation, followed by more text:
 * "Confusion around the raid". A paragraph almost always ends in punctuation.
 */
export function classifyPlainBlocks(blocks: readonly string[]): Block[] {
	return blocks.map((text, index) => {
		const words = text.split(/\s+/).length;
		const looksLikeHeading =
			index < blocks.length - 1 && words <= 10 && text.length <= 80 && /^\p{Lu}/u.test(text) && !TERMINAL_PUNCTUATION.test(text);
		return looksLikeHeading ? { kind: 'heading', text } : { kind: 'paragraph', text };
	});
}
