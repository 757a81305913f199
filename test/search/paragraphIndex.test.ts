import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { analyzeTerms } from '../../src/search/analyzer.js';
import { COMMON_TERMS, INDEX_OPTIONS, SCORING } from '../../src/search/indexOptions.js';
import { ParagraphIndex } from '../../src/search/paragraphIndex.js';
import type { QueryTerm } from '../../src/search/searchIndex.js';

function article(id: string, title: string, paragraphs: string[]): Article {
	return {
		id,
		file: `${id}.md`,
		title,
		publisher: 'Test Wire',
		date: '2025-11-01',
		url: null,
		contentHash: id,
		paragraphs: paragraphs.map((text, index) => ({ doc: id, number: index + 1, section: null, text })),
	};
}

const search = (index: ParagraphIndex, question: string, limit = 10) => index.search(index.planQuery(analyzeTerms(question)), limit);
const ids = (result: ReturnType<typeof search>) => result.hits.map((hit) => hit.id);

describe('ranking a small corpus', () => {
	const articles = [
		article('harbour', 'Harbour fire', ['A fire broke out at the harbour on Monday.', 'Firefighters said the harbour fire was contained by noon.', 'The mayor said the harbour would reopen.']),
		article('council', 'Council vote', ['The council voted to close the library.', 'Residents said the library vote was rushed.']),
		article('market', 'Fish market', ['Fishermen at the harbor market said prices fell.']),
	];
	const index = ParagraphIndex.build(articles);

	it('scores every paragraph exactly as MiniSearch itself would', () => {
		// The reference: plain MiniSearch with the title as a field of every paragraph.
		const miniSearch = new MiniSearch<{ id: string; text: string; title: string; section: string | null }>({
			...INDEX_OPTIONS,
			tokenize: analyzeTerms,
			processTerm: (term) => term,
			searchOptions: { boost: { ...SCORING.boosts }, weights: SCORING.weights, bm25: SCORING.bm25, tokenize: (term) => [term], processTerm: (term) => term },
		});
		for (const { id, title, paragraphs } of articles) for (const { number, text, section } of paragraphs) miniSearch.add({ id: `${id}#${number}`, text, title, section });
		const terms: QueryTerm[] = [...index.planQuery(analyzeTerms('Who said the harbur fire was over?')), { term: 'librari', fuzzy: 0, prefix: false, boost: 0.6 }];
		const query: Query = { combineWith: 'OR', queries: terms.map(({ term, fuzzy, prefix, boost = 1 }) => ({ queries: [term], fuzzy: fuzzy || false, prefix, boostTerm: () => boost })) };
		const expected = miniSearch.search(query).map((result) => ({ id: result.id as string, score: result.score, matched: result.terms.sort() }));
		const { hits, total } = index.search(terms, 100);
		expect(total).toBe(expected.length);
		expect(hits.map((hit) => ({ ...hit, matched: [...hit.matched].sort() }))).toEqual(expected.map((result) => ({ ...result, score: expect.closeTo(result.score, 9) })));
	});

	it('finds a misspelled word by edit distance and says which indexed word matched', () => {
		const [hit] = search(index, 'harbur market prices').hits;
		expect(hit).toMatchObject({ id: 'market#1' });
		expect(hit!.matched).toEqual(expect.arrayContaining(['harbor', 'market', 'price']));
	});

	it('pages through the ranking with offset and limit, and counts every ranked paragraph', () => {
		const all = search(index, 'harbour said', 100);
		const page = index.search(index.planQuery(analyzeTerms('harbour said')), 2, { offset: 1 });
		expect(page.hits).toEqual(all.hits.slice(1, 3));
		expect(page.total).toBe(all.total);
	});

	it('ranks only the paragraphs of the documents asked for, each by the same score as without the filter', () => {
		const everywhere = search(index, 'harbour said market', 100);
		const within = new Set(['market', 'council']);
		const filtered = index.search(index.planQuery(analyzeTerms('harbour said market')), 100, { within });
		expect(filtered.hits.length).toBeGreaterThan(0);
		expect(filtered.hits).toEqual(everywhere.hits.filter((hit) => within.has(hit.id.split('#')[0]!)));
		expect(filtered.total).toBe(filtered.hits.length);
	});

	it('matches a word by edit distance within documents that never use it, however common it is elsewhere', () => {
		const wire = article('wire', 'Wire', Array.from({ length: 5 }, (_, n) => `Abdul Rahman said the market rose ${n} points.`));
		const story = article('story', 'Story', ['His cousin Abdel Kareem opened the door.']);
		const mixed = ParagraphIndex.build([wire, story]);
		expect(mixed.planQuery(['abdul'])).toEqual([{ term: 'abdul', fuzzy: 0, prefix: false, paragraphs: 5 }]);
		const within = new Set(['story']);
		const plan = mixed.planQuery(['abdul'], { within });
		expect(plan[0]!.fuzzy).toBeGreaterThan(0);
		expect(plan[0]!.paragraphs).toBe(0);
		expect(ids(mixed.search(plan, 10, { within }))).toEqual(['story#1']);
	});

	it('lists the documents that share each rare term, and forgets a removed one', () => {
		const refreshed = ParagraphIndex.build(articles);
		const shared = () => [...refreshed.documentsSharingRareTerms(4)].map((documents) => [...documents].sort().join(' ')).sort();
		expect(shared()).toContain('council harbour market');
		expect(shared().every((documents) => documents.includes(' '))).toBe(true);
		refreshed.remove([articles[1]!]);
		expect(shared()).not.toContain('council harbour market');
		expect(shared()).toContain('harbour market');
	});

	it('never returns a removed paragraph', () => {
		const refreshed = ParagraphIndex.build(articles);
		refreshed.remove([articles[1]!]);
		expect(ids(search(refreshed, 'library vote', 100))).toEqual([]);
		expect(refreshed.statistics.documentFrequency('librari')).toBe(0);
	});
});

describe('changes built beside the live index', () => {
	const harbour = article('harbour', 'Harbour fire', ['A fire broke out at the harbour on Monday.', 'Firefighters said the harbour fire was contained by noon.']);
	const council = article('council', 'Council vote', ['The council voted to close the library.', 'Residents said the library vote was rushed.']);
	const market = article('market', 'Fish market', ['Fishermen at the harbor market said prices fell.']);
	const reopened = { ...council, contentHash: 'reopened', paragraphs: [{ ...council.paragraphs[0]!, text: 'The council voted to reopen the library and the harbour market.' }] };
	const questions = ['harbour fire Monday', 'library vote', 'market prices', 'harbur', 'council'];
	/** Every hit with its score: paragraphs of equal score come in indexing order, which a refresh changes. */
	const scored = (index: ParagraphIndex) => questions.map((question) => search(index, question, 100).hits.map((hit) => `${hit.score.toPrecision(12)} ${hit.id} ${hit.matched.join(',')}`).sort());

	it('leave the index they fork from answering exactly as before, and rank as a fresh build of the result does', () => {
		const live = ParagraphIndex.build([harbour, council, market]);
		const before = questions.map((question) => search(live, question, 100));
		// A refresh that is abandoned, then another from the same live index, then one from the index it made.
		live.withChanges({ remove: [council], add: [reopened] });
		const next = live.withChanges({ remove: [harbour], add: [] });
		expect(questions.map((question) => search(live, question, 100))).toEqual(before);
		expect(live.statistics.documentFrequency('harbour')).toBe(2);
		expect(scored(next)).toEqual(scored(ParagraphIndex.build([council, market])));
		const later = next.withChanges({ remove: [council], add: [reopened, harbour] });
		expect(scored(next)).toEqual(scored(ParagraphIndex.build([council, market])));
		expect(scored(later)).toEqual(scored(ParagraphIndex.build([harbour, reopened, market])));
		expect([...later.documentsSharingRareTerms(4)].map((documents) => [...documents].sort().join(' ')).sort()).toEqual(
			[...ParagraphIndex.build([harbour, reopened, market]).documentsSharingRareTerms(4)].map((documents) => [...documents].sort().join(' ')).sort(),
		);
	});
});

describe('ranking an archive where some question words are in most paragraphs', () => {
	// Enough paragraphs that "said" and "market" are common (see COMMON_TERMS); "harbour" and "vote" are not.
	const filler = Array.from({ length: COMMON_TERMS.minimum + 200 }, (_, n) => `Traders said the market closed ${n % 7 === 0 ? 'higher' : 'lower'} on day ${n}.`);
	const articles = [
		article('wire', 'Markets', filler),
		article('harbour', 'Harbour plan', ['The council vote on the harbour plan was delayed, officials said.', 'The harbour plan was criticised by traders at the market, who said it would raise rents.', 'Fishermen welcomed the harbour plan.']),
	];
	const index = ParagraphIndex.build(articles);

	it('ranks only paragraphs that hold a specific word of the question, not those sharing only common words', () => {
		const result = search(index, 'What did traders at the market say about the harbour plan?', 20);
		expect(ids(result).sort()).toEqual(['harbour#1', 'harbour#2', 'harbour#3']);
		expect(result.total).toBe(3);
	});

	it('ranks, within the documents asked for, paragraphs that only common words reach', () => {
		const result = index.search(index.planQuery(analyzeTerms('Did traders at the market say anything?')), 20, { within: new Set(['harbour']) });
		expect(ids(result)).toEqual(['harbour#2', 'harbour#1']);
	});

	it('lets the common words order the paragraphs the specific words bring in', () => {
		expect(ids(search(index, 'What did traders at the market say about the harbour plan?'))[0]).toBe('harbour#2');
	});

	it('still answers a question made only of common words, from the rarest of them', () => {
		const result = search(index, 'Did the market close higher?');
		expect(result.hits.length).toBeGreaterThan(0);
		expect(result.hits.every((hit) => hit.matched.includes('higher'))).toBe(true);
	});
});
