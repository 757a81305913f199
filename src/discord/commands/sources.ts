import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { formatSources } from '../format.js';
import { sendReply } from '../reply.js';

export async function runSources(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	await sendReply(interaction, formatSources(context.engine.documents(), context.engine.status()));
}
