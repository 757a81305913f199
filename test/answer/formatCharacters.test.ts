import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryEngine } from '../../src/storyEngine.js';
import { openStory } from '../support/storyEngine.js';

let engine: StoryEngine;
let close: () => Promise<void>;
beforeAll(async () => {
	({ engine, close } = await openStory());
});
afterAll(() => close());

const QUESTION = 'What time did the residents wake up?';

describe('invisible format characters in a question', () => {
	it.each([
		['a soft hyphen', 'What time did the resi\u00ADdents wake up?'],
		['a zero-width space', 'What time did the resi\u200Bdents wake up?'],
		['a zero-width joiner and a word joiner', 'What time did the resi\u200Ddents wa\u2060ke up?'],
		['a byte order mark and a right-to-left override', '\uFEFFWhat time did the \u202Eresidents wake up?'],
	])('answers a question with %s inside it as if it were not there', (_name, question) => {
		const plain = engine.answer(QUESTION);
		expect(plain.outcome).toBe('answered');
		const answer = engine.answer(question);
		expect(answer).toEqual(plain);
		expect(answer.question).toBe(QUESTION);
	});

	it('finds with a search whose words carry them', () => {
		expect(engine.search('resi\u00ADdents a\u200Bwoke').hits).toEqual(engine.search('residents awoke').hits);
	});

	it('checks a pasted claim with them as the plain claim', () => {
		const claim = 'Residents said they awoke around 3 a.m. to the sound of heavy vehicles';
		expect(engine.checkClaim(claim.replace('awoke', 'a\u00ADwoke')).verdict).toBe(engine.checkClaim(claim).verdict);
		expect(engine.checkClaim(claim).verdict).toBe('verbatim');
	});
});
