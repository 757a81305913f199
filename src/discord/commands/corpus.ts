import path from 'node:path';
import type { Attachment, ChatInputCommandInteraction } from 'discord.js';
import { downloadUpload, fileTooLarge } from '../../corpus/downloadUpload.js';
import type { ArticleMeta } from '../../corpus/types.js';
import { ErrorCodes, UserFacingError } from '../../errors.js';
import { printable } from '../../printable.js';
import type { BotContext } from '../context.js';
import { formatRefreshReport, formatStatus, formatUploadReport } from '../format.js';
import { deferReply, sendReply } from '../reply.js';
import { escapeMarkdown } from '../text.js';
import { CorpusSubcommands } from './definitions.js';

export const UPLOAD_EXTENSIONS = ['.md', '.txt', '.jsonl'] as const;
/** Discord's own upload limit for servers without boosts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Moderator rights are checked by the dispatcher before this runs. */
export async function runCorpus(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const { engine } = context;
	const by = interaction.user.tag;
	const subcommand = interaction.options.getSubcommand(true);
	switch (subcommand) {
		case CorpusSubcommands.Status: {
			// Running counts answer at once; only the first status reads the log, and that may take a while.
			const known = context.feedback.knownCounts();
			if (!known) await deferReply(interaction, { ephemeral: true });
			return sendReply(interaction, formatStatus(engine.status(), known ?? (await context.feedback.counts())));
		}
		case CorpusSubcommands.Reload: {
			await deferReply(interaction, { ephemeral: true });
			return sendReply(interaction, formatRefreshReport('Corpus reloaded', await engine.reload(by)));
		}
		case CorpusSubcommands.Add: {
			const file = interaction.options.getAttachment('file', true);
			checkUpload(file);
			await deferReply(interaction, { ephemeral: true });
			const upload = {
				fileName: file.name,
				content: await downloadUpload(file.url, { maxBytes: MAX_UPLOAD_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS }),
				meta: readMeta(interaction),
				replace: interaction.options.getBoolean('replace') ?? false,
			};
			return sendReply(interaction, formatUploadReport(`Added ${escapeMarkdown(printable(file.name))}`, await engine.addDocument(upload, by)));
		}
		case CorpusSubcommands.Remove: {
			const doc = interaction.options.getString('document', true);
			await deferReply(interaction, { ephemeral: true });
			return sendReply(interaction, formatRefreshReport(`Removed ${doc}`, await engine.removeDocument(doc, by)));
		}
		default:
			throw new Error(`Unknown /corpus subcommand: ${subcommand}`);
	}
}

/** Refused before deferring, so the moderator hears at once, and before anything is downloaded. */
function checkUpload(file: Attachment): void {
	const extension = path.extname(file.name).toLowerCase();
	if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(extension)) {
		throw new UserFacingError(ErrorCodes.InvalidDocument, `Only ${UPLOAD_EXTENSIONS.join(', ')} files can be added.`);
	}
	if (file.name !== path.basename(file.name) || file.name.startsWith('.')) {
		throw new UserFacingError(ErrorCodes.InvalidDocument, 'The file name must be a plain name, without folders.');
	}
	if (file.size > MAX_UPLOAD_BYTES) throw fileTooLarge(MAX_UPLOAD_BYTES);
}

/** Only what the moderator filled in: the engine keeps the file's own metadata for the rest. */
function readMeta(interaction: ChatInputCommandInteraction): Partial<ArticleMeta> {
	const meta: Partial<ArticleMeta> = {};
	for (const key of ['title', 'publisher', 'date', 'url'] as const) {
		const value = interaction.options.getString(key)?.trim();
		if (value) meta[key] = value;
	}
	return meta;
}
