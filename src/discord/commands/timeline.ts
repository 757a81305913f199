import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, ReadSession } from '../context.js';
import { parseOffset, type ParsedCustomId } from '../customId.js';
import { formatTimelinePage } from '../formatTimeline.js';
import { sendReply, updateMessage } from '../reply.js';
import { replyExpired } from './expired.js';

function timelinePage(context: BotContext, { about, asOf }: ReadSession & { about: string | null }, offset: number, session: string, ephemeral: boolean) {
	return formatTimelinePage(context.engine.timeline({ about, asOf }), context.engine.status(), { offset, session, ephemeral });
}

export async function runTimeline(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const stored = { about: interaction.options.getString('about'), asOf: interaction.options.getString('as_of') ?? undefined };
	const page = timelinePage(context, stored, 0, interaction.id, interaction.options.getBoolean('hide') ?? false);
	context.timelineSessions.set(interaction.id, stored);
	await sendReply(interaction, page);
}

/** Turns the page in place: the message keeps its visibility. */
export async function onTimelinePage(interaction: ButtonInteraction, { session, detail }: ParsedCustomId, context: BotContext): Promise<void> {
	const stored = context.timelineSessions.get(session);
	const offset = parseOffset(detail);
	if (stored === undefined || offset === null) return replyExpired(interaction, '/timeline');
	await updateMessage(interaction, timelinePage(context, stored, offset, session, false));
}
