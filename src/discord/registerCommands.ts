import { REST, Routes } from 'discord.js';
import { commandDefinitions } from './commands/definitions.js';

export interface RegisterCommandsOptions {
	token: string;
	clientId: string;
	/** Registers in one server (instant, for setting up) instead of globally. */
	guildId: string | null;
	apiBase: string;
}

/** Replaces the application's commands with exactly the definitions; returns how many Discord now has. */
export async function registerCommands({ token, clientId, guildId, apiBase }: RegisterCommandsOptions): Promise<number> {
	const rest = new REST({ api: apiBase }).setToken(token);
	const route = guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
	const registered = (await rest.put(route, { body: commandDefinitions })) as unknown[];
	return registered.length;
}
