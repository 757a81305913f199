import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { ErrorCodes, UserFacingError } from '../../errors.js';
import type { AskSession, BotContext } from '../context.js';
import { cooldownNotice } from '../cooldowns.js';
import type { ModalKind, ParsedCustomId } from '../customId.js';
import { FOLLOW_UP_FIELD, followUpModal } from '../format.js';
import { sendReply, showTextModal } from '../reply.js';
import { replyWithAnswer } from './ask.js';
import { MAX_QUESTION_LENGTH } from './definitions.js';
import { replyExpired } from './expired.js';

const NOT_YOURS = 'Only the person who asked can follow up on this answer. Use /ask to ask a question of your own.';

/** The stored question behind a follow-up button or modal, when it is still there and `interaction`'s user asked it. */
async function ownSession(interaction: ButtonInteraction | ModalSubmitInteraction, session: string, context: BotContext): Promise<AskSession | null> {
	const stored = context.askSessions.get(session);
	if (!stored) {
		await replyExpired(interaction, '/ask');
		return null;
	}
	if (stored.askedBy !== interaction.user.id) {
		await sendReply(interaction, { ephemeral: true, content: NOT_YOURS });
		return null;
	}
	return stored;
}

/** "Ask a follow-up": a modal with one line, for the asker only. */
export async function onFollowUp(interaction: ButtonInteraction, { session }: ParsedCustomId, context: BotContext): Promise<void> {
	const stored = await ownSession(interaction, session, context);
	if (stored) await showTextModal(interaction, followUpModal(session, stored.question, MAX_QUESTION_LENGTH));
}

/** The typed follow-up, answered in the context of the question it follows, with buttons of its own. */
export async function onFollowUpSubmit(interaction: ModalSubmitInteraction, { session }: ParsedCustomId<ModalKind>, context: BotContext): Promise<void> {
	const stored = await ownSession(interaction, session, context);
	if (!stored) return;
	const question = interaction.fields.getTextInputValue(FOLLOW_UP_FIELD);
	// Discord holds the field to its max_length, but a crafted submission need not be.
	if (question.length > MAX_QUESTION_LENGTH) {
		throw new UserFacingError(ErrorCodes.QuestionTooLong, `Questions are limited to ${MAX_QUESTION_LENGTH} characters.`);
	}
	const wait = context.cooldowns.take(interaction.user.id, 'follow-up');
	if (wait > 0) return sendReply(interaction, { ephemeral: true, content: cooldownNotice(wait) });
	// Each follow-up takes one submission by hand, so the chain stays short; the engine reads its last few only.
	const earlier = [...stored.earlier, stored.question];
	await replyWithAnswer(interaction, context, { ...stored, question, earlier, voters: new Set() });
}
