import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import type { BotContext } from './context.js';
import { postCorrectionNotices } from './correctionNotices.js';
import { createInteractionHandler } from './dispatcher.js';
import { InteractionGate } from './interactionGate.js';

export interface DrainReport {
	/** False when the timeout came first. */
	settled: boolean;
	/** Interactions still unanswered when the gateway closed. */
	inFlight: number;
}

export interface Bot {
	client: Client<true>;
	/**
	 * Stops admitting interactions (each new one gets an ephemeral "restarting" reply), waits up to `timeoutMs` for
	 * those in flight and the engine's queued refreshes, then closes the gateway.
	 */
	drain(timeoutMs: number): Promise<DrainReport>;
}

export interface StartBotOptions {
	token: string;
	/** REST base including /api (DISCORD_API_BASE); the gateway URL is then whatever that API announces. */
	apiBase: string;
	context: BotContext;
}

/**
 * Only the Guilds intent, which is not privileged: it delivers the server (roles included, for the moderator check)
 * that discord.js waits for before it is ready. Message commands carry their message, so no Message Content intent.
 */
function createClient(apiBase: string): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: { api: apiBase },
		// A second guard behind the reply builder: even a reply that bypassed it would ping no one.
		allowedMentions: { parse: [] },
		// Every interaction carries its user and member, and discord.js would keep each one for good (about 0.3 KB per
		// person in the soak). The bot reads them only from the interaction, so it keeps none but its own. Nor does it
		// read its own replies back: discord.js would keep the last 200 in each channel, each outliving a few hundred
		// answers and so reaching old space as garbage (soak: a tenth of what was promoted).
		makeCache: Options.cacheWithLimits({
			...Options.DefaultMakeCacheSettings,
			MessageManager: 0,
			UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
			GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
		}),
	});
}

export async function startBot({ token, apiBase, context }: StartBotOptions): Promise<Bot> {
	const { logger } = context;
	const client = createClient(apiBase);
	const gate = new InteractionGate();
	const handle = createInteractionHandler(context, gate);
	client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
	client.on(Events.ShardReconnecting, (shardId) => logger.warn({ shardId }, 'Gateway connection lost; reconnecting'));
	client.on(Events.ShardResume, (shardId, replayedEvents) => logger.info({ shardId, replayedEvents }, 'Gateway session resumed'));
	client.on(Events.ShardDisconnect, ({ code }, shardId) => logger.error({ shardId, code }, 'Gateway closed for good'));
	client.on(Events.ShardError, (error, shardId) => logger.error({ shardId, err: error }, 'Gateway error'));
	client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
	client.on(Events.Warn, (message) => logger.warn({}, message));

	const abandon = new AbortController();
	const ready = once(client, Events.ClientReady, { signal: abandon.signal });
	// Marks the promise handled: when login fails, the abort below rejects it with nobody left to listen.
	ready.catch(() => {});
	try {
		await client.login(token);
		await ready;
	} catch (error) {
		abandon.abort();
		await client.destroy();
		throw error;
	}
	logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Connected to Discord');
	const stopNotices = context.engine.onCorrections((corrections) => void postCorrectionNotices(client.rest, context, corrections));
	// Corrections found at start-up (files edited while the bot was down) were recorded before anyone listened.
	const { lastRefresh } = context.engine.status();
	if (lastRefresh.by === null) void postCorrectionNotices(client.rest, context, lastRefresh.corrections);
	return {
		client: client as Client<true>,
		async drain(timeoutMs) {
			gate.close();
			const settled = await within(
				(async () => {
					await gate.settled();
					await context.engine.close();
				})(),
				timeoutMs,
			);
			const report = { settled, inFlight: gate.inFlight };
			stopNotices();
			await client.destroy();
			return report;
		},
	};
}

/** True if the work finished within `ms`, false if the time ran out first (the work itself is left running). */
async function within(work: Promise<void>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(resolve, ms, false);
	});
	try {
		return await Promise.race([work.then(() => true as const), timeout]);
	} finally {
		clearTimeout(timer);
	}
}
