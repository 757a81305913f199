import type { MessageContextMenuCommandInteraction } from 'discord.js';
import { ErrorCodes, UserFacingError } from '../../errors.js';
import type { BotContext } from '../context.js';
import { formatClaimCheck } from '../format.js';
import { sendReply } from '../reply.js';

/** The message's text arrives with the interaction: no Message Content intent needed. */
export async function runCheckClaim(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void> {
	const text = interaction.targetMessage.content.trim();
	if (!text) {
		throw new UserFacingError(ErrorCodes.QuestionEmpty, 'That message has no text to check: only the text of a message is checked, not embeds or files.');
	}
	await sendReply(interaction, formatClaimCheck(text, context.engine.checkClaim(text)));
}
