import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import { MAX_QUESTION_LENGTH } from '../../src/discord/commands/definitions.js';
import { formatAnswer, formatMorePassages, formatSearchPage, PASSAGES_PER_PAGE, SEARCH_HITS_PER_PAGE } from '../../src/discord/format.js';
import { buildReply, MAX_ACTION_ROWS, MAX_BUTTON_LABEL_LENGTH, MAX_BUTTONS_PER_ROW, MAX_CUSTOM_ID_LENGTH, type Reply, type ReplyPayload } from '../../src/discord/reply.js';
import { escapeMarkdown } from '../../src/discord/text.js';
import { UserFacingError } from '../../src/errors.js';
import type { StoryEngine } from '../../src/storyEngine.js';
import { FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { openStory } from '../support/storyEngine.js';
import { expectWithinDiscordLimits } from './support/limits.js';

let engine: StoryEngine;
let close: () => Promise<void>;
beforeAll(async () => {
	({ engine, close } = await openStory());
});
afterAll(() => close());

/** A snowflake, as the session key the buttons carry. */
const SESSION = '1577466940241215491';

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCodePoint(code));

/** What people paste into a question box, and what an attacker types into one. */
const piece = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom('who', 'was', 'killed', 'in', 'the', 'raid', 'Dumayr', 'when', 'did', 'how', 'many', 'al-Masoud', 'U.S.', 'forces', '?', ' ', ' ', ' ') },
	{ weight: 2, arbitrary: codePoint(0, 0x10ffff).filter((character) => character.length > 0) },
	// C0 and C1 controls, NUL included.
	{ weight: 1, arbitrary: fc.oneof(codePoint(0, 0x1f), codePoint(0x7f, 0x9f)) },
	// Lone surrogates, which no well-formed string holds.
	{ weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
	// Invisible format characters: soft hyphen, zero-width space and joiner, bidi overrides and isolates, BOM, tags.
	{ weight: 1, arbitrary: fc.constantFrom('\u00AD', '\u200B', '\u200D', '\u202E', '\u2066', '\u2069', '\uFEFF', '\u{E0041}') },
	{
		weight: 2,
		arbitrary: fc.constantFrom('@everyone', '@here', '<@100000000000000103>', '<@&100000000000000050>', '<#100000000000000040>', '<t:1700000000:R>', '**', '__', '~~', '||', '`', '```', '> ', '# ', '-# ', '1. ', '[link](https://example.org)', '\\', '\n'),
	},
);

/** Up to a little past Discord's 300 characters, so the limit itself is crossed both ways. */
const question = fc.string({ unit: piece, maxLength: 120 }).filter((text) => text.length <= MAX_QUESTION_LENGTH + 40);
/** Only the story's words: questions that reach quotes, conflicts and every outcome. */
const storyQuestion = fc
	.array(fc.constantFrom('who', 'what', 'when', 'where', 'how many', 'was', 'killed', 'raid', 'Dumayr', 'Masoud', 'Masud', 'date', 'family', 'forces', 'U.S.', 'Islamic State', 'spy', '@everyone', '**'), { minLength: 1, maxLength: 12 })
	.map((words) => `${words.join(' ')}?`);

function expectSafe(payload: ReplyPayload): void {
	expectWithinDiscordLimits(payload);
	expect(payload.allowedMentions).toEqual({ parse: [] });
	expect(payload.components.length).toBeLessThanOrEqual(MAX_ACTION_ROWS);
	for (const row of payload.components) {
		expect(row.components.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW);
		expect(row.components.every((button) => button.custom_id.length <= MAX_CUSTOM_ID_LENGTH && (button.label?.length ?? 0) <= MAX_BUTTON_LABEL_LENGTH)).toBe(true);
	}
}

/** What a user sees, reply or refusal, as the dispatcher sends it: a UserFacingError becomes an escaped notice. */
function replyTo(respond: () => Reply): ReplyPayload {
	try {
		return buildReply(respond());
	} catch (error) {
		if (!(error instanceof UserFacingError)) throw error;
		expect(error.message.length).toBeGreaterThan(0);
		return buildReply({ ephemeral: true, content: escapeMarkdown(error.message) });
	}
}

function askAndReply(text: string): void {
	let answer: Answer | undefined;
	expectSafe(replyTo(() => formatAnswer((answer = engine.answer(text)), engine.status(), { session: SESSION, ephemeral: false })));
	if (answer) expectSafe(buildReply(formatMorePassages(answer, PASSAGES_PER_PAGE, SESSION)));
	expectSafe(
		replyTo(() => {
			const { hits, total } = engine.search(text, { limit: SEARCH_HITS_PER_PAGE });
			return formatSearchPage({ query: text, hits, total, offset: 0, session: SESSION, ephemeral: false });
		}),
	);
}

describe('fuzzing questions through the answer path and the Discord reply builder', () => {
	it('answers or refuses any text, never throwing, every reply within Discord’s limits and pinging no one', () => {
		fc.assert(fc.property(question, askAndReply), { numRuns: 1_000 });
	}, FUZZ_TIMEOUT_MS);

	it('does the same for questions made of the story’s own words, which reach quotes and conflicts', () => {
		fc.assert(fc.property(storyQuestion, askAndReply), { numRuns: 150 });
	}, FUZZ_TIMEOUT_MS);
});
