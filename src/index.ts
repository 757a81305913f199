// Composition root: .env → config → story engine → Discord client → login. Nothing else reads process.env.
import './currentBuild.js';
import { config as loadDotenv } from 'dotenv';
import { pino } from 'pino';
import { ConfigError, parseBotConfig, type BotConfig } from './config.js';
import { startBot } from './discord/client.js';
import { createBotContext } from './discord/context.js';
import { superviseProcess } from './processSupervisor.js';
import { StoryEngine } from './storyEngine.js';

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
	const supervisor = superviseProcess({ process, logger, drainTimeoutMs: config.drainTimeoutSeconds * 1_000 });
	try {
		const engine = await StoryEngine.open({ corpusDir: config.corpusDir, cacheDir: config.cacheDir, dataDir: config.dataDir, recordCorpus: true, logger });
		const context = createBotContext({
			engine,
			logger,
			dataDir: config.dataDir,
			moderatorRoleIds: config.moderatorRoleIds,
			cooldownSeconds: config.cooldownSeconds,
			correctionNoticeDays: config.correctionNoticeDays,
		});
		const bot = await startBot({ token: config.token, apiBase: config.apiBase, context });
		supervisor.serve((timeoutMs) => bot.drain(timeoutMs));
	} catch (error) {
		logger.fatal({ err: error }, 'Could not start the bot');
		process.exitCode = 1;
	}
}

await main();
