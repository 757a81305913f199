/** Starts the real bot (our src code, the real discord.js Client) against a fresh stand-in, and tears both down. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBot, type Bot } from '../../../src/discord/client.js';
import { createBotContext, type BotContext } from '../../../src/discord/context.js';
import { recordingLogger, type LogRecord } from '../../support/recordingLogger.js';
import { StoryEngine } from '../../../src/storyEngine.js';
import { DiscordStandIn, type RecordedRequest } from './discordStandIn.js';
import { APP_ID, FAKE_TOKEN, MODERATOR_ROLE_ID, type Interaction } from './fixtures.js';

export const STORY_CORPUS = path.resolve(import.meta.dirname, '../../../corpus');

export interface TestBotOptions {
	/** Copy the story corpus to a temporary directory, for tests that add or remove documents. */
	copyCorpus?: boolean;
	cooldownSeconds?: number;
	/** Lets a test swap an engine method for one that fails, to exercise the error policy. */
	wrapEngine?: (engine: StoryEngine) => StoryEngine;
	/** Runs before the engine opens, as whatever happened while the bot was down (edits, an earlier run's data). */
	beforeStart?: (directories: { corpusDir: string; dataDir: string }) => Promise<void>;
	/** Keep the paragraph record, as the bot's own start does. */
	recordCorpus?: boolean;
}

export interface TestBot {
	standIn: DiscordStandIn;
	bot: Bot;
	context: BotContext;
	engine: StoryEngine;
	logs: LogRecord[];
	corpusDir: string;
	dataDir: string;
	/** Sends an interaction through the gateway and returns the bot's callback for it. */
	interact(interaction: Interaction): Promise<RecordedRequest>;
	/** The bot's edit of its deferred (or first) reply to an interaction. */
	editOf(interaction: Interaction): Promise<RecordedRequest>;
	close(): Promise<void>;
}

const TEARDOWN_TIMEOUT_MS = 5_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startTestBot({ copyCorpus = false, cooldownSeconds = 0, wrapEngine = (engine) => engine, beforeStart, recordCorpus = false }: TestBotOptions = {}): Promise<TestBot> {
	const workDir = await mkdtemp(path.join(tmpdir(), 'story-bot-'));
	const corpusDir = copyCorpus ? path.join(workDir, 'corpus') : STORY_CORPUS;
	if (copyCorpus) await cp(STORY_CORPUS, corpusDir, { recursive: true });
	const dataDir = path.join(workDir, 'data');
	const logs: LogRecord[] = [];
	const logger = recordingLogger(logs);
	await beforeStart?.({ corpusDir, dataDir });
	const engine = wrapEngine(await StoryEngine.open({ corpusDir, cacheDir: path.join(dataDir, 'cache'), dataDir, logger, persist: false, recordCorpus }));
	const context = createBotContext({ engine, logger, dataDir, moderatorRoleIds: [MODERATOR_ROLE_ID], cooldownSeconds });
	const standIn = await DiscordStandIn.start();
	const bot = await startBot({ token: FAKE_TOKEN, apiBase: standIn.apiBase, context });

	const interact = async (interaction: Interaction) => {
		const since = standIn.requests.length;
		standIn.dispatch('INTERACTION_CREATE', interaction);
		return standIn.waitForRequest((request) => request.path.startsWith(`/api/v10/interactions/${interaction.id}/`), { since });
	};
	const editOf = (interaction: Interaction) =>
		standIn.waitForRequest((request) => request.method === 'PATCH' && request.path === `/api/v10/webhooks/${APP_ID}/${interaction.token}/messages/@original`);

	return {
		standIn,
		bot,
		context,
		engine,
		logs,
		corpusDir,
		dataDir,
		interact,
		editOf,
		async close() {
			try {
				// Drained, so no reply or feedback line is still being written when the directory is removed.
				await within(bot.drain(TEARDOWN_TIMEOUT_MS), TEARDOWN_TIMEOUT_MS * 2, 'Stopping the bot');
			} finally {
				await within(standIn.close(), TEARDOWN_TIMEOUT_MS, 'Closing the stand-in');
				await rm(workDir, { recursive: true, force: true });
			}
		},
	};
}
