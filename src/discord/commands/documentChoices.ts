import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { MAX_CHOICE_LENGTH, sendChoices } from '../reply.js';
import { singleLine, trimText } from '../text.js';

const MIN_TITLE_LENGTH = 30;

function fold(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Autocomplete over documents (for /quote source and /corpus remove): id, title or publisher containing the input. */
export async function completeDocument(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
	const typed = fold(String(interaction.options.getFocused()).trim());
	const matches = context.engine
		.documents()
		.filter((doc) => !typed || [doc.id, doc.title, doc.publisher].some((text) => fold(text).includes(typed)));
	await sendChoices(interaction, matches.map((doc) => ({ name: choiceName(doc.title, `(${doc.publisher}, ${doc.date ?? 'undated'})`), value: doc.id })));
}

/** The title gives way, so publisher and date, which tell same-titled articles apart, show whenever they can. */
function choiceName(title: string, source: string): string {
	return `${trimText(singleLine(title), Math.max(MIN_TITLE_LENGTH, MAX_CHOICE_LENGTH - source.length - 1))} ${singleLine(source)}`;
}
