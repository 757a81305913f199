import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { parseParagraphNumber } from '../../corpus/paragraphNumber.js';
import type { BotContext } from '../context.js';
import { recordQuotes } from '../correctionNotices.js';
import type { ParsedCustomId } from '../customId.js';
import { formatQuote } from '../format.js';
import { earlierTextButton, formatEarlierText } from '../formatCorrections.js';
import { postReply, sendReply } from '../reply.js';
import { replyExpired } from './expired.js';

export async function runQuote(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const source = interaction.options.getString('source', true);
	// Read raw, not with getInteger, which throws a TypeError for a value of any other type: whatever arrives gets the
	// CLI's parser and its clear refusal.
	const paragraph = parseParagraphNumber(interaction.options.get('paragraph', true).value, source);
	const hit = context.engine.quote(source, paragraph);
	const reply = formatQuote(hit);
	if (hit.citation.corrected) context.quoteSessions.set(interaction.id, { doc: hit.citation.doc, paragraph });
	await recordQuotes(context, await postReply(interaction, hit.citation.corrected ? { ...reply, components: [earlierTextButton(interaction.id)] } : reply), [hit.citation]);
}

/** The paragraph as it read before its latest correction, to the one who asks only. */
export async function onEarlierText(interaction: ButtonInteraction, { session }: ParsedCustomId, context: BotContext): Promise<void> {
	const quoted = context.quoteSessions.get(session);
	const correction = quoted && context.engine.correctionOf(quoted.doc, quoted.paragraph);
	if (!correction) return replyExpired(interaction, '/quote');
	await sendReply(interaction, formatEarlierText(correction));
}
