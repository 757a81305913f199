/** End to end: corrections shown under quotes, and recorded by moderators, against a copy of the story corpus. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from './support/discordStandIn.js';
import { integer, messageCommand, message, newReporter, slashCommand, string } from './support/fixtures.js';
import { startTestBot, type TestBot } from './support/testBot.js';

let bot: TestBot;
beforeAll(async () => {
	bot = await startTestBot({ copyCorpus: true });
});
afterAll(async () => {
	await bot?.close();
});

const QUESTION = 'Who was killed in the raid?';

interface ReplyData {
	content?: string;
	embeds: { description?: string; footer?: { text: string } }[];
	allowed_mentions: unknown;
}

const dataOf = (request: RecordedRequest) => (request.body as { data: ReplyData }).data;
const today = () => new Date().toISOString().slice(0, 10);

describe('a quote from a corrected paragraph', () => {
	let doc: string;
	let paragraph: number;
	beforeAll(async () => {
		({ doc, paragraph } = bot.engine.answer(QUESTION).quotes[0]!.citation);
		await bot.engine.correct({ doc, paragraph, note: 'The *name* was misspelt @everyone' }, 'desk#1');
	});

	it('carries the correction under its citation in /ask, the note escaped', async () => {
		const data = dataOf(await bot.interact(slashCommand('ask', [string('question', QUESTION)], newReporter())));
		expect(data.embeds[0]?.description).toContain(`\nCorrected ${today()}: The \\*name\\* was misspelt \\@everyone`);
		expect(data.allowed_mentions).toEqual({ parse: [] });
	});

	it('carries it in /quote, and a paragraph not corrected carries none', async () => {
		const quoted = dataOf(await bot.interact(slashCommand('quote', [string('source', doc), integer('paragraph', paragraph)])));
		expect(quoted.content).toMatch(new RegExp(`¶${paragraph}.*\\nCorrected ${today()}: The \\\\\\*name`, 's'));
		const other = paragraph === 1 ? 2 : 1;
		expect(dataOf(await bot.interact(slashCommand('quote', [string('source', doc), integer('paragraph', other)]))).content).not.toContain('Corrected');
	});

	it('carries it in /search and in the message command', async () => {
		const text = bot.engine.quote(doc, paragraph).text;
		const searched = dataOf(await bot.interact(slashCommand('search', [string('query', text.split(' ').slice(0, 8).join(' '))], newReporter())));
		expect(searched.embeds[0]?.description).toContain(`Corrected ${today()}:`);
		const checked = dataOf(await bot.interact(messageCommand('Check against the story', message(text))));
		expect(checked.embeds[0]?.description).toContain(`Corrected ${today()}:`);
	});
});
