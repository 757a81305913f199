import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestQuoteMarks } from '../../src/cli/quoteMarks.js';

describe('nestQuoteMarks', () => {
	it.each([
		['could be “quite a setback” for', 'could be ‘quite a setback’ for'],
		['“How did he die? We don’t know,” his mother said.', '‘How did he die? We don’t know,’ his mother said.'],
		['calls "mistakes" here', 'calls ‘mistakes’ here'],
		['recorded “multiple instances of what the U.S. calls ‘mistakes,’” including', 'recorded ‘multiple instances of what the U.S. calls “mistakes,”’ including'],
		['We don’t know,” his mother said.', 'We don’t know,’ his mother said.'],
		['al-Masoud’s cousin and the Badiya’s deserts', 'al-Masoud’s cousin and the Badiya’s deserts'],
	])('nests %j inside double quotes', (text, shown) => {
		expect(nestQuoteMarks(text)).toBe(shown);
	});

	it('changes quotation marks only, so the words stay verbatim', () => {
		const marks = /[“”‘’"]/g;
		fc.assert(
			fc.property(fc.array(fc.constantFrom('“', '”', '‘', '’', '"', ' ', 'a', 'B', ',', '’s', '—')).map((parts) => parts.join('')), (text) => {
				const shown = nestQuoteMarks(text);
				expect(shown.replace(marks, '|')).toBe(text.replace(marks, '|'));
			}),
		);
	});
});
