// `npm run deploy-commands`: registers the slash and message commands, in DISCORD_GUILD_ID when set, else globally.
import '../currentBuild.js';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, parseBotConfig } from '../config.js';
import { registerCommands } from '../discord/registerCommands.js';

loadDotenv({ quiet: true });
try {
	const config = parseBotConfig(process.env);
	const count = await registerCommands(config);
	const scope = config.guildId ? `in server ${config.guildId}` : 'globally (Discord may take up to an hour to show them everywhere)';
	console.log(`Registered ${count} commands ${scope}.`);
} catch (error) {
	// Never the error object as a whole: a failed request can carry its headers.
	console.error(error instanceof ConfigError ? error.message : `Could not register the commands: ${(error as Error).message}`);
	process.exitCode = 1;
}
