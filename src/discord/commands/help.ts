import type { ChatInputCommandInteraction } from 'discord.js';
import { formatHelp } from '../format.js';
import { sendReply } from '../reply.js';

export async function runHelp(interaction: ChatInputCommandInteraction): Promise<void> {
	await sendReply(interaction, formatHelp());
}
