import type { ChatInputCommandInteraction } from 'discord.js';
import { parseParagraphNumber } from '../../corpus/paragraphNumber.js';
import type { BotContext } from '../context.js';
import { formatQuote } from '../format.js';
import { sendReply } from '../reply.js';

export async function runQuote(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const source = interaction.options.getString('source', true);
	// Read raw, not with getInteger, which throws a TypeError for a value of any other type: whatever arrives gets the
	// CLI's parser and its clear refusal.
	const paragraph = parseParagraphNumber(interaction.options.get('paragraph', true).value, source);
	await sendReply(interaction, formatQuote(context.engine.quote(source, paragraph)));
}
