import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseOffset, type ParsedCustomId } from '../customId.js';
import { formatSearchPage, SEARCH_HITS_PER_PAGE } from '../format.js';
import { sendReply, updateMessage } from '../reply.js';
import { replyExpired } from './expired.js';

function searchPage(context: BotContext, { query, asOf }: { query: string; asOf?: string }, offset: number, session: string, ephemeral: boolean) {
	const { hits, total, asOf: coverage } = context.engine.search(query, { limit: SEARCH_HITS_PER_PAGE, offset, asOf });
	return formatSearchPage({ query, hits, total, offset, session, ephemeral, asOf: coverage });
}

export async function runSearch(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const query = interaction.options.getString('query', true);
	const hide = interaction.options.getBoolean('hide') ?? false;
	const stored = { query, asOf: interaction.options.getString('as_of') ?? undefined };
	const page = searchPage(context, stored, 0, interaction.id, hide);
	context.searchSessions.set(interaction.id, stored);
	await sendReply(interaction, page);
}

/** Turns the page in place: the message keeps its visibility. */
export async function onSearchPage(interaction: ButtonInteraction, { session, detail }: ParsedCustomId, context: BotContext): Promise<void> {
	const stored = context.searchSessions.get(session);
	const offset = parseOffset(detail);
	if (stored === undefined || offset === null) return replyExpired(interaction, '/search');
	await updateMessage(interaction, searchPage(context, stored, offset, session, false));
}
