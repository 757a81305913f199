import type { ButtonInteraction } from 'discord.js';
import type { Citation } from '../../answer/types.js';
import type { BotContext } from '../context.js';
import { publicMessageOf, recordQuotes } from '../correctionNotices.js';
import { parseOffset, type ParsedCustomId } from '../customId.js';
import type { ExpiringMap } from '../expiringMap.js';
import { type Reply, updateMessage } from '../reply.js';
import { replyExpired } from './expired.js';

/** A page of a paged reply, and the paragraphs it quotes (which the quote ledger records). */
export interface QuotingPage {
	reply: Reply;
	quoted: readonly Citation[];
}

/**
 * The handler of a paged reply's Previous / Next buttons: reads again what the command stored under its session
 * and turns the page in place (the message keeps its visibility), or says plainly that the session has expired.
 */
export function pageTurner<S>(
	command: string,
	sessions: (context: BotContext) => ExpiringMap<S>,
	page: (context: BotContext, stored: S, offset: number, session: string) => QuotingPage,
): (interaction: ButtonInteraction, customId: ParsedCustomId, context: BotContext) => Promise<void> {
	return async (interaction, { session, detail }, context) => {
		const stored = sessions(context).get(session);
		const offset = parseOffset(detail);
		if (stored === undefined || offset === null) return replyExpired(interaction, command);
		const { reply, quoted } = page(context, stored, offset, session);
		await updateMessage(interaction, reply);
		await recordQuotes(context, publicMessageOf(interaction), quoted);
	};
}
