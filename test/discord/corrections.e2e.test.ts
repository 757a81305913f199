/** End to end: corrections shown under quotes, and recorded by moderators, against a copy of the story corpus. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { corpusDefinition, MAX_CORRECTION_NOTE_LENGTH } from '../../src/discord/commands/definitions.js';
import { answerPassages, PASSAGES_PER_PAGE, SEARCH_HITS_PER_PAGE } from '../../src/discord/format.js';
import { timelinePageCitations } from '../../src/discord/formatTimeline.js';
import { MAX_EMBED_DESCRIPTION_LENGTH } from '../../src/discord/reply.js';
import { escapeMarkdown } from '../../src/discord/text.js';
import type { RecordedRequest } from './support/discordStandIn.js';
import { attachment, boolean, BOT_USER, buttonClick, CHANNEL, integer, Members, messageCommand, message, newReporter, slashCommand, string, subcommand, type Member, type Option } from './support/fixtures.js';
import { QuoteLedger } from '../../src/discord/quoteLedger.js';
import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
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

const AP = 'ap-dumayr-raid-2025-12-05';
const corpus = (name: string, options: Option[], as: Member = Members.deskEditor, resolved?: object) => slashCommand('corpus', [subcommand(name, options)], as, resolved);

interface Embed {
	title?: string;
	description?: string;
	fields?: { name: string; value: string }[];
	footer?: { text: string };
}

/** Moderator work defers (ephemerally), then edits the deferred reply. */
async function deferredEmbeds(interaction: ReturnType<typeof corpus>): Promise<Embed[]> {
	const callback = await bot.interact(interaction);
	expect(callback.body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
	const edit = (await bot.editOf(interaction)).body as { embeds: Embed[]; allowed_mentions: unknown };
	expect(edit.allowed_mentions).toEqual({ parse: [] });
	return edit.embeds;
}

describe('/corpus correct and /corpus corrections', () => {
	it('are registered by deploy-commands, with the options the issue names', () => {
		const names = (name: string) => corpusDefinition.options.find((option) => option.name === name);
		expect(names('correct')).toMatchObject({ options: [{ name: 'document', required: true, autocomplete: true }, { name: 'paragraph', required: true }, { name: 'note', required: true, max_length: MAX_CORRECTION_NOTE_LENGTH }, { name: 'file' }] });
		expect(names('corrections')).toBeDefined();
	});

	it('lets a moderator correct a paragraph with a file: the reply shows before and after, and /quote the note', async () => {
		const file = path.join(bot.corpusDir, `${AP}.md`);
		const before = bot.engine.quote(AP, 3).text;
		const after = `${before} This sentence was added by the correction.`;
		const content = (await readFile(file, 'utf8')).replace(before, after);
		const upload = attachment(`${AP}.md`, bot.standIn.serveFile(`${AP}.md`, content), Buffer.byteLength(content));
		const options = [string('document', AP), integer('paragraph', 3), string('note', 'A sentence was added.'), { name: 'file', type: ApplicationCommandOptionType.Attachment, value: upload.id }];
		const [recorded, replaced] = await deferredEmbeds(corpus('correct', options, Members.deskEditor, { attachments: { [upload.id]: upload } }));
		expect(recorded).toMatchObject({ title: `Correction recorded: ${AP} ¶3`, description: 'A sentence was added.' });
		expect(recorded?.fields?.map((field) => field.name)).toEqual(['Before', 'After']);
		expect(recorded?.fields?.[1]?.value).toContain('This sentence was added by the correction.');
		expect(replaced?.title).toBe('File replaced');
		const quoted = dataOf(await bot.interact(slashCommand('quote', [string('source', AP), integer('paragraph', 3)])));
		expect(quoted.content).toContain(`This sentence was added by the correction.`);
		expect(quoted.content).toContain(`\nCorrected ${today()}: A sentence was added.`);
		expect(bot.engine.correctionOf(AP, 3)).toMatchObject({ before, after, note: 'A sentence was added.', by: expect.any(String) });
	});

	it('lets anyone see the earlier text of a corrected paragraph from /quote, on request', async () => {
		const interaction = slashCommand('quote', [string('source', AP), integer('paragraph', 3)]);
		const [row] = (dataOf(await bot.interact(interaction)) as ReplyData & { components: { components: { custom_id: string; label: string }[] }[] }).components;
		expect(row?.components[0]?.label).toBe('Earlier text');
		const reply = await bot.interact(buttonClick(row!.components[0]!.custom_id, message(''), newReporter()));
		const data = dataOf(reply) as ReplyData & { flags: number };
		expect(data.flags).toBe(MessageFlags.Ephemeral);
		expect(data.embeds[0]?.description).toBe(`> ${escapeMarkdown(bot.engine.correctionOf(AP, 3)!.before)}`);
		expect(data.embeds[0]?.description).not.toContain('added by the correction');
		expect(data.embeds[0]?.footer?.text).toBe(`Corrected ${today()}: A sentence was added.`);
		const plain = dataOf(await bot.interact(slashCommand('quote', [string('source', AP), integer('paragraph', 2)]))) as ReplyData & { components: unknown[] };
		expect(plain.components).toEqual([]);
	});

	it('records, without a note, each paragraph a /corpus reload changed, and says so', async () => {
		const file = path.join(bot.corpusDir, 'dumayar-raid-analysis.md');
		const before = bot.engine.quote('dumayar-raid-analysis', 4).text;
		await writeFile(file, (await readFile(file, 'utf8')).replace(before, `${before} A clarification.`));
		const [report] = await deferredEmbeds(corpus('reload', []));
		expect(report?.fields).toContainEqual({ name: 'Corrections recorded (1)', value: 'dumayar-raid-analysis ¶4' });
		expect(bot.engine.correctionOf('dumayar-raid-analysis', 4)).toMatchObject({ note: null, before, after: `${before} A clarification.` });
		const quoted = dataOf(await bot.interact(slashCommand('quote', [string('source', 'dumayar-raid-analysis'), integer('paragraph', 4)])));
		expect(quoted.content).toContain(`Corrected ${today()}: the paragraph’s text changed; no note was given.`);
	});

	it('refuses a reporter, and records nothing', async () => {
		const recorded = bot.engine.corrections().length;
		const reply = await bot.interact(corpus('correct', [string('document', AP), integer('paragraph', 4), string('note', 'No.')], Members.reporter));
		expect((reply.body as { data: { content: string; flags: number } }).data).toMatchObject({
			content: 'Only moderators can use this command: it needs the Manage Server permission or a moderator role.',
			flags: MessageFlags.Ephemeral,
		});
		expect(bot.engine.corrections()).toHaveLength(recorded);
	});

	it('refuses a paragraph the document does not have, with a clear ephemeral line', async () => {
		const interaction = corpus('correct', [string('document', AP), integer('paragraph', 99), string('note', 'x')]);
		await bot.interact(interaction);
		expect(((await bot.editOf(interaction)).body as { content: string }).content).toBe(`"${AP}" has paragraphs 1 to 24; there is no paragraph 99.`);
	});

	it('lists the corrections newest first, within one embed, counting the rest', async () => {
		for (let paragraph = 5; paragraph <= 24; paragraph++) await bot.engine.correct({ doc: AP, paragraph, note: `Paragraph ${paragraph}: ${'a long explanation of the change, '.repeat(8)}` }, 'desk#1');
		const reply = await bot.interact(corpus('corrections', []));
		const [embed] = (reply.body as { data: { embeds: Embed[]; flags: number } }).data.embeds;
		expect(embed?.title).toBe(`Corrections (${bot.engine.corrections().length})`);
		expect(embed?.description?.startsWith(`**${AP} ¶24**`)).toBe(true);
		expect(embed!.description!.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION_LENGTH);
		expect(embed?.description).toMatch(/… and \d+ more$/);
	});
});

describe('correction notices', () => {
	/** Waits until the ledger records the paragraph as quoted by the message, and returns the message's id. */
	async function quotedBy(messageId: () => string | undefined, { doc, paragraph }: { doc: string; paragraph: number }): Promise<string> {
		return vi.waitFor(async () => {
			const id = messageId();
			const entries = await bot.context.ledger.latestQuoting(doc, paragraph);
			expect(entries.map((entry) => entry.messageId)).toContain(id);
			return id!;
		});
	}

	/** Asks in the test channel and waits until the ledger holds the reply's message id. */
	async function askInChannel(question: string): Promise<{ doc: string; paragraph: number; messageId: string }> {
		const interaction = slashCommand('ask', [string('question', question)], newReporter());
		await bot.interact(interaction);
		const { doc, paragraph } = bot.engine.answer(question).quotes[0]!.citation;
		const messageId = await quotedBy(() => bot.standIn.originalMessageIds.get(interaction.token), { doc, paragraph });
		return { doc, paragraph, messageId };
	}

	/** Corrects the paragraph and returns the message the notice in the test channel replied to. */
	async function noticeRepliesTo({ doc, paragraph }: { doc: string; paragraph: number }): Promise<string> {
		const since = bot.standIn.requests.length;
		await bot.engine.correct({ doc, paragraph, note: 'A date was wrong.' }, 'desk#1');
		const notice = await bot.standIn.waitForRequest((request) => request.method === 'POST' && request.path === `/api/v10/channels/${CHANNEL.id}/messages`, { since });
		return (notice.body as { message_reference: { message_id: string } }).message_reference.message_id;
	}

	it('learns a public reply\'s message id from the reply itself, in one call', async () => {
		const since = bot.standIn.requests.length;
		const { messageId } = await askInChannel('Who was killed in the raid?');
		const calls = bot.standIn.requests.slice(since).filter((request) => !request.path.includes('/channels/'));
		expect(calls.map((request) => `${request.method} ${request.query.with_response}`)).toEqual(['POST true']);
		expect([...bot.standIn.originalMessageIds.values()]).toContain(messageId);
	});

	it('replies to the /timeline reply that quoted the corrected sentence', async () => {
		const interaction = slashCommand('timeline', [string('about', 'Airwars')], newReporter());
		await bot.interact(interaction);
		const [quoted] = timelinePageCitations(bot.engine.timeline({ about: 'Airwars' }), 0);
		const messageId = await quotedBy(() => bot.standIn.originalMessageIds.get(interaction.token), quoted!);
		expect(await noticeRepliesTo(quoted!)).toBe(messageId);
	});

	it('replies to the /search message whose Next page quoted it, and to the /ask answer whose More passages did', async () => {
		const query = 'raid';
		const search = slashCommand('search', [string('query', query)], newReporter());
		await bot.interact(search);
		const searchMessage = message('', { author: BOT_USER });
		await bot.interact(buttonClick(`search-page:${search.id}:${SEARCH_HITS_PER_PAGE}`, searchMessage));
		const onNextPage = bot.engine.search(query, { limit: SEARCH_HITS_PER_PAGE, offset: SEARCH_HITS_PER_PAGE }).hits[0]!.citation;
		await quotedBy(() => String(searchMessage.id), onNextPage);
		expect(await noticeRepliesTo(onNextPage)).toBe(searchMessage.id);

		const question = 'What happened in the raid?';
		const ask = slashCommand('ask', [string('question', question)], newReporter());
		await bot.interact(ask);
		const answerMessage = message('', { author: BOT_USER });
		await bot.interact(buttonClick(`ask-more:${ask.id}:${PASSAGES_PER_PAGE}`, answerMessage));
		const onMorePassages = answerPassages(bot.engine.answer(question))[PASSAGES_PER_PAGE]!.citation;
		await quotedBy(() => String(answerMessage.id), onMorePassages);
		expect(await noticeRepliesTo(onMorePassages)).toBe(answerMessage.id);
	});

	it('records nothing for a page turned on an ephemeral message', async () => {
		const query = 'raid';
		const search = slashCommand('search', [string('query', query), boolean('hide', true)], newReporter());
		await bot.interact(search);
		const hidden = message('', { author: BOT_USER, flags: MessageFlags.Ephemeral });
		await bot.interact(buttonClick(`search-page:${search.id}:${SEARCH_HITS_PER_PAGE}`, hidden));
		const onNextPage = bot.engine.search(query, { limit: SEARCH_HITS_PER_PAGE, offset: SEARCH_HITS_PER_PAGE }).hits[0]!.citation;
		// The ledger writes in order: once a later reply (quoting another paragraph) is in, the hidden page would be too.
		const other = bot.engine.search(query, { limit: SEARCH_HITS_PER_PAGE }).hits[0]!.citation;
		const quote = slashCommand('quote', [string('source', other.doc), integer('paragraph', other.paragraph)]);
		await bot.interact(quote);
		await quotedBy(() => bot.standIn.originalMessageIds.get(quote.token), other);
		const entries = await bot.context.ledger.latestQuoting(onNextPage.doc, onNextPage.paragraph);
		expect(entries.map((entry) => entry.messageId)).not.toContain(hidden.id);
	});

	it('posts one notice in the channel where /ask quoted the paragraph, replying to that message, pinging no one', async () => {
		const { doc, paragraph, messageId } = await askInChannel('What did Airwars say about the raid?');
		const since = bot.standIn.requests.length;
		await bot.engine.correct({ doc, paragraph, note: 'A name was misspelt @here' }, 'desk#1');
		const notice = await bot.standIn.waitForRequest((request) => request.method === 'POST' && request.path === `/api/v10/channels/${CHANNEL.id}/messages`, { since });
		const body = notice.body as { content: string; message_reference: { message_id: string }; allowed_mentions: unknown };
		expect(body.message_reference.message_id).toBe(messageId);
		expect(body.allowed_mentions).toEqual({ parse: [] });
		expect(body.content).toMatch(new RegExp(`^Correction: .+ ¶${paragraph}, quoted here on ${today()}, was corrected on ${today()}: A name was misspelt \\\\@here`));
		const notices = bot.standIn.requests.slice(since).filter((request) => request.path === notice.path);
		expect(notices).toHaveLength(1);
	});

	it('logs a notice it may not post (403), shows it in /corpus status, and keeps serving', async () => {
		const { doc, paragraph } = await askInChannel('Who is Emily Tripp?');
		bot.standIn.forbiddenChannels.add(CHANNEL.id);
		try {
			await bot.engine.correct({ doc, paragraph, note: 'Her title was wrong.' }, 'desk#1');
			await vi.waitFor(() => expect(bot.context.noticeFailures.map((failure) => failure.paragraph)).toContain(paragraph));
		} finally {
			bot.standIn.forbiddenChannels.delete(CHANNEL.id);
		}
		expect(bot.logs.some((log) => log.level === 'warn' && log.message.startsWith('Could not post a correction notice') && log.details.channelId === CHANNEL.id)).toBe(true);
		// Read once here, so status answers at once instead of deferring.
		await bot.context.feedback.counts();
		const status = await bot.interact(corpus('status', []));
		const fields = (status.body as { data: { embeds: Embed[] } }).data.embeds[0]?.fields ?? [];
		const failed = fields.find((field) => field.name.startsWith('Correction notices not posted'));
		expect(failed?.value).toContain(`<#${CHANNEL.id}>: ${doc} ¶${paragraph} (Missing Permissions)`);
		expect(dataOf(await bot.interact(slashCommand('quote', [string('source', doc), integer('paragraph', paragraph)]))).content).toContain('Her title was wrong.');
	});
});

describe('a file edited while the bot was down', () => {
	it('records the change at start-up and posts its notice where the paragraph was quoted before', async () => {
		const messageId = '100000000000000777';
		let quoted = { doc: '', paragraph: 0, file: '' };
		const restarted = await startTestBot({
			copyCorpus: true,
			recordCorpus: true,
			async beforeStart({ corpusDir, dataDir }) {
				const before = await StoryEngine.open({ corpusDir, cacheDir: path.join(dataDir, 'cache'), dataDir, persist: false, recordCorpus: true });
				const { citation, text } = before.answer(QUESTION).quotes[0]!;
				quoted = { doc: citation.doc, paragraph: citation.paragraph, file: before.documents().find((document) => document.id === citation.doc)!.file };
				await before.close();
				await new QuoteLedger(dataDir, { retentionDays: 30, logger: silentLogger }).record({ channelId: CHANNEL.id, messageId, at: new Date().toISOString(), quoted: [quoted] });
				const file = path.join(corpusDir, quoted.file);
				const sentence = text.split(' ').slice(0, 6).join(' ');
				await writeFile(file, (await readFile(file, 'utf8')).replace(sentence, `${sentence} (corrected)`));
			},
		});
		try {
			expect(restarted.engine.corrections()).toMatchObject([{ doc: quoted.doc, paragraph: quoted.paragraph, note: null, by: null }]);
			const notice = await restarted.standIn.waitForRequest((request) => request.method === 'POST' && request.path === `/api/v10/channels/${CHANNEL.id}/messages`);
			expect((notice.body as { message_reference: { message_id: string } }).message_reference.message_id).toBe(messageId);
		} finally {
			await restarted.close();
		}
	});
});
