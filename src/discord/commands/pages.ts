import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseOffset, type ParsedCustomId } from '../customId.js';
import type { ExpiringMap } from '../expiringMap.js';
import { type Reply, updateMessage } from '../reply.js';
import { replyExpired } from './expired.js';

/**
 * The handler of a paged reply's Previous / Next buttons: reads again what the command stored under its session
 * and turns the page in place (the message keeps its visibility), or says plainly that the session has expired.
 */
export function pageTurner<S>(
	command: string,
	sessions: (context: BotContext) => ExpiringMap<S>,
	page: (context: BotContext, stored: S, offset: number, session: string) => Reply,
): (interaction: ButtonInteraction, customId: ParsedCustomId, context: BotContext) => Promise<void> {
	return async (interaction, { session, detail }, context) => {
		const stored = sessions(context).get(session);
		const offset = parseOffset(detail);
		if (stored === undefined || offset === null) return replyExpired(interaction, command);
		await updateMessage(interaction, page(context, stored, offset, session));
	};
}
