import { describe, expect, it } from 'vitest';
import { prepareUpload } from '../../src/corpus/uploads.js';
import { printable } from '../../src/printable.js';

describe('printable', () => {
	it.each([
		['a right-to-left override', 'invoice\u202Egpj.md', 'invoice gpj.md'],
		['NUL and an escape sequence', 'a\u0000b\u001b[2Jc.md', 'a b [2Jc.md'],
		['line and paragraph separators', 'one\u2028two\u2029three\nfour', 'one two three four'],
		['a lone surrogate', 'half\uD800.md', 'half .md'],
		['isolates and zero-width characters', '\u2066x\u2069\u200B.md', 'x .md'],
	])('replaces %s with a space', (_label, input, expected) => {
		expect(printable(input)).toBe(expected);
	});

	it('cuts a long name with a visible ellipsis, never inside a character', () => {
		const shown = printable(`${'😀'.repeat(200)}.md`, 10);
		expect(shown).toBe(`${'😀'.repeat(9)}…`);
	});
});

describe('prepareUpload', () => {
	it('echoes an unsupported name without its control and bidi characters', async () => {
		const upload = { fileName: 'minutes\u202E\u0000fdp.pdf', content: new Uint8Array(), meta: {}, replace: false };
		await expect(prepareUpload(upload, new Map(), [])).rejects.toThrow('"minutes fdp.pdf" is not a supported file');
	});
});
