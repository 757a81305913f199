import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { sendChoices } from '../reply.js';

function fold(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Autocomplete over documents (for /quote source and /corpus remove): id, title or publisher containing the input. */
export async function completeDocument(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
	const typed = fold(String(interaction.options.getFocused()).trim());
	const matches = context.engine
		.documents()
		.filter((doc) => !typed || [doc.id, doc.title, doc.publisher].some((text) => fold(text).includes(typed)));
	await sendChoices(
		interaction,
		matches.map((doc) => ({ name: `${doc.title} (${doc.publisher}, ${doc.date ?? 'undated'})`, value: doc.id })),
	);
}
