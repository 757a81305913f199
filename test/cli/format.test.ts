import { describe, expect, it } from 'vitest';
import type { Answer, Citation, Quote } from '../../src/answer/types.js';
import { formatAnswer, shortPublisher } from '../../src/cli/format.js';

function citation(doc: string, paragraph: number, publisher: string, date: string | null = '2025-12-05'): Citation {
	return { doc, paragraph, title: `Title of ${doc}`, publisher, date, url: null, section: null };
}

function quote(cited: Citation): Quote {
	return { text: `Text of ${cited.doc} ¶${cited.paragraph}.`, citation: cited, score: 1 };
}

function answer(quotes: Quote[]): Answer {
	return { question: 'q', outcome: 'answered', answered: true, reason: null, expects: 'other', quotes, conflicts: [], related: [] };
}

describe('shortPublisher', () => {
	it.each([
		['The Associated Press', 'AP'],
		['Agence France-Presse', 'AFP'],
		['BBC News', 'BBC'],
		['Reuters', 'Reuters'],
		['The Guardian', 'Guardian'],
		['Syrian Observatory for Human Rights', 'SOHR'],
		['U.S. News', 'U.S. News'],
	])('calls %s %s after the first mention', (publisher, short) => {
		expect(shortPublisher(publisher)).toBe(short);
	});
});

describe('formatAnswer citations', () => {
	it('gives the title once, introducing the short form, then cites by publisher, date and paragraph', () => {
		const text = formatAnswer(answer([quote(citation('a', 3, 'The Associated Press')), quote(citation('b', 1, 'Reuters')), quote(citation('a', 9, 'The Associated Press'))]));
		expect(text.split('\n').filter((line) => line.startsWith('  —'))).toEqual([
			'  — The Associated Press (AP), 2025-12-05, "Title of a", ¶3',
			'  — Reuters, 2025-12-05, "Title of b", ¶1',
			'  — AP, 2025-12-05, ¶9',
		]);
	});

	it('introduces no short form that is visibly part of the name', () => {
		const text = formatAnswer(answer([quote(citation('a', 3, 'BBC News')), quote(citation('a', 9, 'BBC News'))]));
		expect(text).toContain('  — BBC News, 2025-12-05, "Title of a", ¶3\n');
		expect(text).toContain('  — BBC, 2025-12-05, ¶9');
	});

	it('keeps the titles of documents whose short citations would read alike', () => {
		const text = formatAnswer(answer([quote(citation('a', 3, 'unknown', null)), quote(citation('b', 1, 'unknown', null)), quote(citation('a', 4, 'unknown', null))]));
		expect(text.split('\n').filter((line) => line.startsWith('  —'))).toEqual([
			'  — Unknown publisher, undated, "Title of a", ¶3',
			'  — Unknown publisher, undated, "Title of b", ¶1',
			'  — Unknown publisher, undated, "Title of a", ¶4',
		]);
	});
});
