import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, MessageFlags, type APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONTENT_LENGTH, buildReply, buttonRow, deferReply, sendReply, updateMessage } from '../../src/discord/reply.js';
import { DiscordStandIn } from './support/discordStandIn.js';
import { FAKE_TOKEN, MODERATOR_ROLE_ID, Members, buttonClick, slashCommand } from './support/fixtures.js';
import { expectWithinDiscordLimits } from './support/limits.js';

const prose = fc
	.array(fc.constantFrom('The raid', 'occurred', 'in Dumayr.', 'al-Masoud', '@everyone', 'said', '3 a.m.', '**bold**', '\n'), { maxLength: 1_200 })
	.map((words) => words.join(' '));

const embed: fc.Arbitrary<APIEmbed> = fc.record(
	{
		title: prose,
		description: prose,
		footer: prose.map((text) => ({ text })),
		fields: fc.array(fc.record({ name: prose, value: prose }), { maxLength: 30 }),
	},
	{ requiredKeys: [] },
);

interface ReplyBody {
	content?: string;
	allowed_mentions?: unknown;
}

const PINGS = `@everyone @here <@${Members.colleague.user.id}> <@&${MODERATOR_ROLE_ID}> asked who was killed`;

/**
 * A bare discord.js client, without the bot's client-wide `allowedMentions` default, so what Discord receives is
 * what the reply functions built.
 */
describe('replies as they reach Discord', () => {
	let standIn: DiscordStandIn;
	let client: Client;
	const failures: unknown[] = [];

	beforeAll(async () => {
		standIn = await DiscordStandIn.start();
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiBase } });
		client.on(Events.InteractionCreate, (interaction) => {
			const send = async () => {
				if (interaction.isButton()) return updateMessage(interaction, { content: PINGS });
				if (!interaction.isChatInputCommand()) return;
				if (interaction.commandName === 'slow') await deferReply(interaction, { ephemeral: false });
				await sendReply(interaction, { content: PINGS, embeds: [{ title: PINGS, description: PINGS }] });
				await sendReply(interaction, { content: PINGS, ephemeral: true });
			};
			send().catch((error: unknown) => failures.push(error));
		});
		const ready = once(client, Events.ClientReady);
		await client.login(FAKE_TOKEN);
		await ready;
	});
	afterAll(async () => {
		await client?.destroy();
		await standIn?.close();
	});

	it('never lets a reply ping anyone: a reply, a deferred one filled in, a follow-up and a page update parse no mentions', async () => {
		const since = standIn.requests.length;
		const interactions = [slashCommand('quick', []), slashCommand('slow', []), buttonClick('page:1')];
		for (const interaction of interactions) standIn.dispatch('INTERACTION_CREATE', interaction);
		// quick: its reply and a follow-up; slow: its deferral filled in, and a follow-up; the button: its update.
		const sent = () =>
			standIn.requests
				.slice(since)
				.map((request) => request.body as { data?: ReplyBody } & ReplyBody)
				.map((body) => body.data ?? body)
				.filter((body) => body.content !== undefined);
		await expect.poll(() => sent().length).toBe(5);
		expect(failures).toEqual([]);
		for (const body of sent()) expect(body).toMatchObject({ content: PINGS, allowed_mentions: { parse: [] } });
	});
});

describe('buildReply', () => {

	it('sets the ephemeral flag only when asked', () => {
		expect(buildReply({ content: 'x', ephemeral: true }).flags).toBe(MessageFlags.Ephemeral);
		expect(buildReply({ content: 'x' })).not.toHaveProperty('flags');
	});

	it('keeps any reply within every Discord limit', () => {
		fc.assert(
			fc.property(fc.option(prose, { nil: undefined }), fc.array(embed, { maxLength: 12 }), (content, embeds) => {
				expectWithinDiscordLimits(buildReply({ ...(content === undefined ? {} : { content }), embeds }));
			}),
			{ numRuns: 60 },
		);
	});

	it('trims long content with a visible ellipsis instead of letting the API reject it', () => {
		const content = 'A sentence about the raid. '.repeat(200);
		const built = buildReply({ content }).content ?? '';
		expect(built.length).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
		expect(built.endsWith('raid. …')).toBe(true);
	});
});

describe('buttonRow', () => {
	it('refuses a custom id Discord would reject', () => {
		expect(() => buttonRow({ customId: 'x'.repeat(101), label: 'Too long' })).toThrow(/Custom id too long/);
	});
});
