// Composition root: .env → config → story engine → Discord client → login. Nothing else reads process.env.
import './currentBuild.js';
import { config as loadDotenv } from 'dotenv';
import { pino } from 'pino';
import { ConfigError, parseBotConfig, type BotConfig } from './config.js';
import { startBot } from './discord/client.js';
import { createBotContext } from './discord/context.js';
import { StoryEngine } from './storyEngine.js';

/** After this, a shutdown that hangs (a stuck socket) gives up and exits with an error. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

// Belt and braces: the token is never passed to the logger, and would be censored if it were.
const REDACTED_PATHS = ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'];

function readConfig(): Readonly<BotConfig> | null {
	loadDotenv({ quiet: true });
	try {
		return parseBotConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(`${error.message}\nSee .env.example for every setting.`);
		return null;
	}
}

async function main(): Promise<void> {
	const config = readConfig();
	if (!config) {
		process.exitCode = 1;
		return;
	}
	const logger = pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
	try {
		const engine = await StoryEngine.open({ corpusDir: config.corpusDir, cacheDir: config.cacheDir, logger });
		const context = createBotContext({
			engine,
			logger,
			dataDir: config.dataDir,
			moderatorRoleIds: config.moderatorRoleIds,
			cooldownSeconds: config.cooldownSeconds,
		});
		const bot = await startBot({ token: config.token, apiBase: config.apiBase, context });

		let stopping = false;
		const shutdown = (signal: NodeJS.Signals) => {
			if (stopping) return;
			stopping = true;
			logger.info({ signal }, 'Shutting down');
			setTimeout(() => {
				logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'Shutdown timed out');
				process.exit(1);
			}, SHUTDOWN_TIMEOUT_MS).unref();
			bot.stop().then(
				() => logger.info({}, 'Disconnected from Discord'),
				(error: unknown) => {
					logger.error({ err: error }, 'Shutdown failed');
					process.exitCode = 1;
				},
			);
		};
		process.once('SIGINT', shutdown);
		process.once('SIGTERM', shutdown);
	} catch (error) {
		logger.fatal({ err: error }, 'Could not start the bot');
		process.exitCode = 1;
	}
}

await main();
