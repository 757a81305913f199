import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryEngine } from '../../src/storyEngine.js';
import { openStory } from '../support/storyEngine.js';

let engine: StoryEngine;
let close: () => Promise<void>;
beforeAll(async () => {
	({ engine, close } = await openStory());
});
afterAll(() => close());

const KILLED = 'Who was killed in the raid?';

describe('a follow-up question', () => {
	it('borrows the earlier subject when it names only the detail, and puts that detail first', () => {
		const answer = engine.answer('what about his mother?', { earlier: [KILLED] });
		expect(answer.continuedFrom).toEqual({ question: KILLED, borrowed: ['killed', 'raid'] });
		// The borrowed words say whose mother; they must not outweigh her (the raid's lead sentence would come first).
		expect(answer.quotes[0]?.text).toMatch(/\bmother\b/);
	});

	it('with no subject of its own ("and the date?") is about the earlier subject, and asks for a time', () => {
		const answer = engine.answer('and the date?', { earlier: [KILLED] });
		expect(answer.continuedFrom?.borrowed).toEqual(['killed', 'raid']);
		expect(answer.expects).toBe('time');
		// The earlier question's subject (a killing), and what the follow-up asks of it (a time).
		expect(answer.quotes[0]?.text).toMatch(/\bkill/);
		expect(answer.quotes[0]?.text).toMatch(/\b(?:October|Oct\.|(?:19|20)\d\d)\b/);
		// Asked alone, it names nothing to find a date of.
		expect(engine.answer('and the date?')).toMatchObject({ outcome: 'not-covered', quotes: [] });
	});

	it('borrows nothing when it names enough of its own, and is answered as if asked alone', () => {
		const question = 'How many civilians has Airwars counted?';
		const answer = engine.answer(question, { earlier: [KILLED] });
		expect(answer.continuedFrom).toEqual({ question: KILLED, borrowed: [] });
		const { continuedFrom: _, ...rest } = answer;
		expect(rest).toEqual(engine.answer(question));
	});

	it('borrows nothing when it names something the corpus lacks, so the earlier subject is not passed off as it', () => {
		const answer = engine.answer('what about his nephew?', { earlier: [KILLED] });
		expect(answer.continuedFrom?.borrowed).toEqual([]);
		expect(answer.outcome).toBe('not-covered');
	});

	it('reads the question it follows in the context of the one before that', () => {
		const answer = engine.answer('what about his mother?', { earlier: ['When did the raid happen?', 'and who was killed?'] });
		// "raid" comes from two questions back, through the one it follows.
		expect(answer.continuedFrom).toEqual({ question: 'and who was killed?', borrowed: ['killed', 'raid'] });
	});

	it('rejects an empty follow-up like an empty question', () => {
		expect(() => engine.answer('?!', { earlier: [KILLED] })).toThrow(/words in it/);
	});
});
