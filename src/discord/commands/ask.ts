import type { ButtonInteraction, ChatInputCommandInteraction, RepliableInteraction } from 'discord.js';
import { ErrorCodes, UserFacingError } from '../../errors.js';
import type { AskSession, BotContext } from '../context.js';
import { parseOffset, type ParsedCustomId } from '../customId.js';
import { answerPassages, formatAnswer, formatFullParagraphs, formatMorePassages, PASSAGES_PER_PAGE } from '../format.js';
import { publicMessageOf, recordQuotes } from '../correctionNotices.js';
import { postReply, sendReply } from '../reply.js';
import { MAX_QUESTION_LENGTH } from './definitions.js';
import { replyExpired } from './expired.js';

export async function runAsk(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const question = interaction.options.getString('question', true);
	const hide = interaction.options.getBoolean('hide') ?? false;
	// Discord enforces the limit too, but only for the command as registered: an old registration may not.
	if (question.length > MAX_QUESTION_LENGTH) {
		throw new UserFacingError(ErrorCodes.QuestionTooLong, `Questions are limited to ${MAX_QUESTION_LENGTH} characters.`);
	}
	const asOf = interaction.options.getString('as_of') ?? undefined;
	await replyWithAnswer(interaction, context, { question, asOf, earlier: [], askedBy: interaction.user.id, ephemeral: hide, voters: new Set() });
}

/** Answers a question (or a follow-up) and keeps it for the answer's buttons, under the interaction's id. */
export async function replyWithAnswer(interaction: RepliableInteraction, context: BotContext, session: AskSession): Promise<void> {
	const { question } = session;
	const answer = context.engine.answer(question, session);
	context.askSessions.set(interaction.id, session);
	const posted = await postReply(interaction, formatAnswer(answer, context.engine.status(), { session: interaction.id, ephemeral: session.ephemeral }));
	if (!answer.answered) {
		// The user has their reply already; a log that cannot be written is the operator's problem, not theirs.
		await context.feedback
			.append({ kind: 'unanswered', at: new Date().toISOString(), question, ...(answer.continuedFrom ? { continuedFrom: answer.continuedFrom.question } : {}) })
			.catch((error: unknown) => context.logger.error({ err: error }, 'Could not record an unanswered question'));
	}
	await recordQuotes(context, posted, answerPassages(answer).slice(0, PASSAGES_PER_PAGE).map((quote) => quote.citation));
}

export async function onMorePassages(interaction: ButtonInteraction, { session, detail }: ParsedCustomId, context: BotContext): Promise<void> {
	const stored = context.askSessions.get(session);
	const offset = parseOffset(detail);
	if (!stored || offset === null) return replyExpired(interaction, '/ask');
	const answer = context.engine.answer(stored.question, stored);
	await sendReply(interaction, formatMorePassages(answer, offset, session));
	// The page is for the clicker's eyes only, so a notice about it replies to the answer it came from.
	const shown = answerPassages(answer).slice(offset, offset + PASSAGES_PER_PAGE);
	await recordQuotes(context, publicMessageOf(interaction), shown.map((quote) => quote.citation));
}

export async function onFullParagraphs(interaction: ButtonInteraction, { session, detail }: ParsedCustomId, context: BotContext): Promise<void> {
	const stored = context.askSessions.get(session);
	const offset = parseOffset(detail);
	if (!stored || offset === null) return replyExpired(interaction, '/ask');
	const shown = answerPassages(context.engine.answer(stored.question, stored)).slice(offset, offset + PASSAGES_PER_PAGE);
	const cited = new Map(shown.map(({ citation }) => [`${citation.doc}\u0000${citation.paragraph}`, citation]));
	const paragraphs = [...cited.values()].map(({ doc, paragraph }) => context.engine.quote(doc, paragraph));
	await sendReply(interaction, formatFullParagraphs(paragraphs));
}

const voteEmoji = { up: '👍', down: '👎' } as const;

export async function onVote(interaction: ButtonInteraction, { session, detail }: ParsedCustomId, context: BotContext): Promise<void> {
	const stored = context.askSessions.get(session);
	if (!stored || (detail !== 'up' && detail !== 'down')) return replyExpired(interaction, '/ask');
	if (stored.voters.has(interaction.user.id)) {
		return sendReply(interaction, { ephemeral: true, content: 'You already rated this answer. Thank you!' });
	}
	await context.feedback.append({ kind: 'vote', at: new Date().toISOString(), vote: detail, question: stored.question });
	stored.voters.add(interaction.user.id);
	await sendReply(interaction, { ephemeral: true, content: `Thanks, your ${voteEmoji[detail]} is recorded: it tells the newsroom what works.` });
}
