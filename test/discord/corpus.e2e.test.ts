/** End to end: /corpus for moderators, against a temporary copy of the story corpus. */
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackLog } from '../../src/discord/feedbackLog.js';
import type { RecordedRequest } from './support/discordStandIn.js';
import { Members, attachment, autocomplete, boolean, buttonClick, focused, integer, slashCommand, string, subcommand, type Interaction, type Member } from './support/fixtures.js';
import { startTestBot, type TestBot } from './support/testBot.js';

let bot: TestBot;
beforeAll(async () => {
	bot = await startTestBot({ copyCorpus: true });
	// Feedback counts are read on first use; read here, so every status below answers at once (first use: its own test).
	await bot.context.feedback.counts();
});
afterAll(async () => {
	await bot?.close();
});

interface Embed {
	title?: string;
	description?: string;
	fields?: { name: string; value: string; inline?: boolean }[];
	footer?: { text: string };
}

const corpus = (name: string, options: Parameters<typeof subcommand>[1] = [], as: Member = Members.manager, resolved?: object) =>
	slashCommand('corpus', [subcommand(name, options)], as, resolved);

/** Slow work defers (ephemerally) within Discord's three seconds, then edits the deferred reply. */
async function deferredReply(interaction: Interaction): Promise<RecordedRequest['body'] & { content?: string; embeds: Embed[]; allowed_mentions: unknown }> {
	const callback = await bot.interact(interaction);
	expect(callback.body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
	const edit = await bot.editOf(interaction);
	expect(edit.headers.authorization).toBeUndefined();
	expect((edit.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
	return edit.body as never;
}

const fieldsOf = (embed: Embed | undefined) => Object.fromEntries((embed?.fields ?? []).map((field) => [field.name, field.value]));

function upload(fileName: string, content: string, extra: ReturnType<typeof string>[] = []): Interaction {
	const file = attachment(fileName, bot.standIn.serveFile(fileName, content), Buffer.byteLength(content));
	return corpus('add', [{ name: 'file', type: ApplicationCommandOptionType.Attachment, value: file.id }, ...extra], Members.deskEditor, {
		attachments: { [file.id]: file },
	});
}

const COUNCIL = 'The council voted on Tuesday to rebuild the market.\n\nWork starts in the spring, the mayor said.\n';

describe('moderator rights, checked on every use', () => {
	it.each([
		['Manage Server', Members.manager],
		['a role in MODERATOR_ROLE_IDS', Members.deskEditor],
		['Administrator', Members.admin],
	])('lets a member with %s see the status', async (_, member) => {
		const reply = await bot.interact(corpus('status', [], member));
		const data = (reply.body as { data: { embeds: Embed[]; flags: number } }).data;
		expect(data.flags).toBe(MessageFlags.Ephemeral);
		expect(data.embeds[0]?.title).toBe('Corpus status');
	});

	it('refuses a reporter before doing anything, even a slow upload', async () => {
		const interaction = corpus('add', [{ name: 'file', type: ApplicationCommandOptionType.Attachment, value: '1' }], Members.reporter, {
			attachments: { '1': attachment('x.md', `${bot.standIn.origin}/attachments/none`, 10) },
		});
		const reply = await bot.interact(interaction);
		expect((reply.body as { type: number; data: { content: string; flags: number } }).data).toMatchObject({
			content: 'Only moderators can use this command: it needs the Manage Server permission or a moderator role.',
			flags: MessageFlags.Ephemeral,
		});
	});

	it('suggests documents to remove to a moderator only: a reporter gets no choices', async () => {
		const typing = (as: Member) => autocomplete('corpus', [subcommand('remove', [focused('document', 'dumayr')])], as);
		const choicesFor = async (as: Member) => (await bot.interact(typing(as))).body as { type: number; data: { choices: { value: string }[] } };
		const forEditor = await choicesFor(Members.deskEditor);
		expect(forEditor.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
		expect(forEditor.data.choices.map((choice) => choice.value)).toContain('ap-dumayr-raid-2025-12-05');
		expect(await choicesFor(Members.reporter)).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
	});
});

describe('/corpus status', () => {
	it('shows counts, snapshot, last refresh and the feedback counts', async () => {
		const asked = slashCommand('ask', [string('question', 'Who won the World Cup?')]);
		await bot.interact(asked);
		await bot.interact(buttonClick(`ask-vote:${asked.id}:down`));
		const reply = await bot.interact(corpus('status'));
		const fields = fieldsOf((reply.body as { data: { embeds: Embed[] } }).data.embeds[0]);
		expect(fields).toMatchObject({
			Documents: '2',
			Paragraphs: '40',
			Dates: '2025-12-05',
			Snapshot: `\`${bot.engine.status().snapshotHash.slice(0, 12)}\``,
			'Last refresh': expect.stringMatching(/^<t:\d+:f> \(start-up\)$/),
			'Files with problems': '0',
			Feedback: '👍 0 · 👎 1',
			'Unanswered questions': '1 (see `npm run report`)',
		});
	});
});

describe('/corpus status on first use', () => {
	it('defers while it reads the feedback log, once; then answers at once from running counts', async () => {
		const served = bot.context.feedback;
		const log = FeedbackLog.inDataDir(path.join(bot.dataDir, 'earlier'));
		await mkdir(path.dirname(log.file), { recursive: true });
		await writeFile(log.file, '{"kind":"vote","at":"2025-12-06T10:00:00.000Z","vote":"up","question":"Who was killed?"}\n{"kind":"unanswered","at":"2025-');
		bot.context.feedback = log;
		try {
			expect(fieldsOf((await deferredReply(corpus('status'))).embeds[0]).Feedback).toBe('👍 1 · 👎 0');
			await writeFile(log.file, '');
			const asked = slashCommand('ask', [string('question', 'Who won the World Cup?')]);
			await bot.interact(asked);
			await bot.interact(buttonClick(`ask-vote:${asked.id}:down`));
			const reply = await bot.interact(corpus('status'));
			expect(fieldsOf((reply.body as { data: { embeds: Embed[] } }).data.embeds[0])).toMatchObject({ Feedback: '👍 1 · 👎 1', 'Unanswered questions': '1 (see `npm run report`)' });
		} finally {
			bot.context.feedback = served;
		}
	});
});

describe('/corpus reload', () => {
	it('reports nothing changed when nothing did', async () => {
		const edit = await deferredReply(corpus('reload'));
		expect(edit.embeds[0]).toMatchObject({ title: 'Corpus reloaded', description: 'No document changed.', footer: { text: expect.stringMatching(/^Took \d+ ms · by manager$/) } });
	});

	it('reports an added document and a bad file, with the reason, and keeps serving', async () => {
		await writeFile(path.join(bot.corpusDir, 'market.md'), `---\ntitle: Market rebuilt\npublisher: City Desk\ndate: 2025-12-01\n---\n\n${COUNCIL}`);
		await writeFile(path.join(bot.corpusDir, 'broken.md'), '---\ntitle: [unclosed\n---\n\nText.\n');
		const edit = await deferredReply(corpus('reload', [], Members.deskEditor));
		const fields = fieldsOf(edit.embeds[0]);
		expect(fields['Added (1)']).toBe('market');
		expect(fields['Problems (1)']).toMatch(/^• broken\.md: /);
		expect(bot.engine.documents().map((doc) => doc.id)).toContain('market');
		await rm(path.join(bot.corpusDir, 'broken.md'));
	});
});

describe('/corpus add and remove', () => {
	it('downloads the attachment, fills in missing metadata, writes it into the corpus and reindexes', async () => {
		const interaction = upload('council-vote.txt', COUNCIL, [string('title', 'Council votes to rebuild market'), string('publisher', 'City Desk'), string('date', '2025-12-02')]);
		const edit = await deferredReply(interaction);
		expect(edit.embeds[0]?.title).toBe('Added council-vote.txt');
		expect(fieldsOf(edit.embeds[0])).toEqual({ 'Added (1)': 'council-vote' });
		await access(path.join(bot.corpusDir, 'council-vote.md'));

		const quoted = await bot.interact(slashCommand('quote', [string('source', 'council-vote'), integer('paragraph', 2)]));
		expect((quoted.body as { data: { content: string } }).data.content).toBe('> Work starts in the spring, the mayor said.\n— City Desk, 2025-12-02, "Council votes to rebuild market", ¶2');
	});

	it('never overwrites an existing document without replace, and says so', async () => {
		const edit = await deferredReply(upload('council-vote.md', COUNCIL));
		expect(edit.content).toBe('The corpus already has "council-vote" (in council-vote.md). Nothing was changed; upload again with replace:True to replace it.');
		expect(edit.embeds).toEqual([]);
	});

	it('replaces it with replace:true', async () => {
		const edit = await deferredReply(upload('council-vote.md', `${COUNCIL}\nThe vote was unanimous.\n`, [string('title', 'Council votes to rebuild market'), string('publisher', 'City Desk'), string('date', '2025-12-02'), boolean('replace', true)]));
		expect(edit.embeds[0]?.description).toBe('Replaced `council-vote.md`.');
		expect(fieldsOf(edit.embeds[0])).toEqual({ 'Replaced (1)': 'council-vote' });
	});

	it('refuses a file type it cannot read at once, without deferring', async () => {
		const reply = await bot.interact(upload('minutes.pdf', '%PDF-1.7'));
		expect(reply.body).toMatchObject({
			type: InteractionResponseType.ChannelMessageWithSource,
			data: { content: 'Only .md, .txt, .jsonl files can be added.', flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
		});
	});

	it('autocompletes the document to remove, then removes it', async () => {
		const choices = await bot.interact(autocomplete('corpus', [{ ...subcommand('remove', [focused('document', 'council')]) }], Members.manager));
		expect(choices.body).toEqual({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [{ name: 'Council votes to rebuild market (City Desk, 2025-12-02)', value: 'council-vote' }] },
		});
		const edit = await deferredReply(corpus('remove', [string('document', 'council-vote')]));
		expect(edit.embeds[0]?.title).toBe('Removed council-vote');
		expect(fieldsOf(edit.embeds[0])).toEqual({ 'Removed (1)': 'council-vote' });
		expect(bot.engine.documents().map((doc) => doc.id)).not.toContain('council-vote');
	});
});

describe('an upload’s name in the reply', () => {
	it('is echoed without control or bidi characters, its Markdown shown literally', async () => {
		const edit = await deferredReply(upload('notes\u202E\u0000*bold*.md', COUNCIL, [string('title', 'Notes')]));
		expect(edit.embeds[0]?.title).toBe('Added notes \\*bold\\*.md');
		expect(fieldsOf(edit.embeds[0])).toEqual({ 'Added (1)': 'notes-bold-' });
		await bot.engine.removeDocument('notes-bold-');
	});
});
