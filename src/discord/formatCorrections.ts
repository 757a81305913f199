import { time, type APIEmbedField } from 'discord.js';
import type { Correction } from '../answer/types.js';
import { correctionNote, type CorrectionResult, describeCorrection } from '../storyEngine.js';
import { ButtonKinds, encodeCustomId } from './customId.js';
import { blockQuote, Colors, formatUploadReport, shortNote } from './format.js';
import type { NoticeFailure } from './correctionNotices.js';
import { buttonRow, type ButtonRow, MAX_CONTENT_LENGTH, MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBED_FIELD_VALUE_LENGTH, MAX_EMBED_TITLE_LENGTH, type Reply } from './reply.js';
import { escapeMarkdown, joinWithin, renderWithin, trimText } from './text.js';

function noteOf(correction: Correction): string {
	return correction.note === null ? '*no note: found when the file changed*' : escapeMarkdown(shortNote(correction.note));
}

/** "**ap-… ¶12** · <time> · by desk#1" over its note: one entry of the list. */
function listEntry(correction: Correction): string {
	const by = correction.by ? ` · by ${escapeMarkdown(correction.by)}` : '';
	return `**${escapeMarkdown(correction.doc)} ¶${correction.paragraph}** · ${time(new Date(correction.at), 'f')}${by}\n${noteOf(correction)}`;
}

/** Every correction, newest first, as many as one embed holds and a count of the rest. */
export function formatCorrections(corrections: readonly Correction[]): Reply {
	const newest = [...corrections].reverse();
	return {
		ephemeral: true,
		embeds: [
			{
				title: `Corrections (${corrections.length})`,
				description: newest.length > 0 ? joinWithin(newest.map(listEntry), MAX_EMBED_DESCRIPTION_LENGTH, { separator: '\n\n' }) : 'No correction has been recorded.',
				color: Colors.Moderation,
				...(newest.length > 0 ? { footer: { text: 'Newest first; the full texts are in corrections.json in DATA_DIR.' } } : {}),
			},
		],
	};
}

function textField(name: string, text: string): APIEmbedField {
	return { name, value: renderWithin(text, MAX_EMBED_FIELD_VALUE_LENGTH) || '(empty)' };
}

/** The correction recorded (its texts before and after), and with a file, what replacing it changed. */
export function formatCorrectionResult({ correction: recorded, corrections, upload }: CorrectionResult): Reply {
	const others = corrections.length - 1;
	const heading = `Correction recorded: ${recorded.doc} ¶${recorded.paragraph}`;
	const embed = {
		title: trimText(heading, MAX_EMBED_TITLE_LENGTH),
		description: [noteOf(recorded), ...(others > 0 ? [`The file changed ${others} other ${others === 1 ? 'paragraph' : 'paragraphs'} too, recorded without a note.`] : [])].join('\n\n'),
		color: Colors.Moderation,
		fields: recorded.before === recorded.after ? [textField('Text', recorded.after)] : [textField('Before', recorded.before), textField('After', recorded.after)],
	};
	if (!upload) return { ephemeral: true, embeds: [embed] };
	return { ephemeral: true, embeds: [embed, ...(formatUploadReport('File replaced', upload).embeds ?? [])] };
}

/**
 * "Correction: The Associated Press ¶12, quoted here on 2025-12-06, was corrected on 2025-12-08: …", then the
 * paragraph as it reads now, within one message.
 */
export function formatCorrectionNotice(correction: Correction, source: string, quotedOn: string): string {
	const note = correctionNote(correction.note && escapeMarkdown(shortNote(correction.note)));
	const heading = `Correction: ${escapeMarkdown(source)}, quoted here on ${quotedOn}, was corrected on ${correction.at.slice(0, 10)}: ${note}`;
	const text = correction.after === correction.before ? '' : `\nIt now reads:\n${renderWithin(correction.after, MAX_CONTENT_LENGTH - heading.length - 20, blockQuote)}`;
	return `${heading}${text}`;
}

/** /corpus status with the notices that could not be posted, latest first; as it was when every notice went out. */
export function withNoticeFailures(status: Reply, failures: readonly NoticeFailure[]): Reply {
	const [embed, ...rest] = status.embeds ?? [];
	if (failures.length === 0 || !embed) return status;
	const lines = [...failures].reverse().map((failure) => `• <#${failure.channelId}>: ${escapeMarkdown(failure.doc)} ¶${failure.paragraph} (${escapeMarkdown(failure.reason)})`);
	const field = { name: `Correction notices not posted (${failures.length})`, value: joinWithin(lines, MAX_EMBED_FIELD_VALUE_LENGTH) };
	return { ...status, embeds: [{ ...embed, fields: [...(embed.fields ?? []), field] }, ...rest] };
}

/** Under a /quote of a corrected paragraph. */
export function earlierTextButton(session: string): ButtonRow {
	return buttonRow({ customId: encodeCustomId(ButtonKinds.EarlierText, session, 'before'), label: 'Earlier text', emoji: '🕘' });
}

/** The text before the correction, verbatim, with what the correction said. */
export function formatEarlierText(correction: Correction): Reply {
	const unchanged = correction.before === correction.after;
	return {
		ephemeral: true,
		embeds: [
			{
				title: trimText(`${correction.doc} ¶${correction.paragraph} before its correction`, MAX_EMBED_TITLE_LENGTH),
				description: unchanged
					? 'The correction left the text as it was; its note:\n\n' + noteOf(correction)
					: renderWithin(correction.before, MAX_EMBED_DESCRIPTION_LENGTH, blockQuote),
				color: Colors.Moderation,
				footer: { text: describeCorrection({ on: correction.at.slice(0, 10), note: correction.note && shortNote(correction.note) }) },
			},
		],
	};
}
