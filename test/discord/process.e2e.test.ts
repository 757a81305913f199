/**
 * The entry points as an operator runs them: `npm start` (src/index.ts), `npm run deploy-commands` and
 * `npm run report`, each in its own process, against the stand-in. They run from an empty directory so a
 * developer's own .env cannot leak in.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/discord/commands/definitions.js';
import { RESTARTING } from '../../src/discord/dispatcher.js';
import { registerCommands } from '../../src/discord/registerCommands.js';
import { DiscordStandIn } from './support/discordStandIn.js';
import { APP_ID, FAKE_TOKEN, GUILD_ID, Members, attachment, autocomplete, focused, slashCommand, string, subcommand } from './support/fixtures.js';
import { spawnScript } from './support/spawnScript.js';
import { STORY_CORPUS } from './support/testBot.js';

const EXIT_TIMEOUT_MS = 15_000;

let standIn: DiscordStandIn;
let workDir: string;

beforeAll(async () => {
	standIn = await DiscordStandIn.start();
	workDir = await mkdtemp(path.join(tmpdir(), 'story-bot-process-'));
});
afterAll(async () => {
	await standIn?.close();
	await rm(workDir, { recursive: true, force: true });
});

const run = (script: string, env: Record<string, string>) => spawnScript(script, { env, cwd: workDir, killAfterMs: EXIT_TIMEOUT_MS });

const botEnv = () => ({
	DISCORD_TOKEN: FAKE_TOKEN,
	DISCORD_CLIENT_ID: APP_ID,
	DISCORD_API_BASE: standIn.apiBase,
	CORPUS_DIR: STORY_CORPUS,
	DATA_DIR: path.join(workDir, 'data'),
	LOG_LEVEL: 'info',
});

describe('npm start', () => {
	it('connects, and drains on SIGTERM: the upload in flight is still answered, a new interaction hears it is restarting; never logs the token', async () => {
		const corpusDir = path.join(workDir, 'drain-corpus');
		await cp(STORY_CORPUS, corpusDir, { recursive: true });
		const since = standIn.gatewayFrames.length;
		const closed = standIn.closeCodes.length;
		const bot = run('src/index.ts', { ...botEnv(), CORPUS_DIR: corpusDir, DRAIN_TIMEOUT: '10' });
		await standIn.waitForGatewayFrame((frame) => frame.op === 2, { since, timeoutMs: EXIT_TIMEOUT_MS });

		// The attachment downloads slowly: the upload is still in flight when the signal comes.
		let finishDownload = () => {};
		const download = new Promise<void>((resolve) => (finishDownload = resolve));
		const text = 'The council voted on Tuesday to rebuild the market.\n';
		const file = attachment('market.md', standIn.serveFile('market.md', text, { until: download }), text.length);
		const upload = slashCommand('corpus', [subcommand('add', [{ name: 'file', type: ApplicationCommandOptionType.Attachment, value: file.id }])], Members.manager, {
			attachments: { [file.id]: file },
		});
		standIn.dispatch('INTERACTION_CREATE', upload);
		const deferred = await standIn.waitForRequest((request) => request.path.startsWith(`/api/v10/interactions/${upload.id}/`));
		expect((deferred.body as { type: number }).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);

		bot.child.kill('SIGTERM');
		await expect.poll(() => bot.stdout(), { timeout: EXIT_TIMEOUT_MS }).toContain('"msg":"Draining');
		const late = slashCommand('ask', [string('question', 'Who was killed in the raid?')]);
		standIn.dispatch('INTERACTION_CREATE', late);
		const refused = await standIn.waitForRequest((request) => request.path.startsWith(`/api/v10/interactions/${late.id}/`));
		expect((refused.body as { data: unknown }).data).toMatchObject({ content: RESTARTING, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
		const typing = autocomplete('quote', [focused('source', 'dumayr')]);
		standIn.dispatch('INTERACTION_CREATE', typing);
		const suggestions = await standIn.waitForRequest((request) => request.path.startsWith(`/api/v10/interactions/${typing.id}/`));
		expect(suggestions.body).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });

		finishDownload();
		const answered = await standIn.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(`/${upload.token}/messages/@original`));
		expect((answered.body as { embeds: { title: string }[] }).embeds[0]?.title).toBe('Added market.md');
		expect(await bot.exited).toBe(0);
		expect(await standIn.waitForClose({ since: closed })).toBe(1000);
		expect(await readFile(path.join(corpusDir, 'market.md'), 'utf8')).toContain(text);
		const logs = bot.stdout();
		expect(logs).toContain('"msg":"Connected to Discord"');
		expect(logs).toContain('"msg":"Disconnected from Discord"');
		expect(logs + bot.stderr()).not.toContain(FAKE_TOKEN);
	});

	it('lists every configuration problem at once and exits non-zero, without echoing the token', async () => {
		const bot = run('src/index.ts', { DISCORD_TOKEN: 'Bot secret-token-value', DISCORD_API_BASE: 'https://discord.com/api/v10', COOLDOWN: '-1' });
		expect(await bot.exited).toBe(1);
		expect(bot.stderr()).toContain('Invalid configuration:');
		for (const setting of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'DISCORD_API_BASE', 'COOLDOWN']) expect(bot.stderr()).toContain(`  - ${setting}: `);
		expect(bot.stderr()).not.toContain('secret-token-value');
		expect(bot.stderr()).not.toMatch(/\n\s+at /);
	});
});

describe('npm run deploy-commands', () => {
	it('registers exactly the command definitions in the server named by DISCORD_GUILD_ID', async () => {
		const since = standIn.requests.length;
		const deploy = run('src/cli/deployCommands.ts', { ...botEnv(), DISCORD_GUILD_ID: GUILD_ID });
		expect(await deploy.exited).toBe(0);
		expect(deploy.stdout()).toBe(`Registered ${commandDefinitions.length} commands in server ${GUILD_ID}.\n`);
		const put = await standIn.waitForRequest((request) => request.method === 'PUT', { since });
		expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
		expect(put.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
		expect(put.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
	});

	it('registers globally without a server id', async () => {
		const since = standIn.requests.length;
		await registerCommands({ token: FAKE_TOKEN, clientId: APP_ID, guildId: null, apiBase: standIn.apiBase });
		const put = await standIn.waitForRequest((request) => request.method === 'PUT', { since });
		expect(put.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
	});
});

describe('npm run report', () => {
	it('lists the unanswered questions, most frequent first, a follow-up with the question it continued from', async () => {
		const dataDir = path.join(workDir, 'report-data');
		const lines = [
			{ kind: 'unanswered', at: '2025-12-06T09:00:00.000Z', question: 'Who funds the Syrian Free Army?' },
			{ kind: 'vote', at: '2025-12-06T09:30:00.000Z', vote: 'up', question: 'Who was killed?' },
			{ kind: 'unanswered', at: '2025-12-06T10:00:00.000Z', question: 'What is the capital of France?' },
			{ kind: 'unanswered', at: '2025-12-07T10:00:00.000Z', question: 'who funds the Syrian Free Army' },
			{ kind: 'unanswered', at: '2025-12-07T11:00:00.000Z', question: 'and his \u202Emother?', continuedFrom: 'Who was killed in the raid?' },
		];
		await mkdir(dataDir, { recursive: true });
		await writeFile(path.join(dataDir, 'feedback.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
		const report = run('src/cli/report.ts', { DATA_DIR: dataDir });
		expect(await report.exited).toBe(0);
		expect(report.stdout()).toBe(
			[
				`Feedback log: ${path.join(dataDir, 'feedback.jsonl')}`,
				'Votes: 1 👍, 0 👎',
				'Unanswered questions (3), most asked first:',
				'  2×  who funds the Syrian Free Army  (last asked 2025-12-07)',
				'  1×  and his mother?  (follow-up to “Who was killed in the raid?”)  (last asked 2025-12-07)',
				'  1×  What is the capital of France?  (last asked 2025-12-06)',
				'',
			].join('\n'),
		);
	});
});
