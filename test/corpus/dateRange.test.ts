import { describe, expect, it } from 'vitest';
import { dateRangeOf } from '../../src/corpus/dateRange.js';
import type { Article } from '../../src/corpus/types.js';

const article = (id: string, date: string | null): Article => ({ id, file: `${id}.md`, title: id, publisher: 'Test Wire', date, url: null, paragraphs: [], contentHash: id });
const corpus = (...articles: Article[]) => new Map(articles.map((item) => [item.id, item]));

describe('dateRangeOf', () => {
	it('spans the earliest to the latest stated date, whatever the order, ignoring undated articles', () => {
		expect(dateRangeOf(corpus(article('b', '2025-12-05'), article('a', null), article('c', '1987-02-26'), article('d', '2004-06-01')))).toEqual({ from: '1987-02-26', to: '2025-12-05' });
	});

	it('has no ends when no article is dated', () => {
		expect(dateRangeOf(corpus(article('a', null)))).toEqual({ from: null, to: null });
		expect(dateRangeOf(corpus())).toEqual({ from: null, to: null });
	});

	it('answers for each corpus state, not for the first one it saw', () => {
		const before = corpus(article('a', '2025-12-05'));
		expect(dateRangeOf(before)).toEqual({ from: '2025-12-05', to: '2025-12-05' });
		expect(dateRangeOf(new Map([...before, ['b', article('b', '2025-11-01')]]))).toEqual({ from: '2025-11-01', to: '2025-12-05' });
		expect(dateRangeOf(before)).toEqual({ from: '2025-12-05', to: '2025-12-05' });
	});
});
