import { MessageFlags, type MessageComponentInteraction, type REST, Routes } from 'discord.js';
import type { Citation, Correction } from '../answer/types.js';
import type { BotContext } from './context.js';
import { formatCorrectionNotice } from './formatCorrections.js';
import type { PublicMessage } from './reply.js';

/** A notice the bot could not post (no Send Messages permission, a deleted channel): logged, and shown in /corpus status. */
export interface NoticeFailure {
	channelId: string;
	doc: string;
	paragraph: number;
	at: string;
	/** Discord's own words, e.g. "Missing Permissions". */
	reason: string;
}

/** Status shows the latest; the log has them all. */
const MAX_KEPT_FAILURES = 50;

/**
 * The public message a button sits on (an answer, a search or timeline page), or null when it is ephemeral. What the
 * button shows next counts as quoted there: the notice replies to the message it came from, which the channel saw.
 */
export function publicMessageOf({ message }: MessageComponentInteraction): PublicMessage | null {
	return message.flags.has(MessageFlags.Ephemeral) ? null : { channelId: message.channelId, messageId: message.id };
}

/** Which paragraphs a public message quoted, for the notices a correction posts. Best effort: a failure is logged. */
export async function recordQuotes(context: BotContext, message: PublicMessage | null, citations: readonly Citation[]): Promise<void> {
	if (!message || citations.length === 0) return;
	try {
		// The ledger keeps one entry per paragraph and channel, so a paragraph cited twice is recorded once there.
		await context.ledger.record({ ...message, at: new Date().toISOString(), quoted: citations.map(({ doc, paragraph }) => ({ doc, paragraph })) });
	} catch (error) {
		context.logger.error({ err: error, channelId: message.channelId }, 'Could not record which paragraphs a reply quoted');
	}
}

/** The source as a notice names it, or the document id when the document has gone since. */
function sourceOf(context: BotContext, { doc, paragraph }: Correction): string {
	const document = context.engine.documents().find((candidate) => candidate.id === doc);
	return `${document && document.publisher !== 'unknown' ? document.publisher : doc} ¶${paragraph}`;
}

/**
 * One notice in each channel where a corrected paragraph was quoted within the ledger's retention, as a reply to the
 * bot's latest message there that quoted it. A notice that cannot be posted is logged and kept for /corpus status.
 */
export async function postCorrectionNotices(rest: REST, context: BotContext, corrections: readonly Correction[]): Promise<void> {
	for (const correction of corrections) {
		for (const entry of await context.ledger.latestQuoting(correction.doc, correction.paragraph)) {
			const content = formatCorrectionNotice(correction, sourceOf(context, correction), entry.at.slice(0, 10));
			try {
				await rest.post(Routes.channelMessages(entry.channelId), {
					body: { content, message_reference: { message_id: entry.messageId, fail_if_not_exists: false }, allowed_mentions: { parse: [] } },
				});
			} catch (error) {
				const failure = { channelId: entry.channelId, doc: correction.doc, paragraph: correction.paragraph, at: new Date().toISOString(), reason: (error as Error).message };
				context.noticeFailures.push(failure);
				context.noticeFailures.splice(0, Math.max(0, context.noticeFailures.length - MAX_KEPT_FAILURES));
				context.logger.warn({ ...failure, status: (error as { status?: number }).status }, 'Could not post a correction notice; it needs the Send Messages permission in that channel');
			}
		}
	}
}
