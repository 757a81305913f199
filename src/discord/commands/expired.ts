import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { SESSION_TTL_MS } from '../context.js';
import { sendReply } from '../reply.js';

/** Button state lives in memory for a while only (and not across restarts): say so rather than fail. */
export async function replyExpired(interaction: ButtonInteraction | ModalSubmitInteraction, command: string): Promise<void> {
	const minutes = SESSION_TTL_MS / 60_000;
	await sendReply(interaction, {
		ephemeral: true,
		content: `This button has expired (buttons work for ${minutes} minutes after the command). Please run ${command} again.`,
	});
}
