import { describe, expect, it } from 'vitest';
import { findDurations, findMoney, findReasons, findStatements } from '../../src/answer/entities.js';
import { expectedAnswerType } from '../../src/answer/question.js';

describe('the kind of answer a question asks for', () => {
	it.each([
		['how much did the inquiry cost the taxpayer', 'money'],
		['What price per share was the bid pitched at?', 'money'],
		['how much cash is the automaker handing the workforce', 'money'],
		['How much wheat did the Soviets buy?', 'quantity'],
		['how many people does Fiat employ', 'quantity'],
		['how long did the strike last', 'duration'],
		['how long ago did the raid happen', 'time'],
		['why did the board reject the bid?', 'reason'],
		['what did the minister say about the tariffs', 'statement'],
		['how did the federation react to the appeal', 'statement'],
		['what did he see when he opened the door?', 'other'],
		// A yes/no frame around the question asked, and a true yes/no question.
		['is there anything on why the favourites lost', 'reason'],
		['did the spokesman say when ministers would meet again', 'time'],
		['do you know who shot him', 'person'],
		['did the inquiry find anyone was hiding anything?', 'other'],
	])('%s → %s', (question, type) => {
		expect(expectedAnswerType(question)).toBe(type);
	});
});

describe('recognizers for the finer kinds', () => {
	it('finds sums of money in British and Reuters styles, not bare counts', () => {
		const text = 'It values the club at £800m ($1.5bn), or 300p a share, against a 90.25 dlr offer worth 384 mln dlrs, for 400 workers.';
		expect(findMoney(text).map((mention) => mention.text)).toEqual(['£800m', '$1.5bn', '300p', '90.25 dlr', '384 mln dlrs']);
	});

	it('finds spans of time, not dates in the past or ages', () => {
		expect(findDurations('He was banned for four years; the 52 days it took; a two-week strike.').map((mention) => mention.text)).toEqual(['four years', '52 days', 'two-week']);
		expect(findDurations('Two years ago the 40 years old coach left.')).toEqual([]);
	});

	it('finds causes and what someone said', () => {
		expect(findReasons('The board rejected it because of the debt.').map((mention) => mention.text)).toEqual(['because']);
		expect(findStatements('The embassy said it was “deeply disappointed” by the tariffs.').map((mention) => mention.text)).toEqual([
			'said it was “deeply disappointed” by the',
		]);
		expect(findStatements('“We do not know how he died,” she said.').map((mention) => mention.text)).toEqual(['“We do not know how he died,”', 'said']);
	});

	// An uploaded article can hold a paragraph-long sentence with a quotation never closed, or a table of figures: a
	// pattern that backtracks over every split of it held the engine for minutes (this sentence took over 30 s).
	it('reads a very long sentence with an unclosed quotation or a run of figures in one pass', () => {
		const unclosed = `“${Array.from({ length: 3200 }, (_, i) => `word${i}`).join(' ')}`;
		expect(findStatements(unclosed)).toEqual([]);
		const figures = `${'1,000'.repeat(20_000)} items`;
		expect(findMoney(figures)).toEqual([]);
	});
});

describe('the kind a "which" noun names, from WordNet', () => {
	it.each([
		['which judge turned down the request', 'person'],
		['which labour frontbencher slammed the office', 'person'],
		['which union does the leader run', 'organization'],
		['Which investment bank is advising him?', 'organization'],
		['which town was raided', 'place'],
		['what profit is the firm forecasting', 'other'],
		['which film won best screenplay', 'other'],
	])('%s → %s', (question, type) => {
		expect(expectedAnswerType(question)).toBe(type);
	});
});
