import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { formatQuote } from '../format.js';
import { sendReply } from '../reply.js';

export async function runQuote(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const source = interaction.options.getString('source', true);
	const paragraph = interaction.options.getInteger('paragraph', true);
	await sendReply(interaction, formatQuote(context.engine.quote(source, paragraph)));
}
