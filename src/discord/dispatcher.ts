import type { Interaction } from 'discord.js';
import { UserFacingError } from '../errors.js';
import type { BotContext } from './context.js';
import { cooldownNotice } from './cooldowns.js';
import { parseCustomId, parseModalId } from './customId.js';
import type { InteractionGate } from './interactionGate.js';
import { buttonHandlers, chatInputCommands, lookUp, messageCommands, modalHandlers, type ChatInputCommand } from './commands/registry.js';
import { replyExpired } from './commands/expired.js';
import { isModerator, memberRights } from './permissions.js';
import { sendChoices, sendReply } from './reply.js';
import { escapeMarkdown } from './text.js';

export const GENERIC_FAILURE = 'Sorry, something went wrong on our side. It has been logged; please try again in a moment.';
const MODERATORS_ONLY = 'Only moderators can use this command: it needs the Manage Server permission or a moderator role.';

export const RESTARTING = 'The bot is restarting: try again in a moment.';

/** The one place that routes interactions and holds the error policy. Once the gate closes, it only says it is restarting. */
export function createInteractionHandler(context: BotContext, gate: InteractionGate): (interaction: Interaction) => Promise<void> {
	return (interaction) => gate.track(handle(interaction, context, gate.open));
}

async function handle(interaction: Interaction, context: BotContext, admitted: boolean): Promise<void> {
	try {
		await (admitted ? route(interaction, context) : turnAway(interaction));
	} catch (error) {
		await reportFailure(interaction, error, context);
	}
}

async function turnAway(interaction: Interaction): Promise<void> {
	if (interaction.isAutocomplete()) return sendChoices(interaction, []);
	if (interaction.isRepliable()) return sendReply(interaction, { ephemeral: true, content: RESTARTING });
}

async function route(interaction: Interaction, context: BotContext): Promise<void> {
	if (interaction.isChatInputCommand()) {
		const command = lookUp(chatInputCommands, interaction.commandName);
		if (!command) throw new Error(`No handler for /${interaction.commandName}`);
		if (!mayUse(command, interaction, context)) return sendReply(interaction, { ephemeral: true, content: MODERATORS_ONLY });
		if ('cooldown' in command) {
			const wait = context.cooldowns.take(interaction.user.id, interaction.commandName);
			if (wait > 0) return sendReply(interaction, { ephemeral: true, content: cooldownNotice(wait) });
		}
		return command.run(interaction, context);
	}
	if (interaction.isAutocomplete()) {
		const command = lookUp(chatInputCommands, interaction.commandName);
		// Choices would show a non-moderator what only moderators may see (the document list of /corpus remove).
		if (!command || !('autocomplete' in command) || !mayUse(command, interaction, context)) return sendChoices(interaction, []);
		return command.autocomplete(interaction, context);
	}
	if (interaction.isMessageContextMenuCommand()) {
		const run = lookUp(messageCommands, interaction.commandName);
		if (!run) throw new Error(`No handler for message command "${interaction.commandName}"`);
		return run(interaction, context);
	}
	if (interaction.isButton()) {
		const customId = parseCustomId(interaction.customId);
		// An id this version does not know comes from a message an older version posted.
		if (!customId) return replyExpired(interaction, 'the command');
		return buttonHandlers[customId.kind](interaction, customId, context);
	}
	if (interaction.isModalSubmit()) {
		const customId = parseModalId(interaction.customId);
		if (!customId) return replyExpired(interaction, 'the command');
		return modalHandlers[customId.kind](interaction, customId, context);
	}
}

/** Checked on the server for every use, suggestions included: what Discord shows or hides is the server admins' choice. */
function mayUse(command: ChatInputCommand, interaction: Interaction, context: BotContext): boolean {
	return !command.moderatorsOnly || isModerator(memberRights(interaction), context.moderatorRoleIds);
}

function describe(interaction: Interaction): Record<string, unknown> {
	return {
		interactionId: interaction.id,
		interactionType: interaction.type,
		...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
		...(interaction.isChatInputCommand() || interaction.isAutocomplete()
			? { subcommand: interaction.options.getSubcommand(false) }
			: {}),
		...(interaction.isMessageComponent() || interaction.isModalSubmit() ? { customId: interaction.customId } : {}),
		userId: interaction.user.id,
		guildId: interaction.guildId,
		channelId: interaction.channelId,
	};
}

/**
 * A UserFacingError's message is written for users and goes back as is (escaped: it may quote their input).
 * Anything else is logged with its context, and the user gets a short generic line: never an internal message
 * or a stack trace.
 */
async function reportFailure(interaction: Interaction, error: unknown, context: BotContext): Promise<void> {
	const details = describe(interaction);
	let message = GENERIC_FAILURE;
	if (error instanceof UserFacingError) {
		context.logger.info({ ...details, code: error.code }, 'Refused an interaction');
		message = escapeMarkdown(error.message);
	} else {
		context.logger.error({ ...details, err: error }, 'Interaction failed');
	}
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await sendChoices(interaction, []);
		} else if (interaction.isRepliable()) {
			await sendReply(interaction, { ephemeral: true, content: message });
		}
	} catch (sendError) {
		context.logger.error({ ...details, err: sendError }, 'Could not tell the user about a failure');
	}
}
