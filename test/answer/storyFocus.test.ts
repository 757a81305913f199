import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { findCorroborated } from '../../src/answer/corroboration.js';
import { openLibrary } from '../../src/answer/library.js';
import type { Article } from '../../src/corpus/types.js';
import { ParagraphIndex } from '../../src/search/paragraphIndex.js';

function article(id: string, publisher: string, paragraphs: string[]): Article {
	return {
		id,
		file: `${id}.md`,
		title: id,
		publisher,
		date: '2025-11-01',
		url: null,
		contentHash: id,
		paragraphs: paragraphs.map((text, index) => ({ doc: id, number: index + 1, section: null, text })),
	};
}

// Two publishers report one fire in Port Velmar; their names, places and details recur across both.
const gazette = article('gazette-velmar-fire', 'Coast Gazette', [
	'A fire swept through the Brannock dockyard in Port Velmar early on Sunday, destroying the trawler Marisol.',
	'Captain Edda Ostrand was asleep aboard the boat with his two sons when the blaze began, said fire chief Tomas Kessler.',
	'Kessler said the Velmar crews reached the Brannock quay within minutes.',
]);
const herald = article('herald-velmar-fire', 'Harbour Herald', [
	'The trawler Marisol burned at the Brannock dockyard in Port Velmar on Sunday.',
	'Fire chief Tomas Kessler said Captain Ostrand escaped with his sons.',
	'The Velmar harbour master closed the quay until Monday.',
]);
// An archive from one wire: every article shares common words with questions about the fire, none its names.
const archive = Array.from({ length: 30 }, (_, n) =>
	article(`wire-${n}`, 'Archive Wire', [
		`Officials at the boat show said ${n + 10} visitors stayed late that night, and the mayor was with them at the house party.`,
		`Council members voted on the budget for district ${n}.`,
	]),
);
// Another publisher shares one three-word name with the story and nothing else about it.
const namesake = article('almanac-ostrand', 'Almanac Weekly', ['Edda Ostrand Kessler, a painter, opened a gallery in Lisbon.']);

const library = (articles: Article[]) => openLibrary(new Map(articles.map((one) => [one.id, one])), ParagraphIndex.build(articles));

describe('telling the story from the archive around it', () => {
	it('counts as corroborated only documents another publisher reports, not ones that merely share a name', () => {
		const { corroborated } = library([gazette, herald, ...archive, namesake]);
		expect([...corroborated].sort()).toEqual(['gazette-velmar-fire', 'herald-velmar-fire']);
	});

	it('finds nothing corroborated when every document comes from one publisher', () => {
		const wire = library(archive);
		expect(findCorroborated(wire.articles, wire.index).size).toBe(0);
	});

	it('answers a vague question from the story though archive paragraphs share more of its words', () => {
		const answer = answerQuestion(library([gazette, herald, ...archive]), 'Who was on the boat with him that night?');
		// A vague question may come back as the closest passages rather than an answer; either way, the story's first.
		expect(answer.outcome).not.toBe('not-covered');
		expect(answer.quotes[0]!.citation.doc).toBe('gazette-velmar-fire');
		expect(answer.quotes[0]!.text).toContain('his two sons');
	});

	it('still answers from the archive what the story does not cover', () => {
		const answer = answerQuestion(library([gazette, herald, ...archive]), 'What did the council vote on for district 7?');
		expect(answer.answered).toBe(true);
		expect(answer.quotes[0]!.citation.doc).toBe('wire-7');
	});
});
