import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, ReadSession } from '../context.js';
import { formatTimelinePage } from '../formatTimeline.js';
import { sendReply } from '../reply.js';
import { pageTurner } from './pages.js';

function timelinePage(context: BotContext, { about, asOf }: ReadSession & { about: string | null }, offset: number, session: string, ephemeral: boolean) {
	return formatTimelinePage(context.engine.timeline({ about, asOf }), context.engine.status(), { offset, session, ephemeral });
}

export async function runTimeline(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const stored = { about: interaction.options.getString('about'), asOf: interaction.options.getString('as_of') ?? undefined };
	const page = timelinePage(context, stored, 0, interaction.id, interaction.options.getBoolean('hide') ?? false);
	context.timelineSessions.set(interaction.id, stored);
	await sendReply(interaction, page);
}

export const onTimelinePage = pageTurner('/timeline', (context) => context.timelineSessions, (context, stored, offset, session) => timelinePage(context, stored, offset, session, false));
