import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, ReadSession } from '../context.js';
import { formatSearchPage, SEARCH_HITS_PER_PAGE } from '../format.js';
import { recordQuotes } from '../correctionNotices.js';
import { postReply } from '../reply.js';
import { pageTurner, type QuotingPage } from './pages.js';

function searchPage(context: BotContext, { query, asOf }: ReadSession & { query: string }, offset: number, session: string, ephemeral: boolean): QuotingPage {
	const { hits, total, asOf: coverage } = context.engine.search(query, { limit: SEARCH_HITS_PER_PAGE, offset, asOf });
	return { reply: formatSearchPage({ query, hits, total, offset, session, ephemeral, asOf: coverage }), quoted: hits.map((hit) => hit.citation) };
}

export async function runSearch(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const query = interaction.options.getString('query', true);
	const hide = interaction.options.getBoolean('hide') ?? false;
	const stored = { query, asOf: interaction.options.getString('as_of') ?? undefined };
	const { reply, quoted } = searchPage(context, stored, 0, interaction.id, hide);
	context.searchSessions.set(interaction.id, stored);
	await recordQuotes(context, await postReply(interaction, reply), quoted);
}

export const onSearchPage = pageTurner('/search', (context) => context.searchSessions, (context, stored, offset, session) => searchPage(context, stored, offset, session, false));
