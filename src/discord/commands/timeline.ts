import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, ReadSession } from '../context.js';
import { recordQuotes } from '../correctionNotices.js';
import { formatTimelinePage, timelinePageCitations } from '../formatTimeline.js';
import { postReply } from '../reply.js';
import { pageTurner, type QuotingPage } from './pages.js';

function timelinePage(context: BotContext, { about, asOf }: ReadSession & { about: string | null }, offset: number, session: string, ephemeral: boolean): QuotingPage {
	const timeline = context.engine.timeline({ about, asOf });
	return { reply: formatTimelinePage(timeline, context.engine.status(), { offset, session, ephemeral }), quoted: timelinePageCitations(timeline, offset) };
}

export async function runTimeline(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const hide = interaction.options.getBoolean('hide') ?? false;
	const stored = { about: interaction.options.getString('about'), asOf: interaction.options.getString('as_of') ?? undefined };
	const { reply, quoted } = timelinePage(context, stored, 0, interaction.id, hide);
	context.timelineSessions.set(interaction.id, stored);
	await recordQuotes(context, await postReply(interaction, reply), quoted);
}

export const onTimelinePage = pageTurner('/timeline', (context) => context.timelineSessions, (context, stored, offset, session) => timelinePage(context, stored, offset, session, false));
