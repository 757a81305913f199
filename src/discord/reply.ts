import {
	ButtonStyle,
	ComponentType,
	MessageFlags,
	TextInputStyle,
	type APIActionRowComponent,
	type APIApplicationCommandOptionChoice,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
	type APIModalInteractionResponseCallbackData,
	type AutocompleteInteraction,
	type Message,
	type MessageComponentInteraction,
	type RepliableInteraction,
} from 'discord.js';
import { ELLIPSIS, trimText } from './text.js';

// Discord's limits, from its API documentation. Exceeding any of them makes the API reject the whole reply.
export const MAX_CONTENT_LENGTH = 2_000;
export const MAX_EMBED_TITLE_LENGTH = 256;
export const MAX_EMBED_DESCRIPTION_LENGTH = 4_096;
export const MAX_EMBED_FIELD_NAME_LENGTH = 256;
export const MAX_EMBED_FIELD_VALUE_LENGTH = 1_024;
export const MAX_EMBED_FIELDS = 25;
export const MAX_EMBED_FOOTER_LENGTH = 2_048;
export const MAX_EMBED_AUTHOR_NAME_LENGTH = 256;
/** Title, description, field names and values, footer and author of every embed in one message, together. */
export const MAX_EMBEDS_TOTAL_LENGTH = 6_000;
export const MAX_EMBEDS = 10;
export const MAX_AUTOCOMPLETE_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;
export const MAX_CUSTOM_ID_LENGTH = 100;
export const MAX_BUTTON_LABEL_LENGTH = 80;
export const MAX_ACTION_ROWS = 5;
export const MAX_BUTTONS_PER_ROW = 5;
export const MAX_MODAL_TITLE_LENGTH = 45;
export const MAX_MODAL_LABEL_LENGTH = 45;
export const MAX_PLACEHOLDER_LENGTH = 100;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What a handler wants to say. Handlers never build discord.js payloads themselves: everything goes through here. */
export interface Reply {
	content?: string;
	embeds?: APIEmbed[];
	components?: ButtonRow[];
	/** Only the person who ran the command sees it. */
	ephemeral?: boolean;
}

export interface ReplyPayload {
	content?: string;
	embeds: APIEmbed[];
	components: ButtonRow[];
	/** Nothing may ping anyone: quotes and echoed questions can contain @everyone or role mentions. */
	allowedMentions: { parse: [] };
	flags?: MessageFlags.Ephemeral;
}

/** The one place the safe defaults live: no mentions, every limit respected, ephemeral as a flag. */
export function buildReply(reply: Reply): ReplyPayload {
	const payload: ReplyPayload = {
		embeds: fitEmbeds(reply.embeds ?? []),
		components: (reply.components ?? []).slice(0, MAX_ACTION_ROWS),
		allowedMentions: { parse: [] },
	};
	if (reply.content !== undefined) payload.content = trimText(reply.content, MAX_CONTENT_LENGTH);
	if (reply.ephemeral) payload.flags = MessageFlags.Ephemeral;
	return payload;
}

function clampEmbed(embed: APIEmbed): APIEmbed {
	const clamped: APIEmbed = { ...embed };
	if (embed.title !== undefined) clamped.title = trimText(embed.title, MAX_EMBED_TITLE_LENGTH);
	if (embed.description !== undefined) clamped.description = trimText(embed.description, MAX_EMBED_DESCRIPTION_LENGTH);
	if (embed.footer) clamped.footer = { ...embed.footer, text: trimText(embed.footer.text, MAX_EMBED_FOOTER_LENGTH) };
	if (embed.author) clamped.author = { ...embed.author, name: trimText(embed.author.name, MAX_EMBED_AUTHOR_NAME_LENGTH) };
	if (embed.fields) {
		clamped.fields = embed.fields.slice(0, MAX_EMBED_FIELDS).map((field) => ({
			...field,
			name: trimText(field.name, MAX_EMBED_FIELD_NAME_LENGTH),
			value: trimText(field.value, MAX_EMBED_FIELD_VALUE_LENGTH),
		}));
	}
	return clamped;
}

export function embedLength(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.author?.name.length ?? 0) +
		(embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
	);
}

/** A description or field value: the long text slots, with a way to write a shortened text back. */
interface Slot {
	text: string;
	set(text: string): void;
}

function shrinkableSlots(embeds: APIEmbed[]): Slot[] {
	return embeds.flatMap((embed) => [
		...(embed.description === undefined ? [] : [{ text: embed.description, set: (text: string) => (embed.description = text) }]),
		...(embed.fields ?? []).map((field) => ({ text: field.value, set: (text: string) => (field.value = text) })),
	]);
}

/**
 * Keeps all embeds within the 6,000-character total by shortening the longest description or field value first
 * (they carry the least essential text), and drops trailing embeds only if nothing is left to shorten.
 */
function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
	const fitted = embeds.slice(0, MAX_EMBEDS).map(clampEmbed);
	for (;;) {
		const overflow = fitted.reduce((sum, embed) => sum + embedLength(embed), 0) - MAX_EMBEDS_TOTAL_LENGTH;
		if (overflow <= 0) return fitted;
		const longest = shrinkableSlots(fitted).sort((a, b) => b.text.length - a.text.length)[0];
		if (!longest || longest.text.length <= ELLIPSIS.length) {
			fitted.pop();
			continue;
		}
		longest.set(trimText(longest.text, Math.max(ELLIPSIS.length, longest.text.length - overflow)));
	}
}

export interface ButtonSpec {
	customId: string;
	label: string;
	emoji?: string;
	style?: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;
	disabled?: boolean;
}

export function buttonRow(...buttons: ButtonSpec[]): ButtonRow {
	if (buttons.length > MAX_BUTTONS_PER_ROW) throw new Error(`A row holds at most ${MAX_BUTTONS_PER_ROW} buttons`);
	return {
		type: ComponentType.ActionRow,
		components: buttons.map((button) => {
			if (button.customId.length > MAX_CUSTOM_ID_LENGTH) throw new Error(`Custom id too long: ${button.customId}`);
			return {
				type: ComponentType.Button,
				custom_id: button.customId,
				label: trimText(button.label, MAX_BUTTON_LABEL_LENGTH),
				style: button.style ?? ButtonStyle.Secondary,
				...(button.emoji ? { emoji: { name: button.emoji } } : {}),
				...(button.disabled ? { disabled: true } : {}),
			};
		}),
	};
}

/** A message of the bot's that everyone in its channel sees. */
export interface PublicMessage {
	channelId: string;
	messageId: string;
}

/**
 * Replies, or fills in a deferred reply, or follows up when there already is one. Resolves to the message a public
 * reply became, which comes back with the reply itself (no second call), or null for an ephemeral one.
 */
export async function postReply(interaction: RepliableInteraction, reply: Reply): Promise<PublicMessage | null> {
	const payload = buildReply(reply);
	let sent: { message: Message | null; ephemeral: boolean };
	if (interaction.deferred && !interaction.replied) {
		// A deferred reply's visibility was fixed when it was deferred; the flag cannot change it now.
		const { flags: _fixed, ...edit } = payload;
		sent = { message: await interaction.editReply(edit), ephemeral: interaction.ephemeral ?? false };
	} else if (interaction.replied) {
		sent = { message: await interaction.followUp(payload), ephemeral: reply.ephemeral ?? false };
	} else if (reply.ephemeral) {
		await interaction.reply(payload);
		sent = { message: null, ephemeral: true };
	} else {
		sent = { message: (await interaction.reply({ ...payload, withResponse: true })).resource?.message ?? null, ephemeral: false };
	}
	return sent.message && !sent.ephemeral ? { channelId: sent.message.channelId, messageId: sent.message.id } : null;
}

/** `postReply`, for the many replies whose message nothing needs to know. */
export async function sendReply(interaction: RepliableInteraction, reply: Reply): Promise<void> {
	await postReply(interaction, reply);
}

/** Acknowledges slow work (reload, upload) within Discord's three seconds; `sendReply` fills it in later. */
export async function deferReply(interaction: RepliableInteraction, { ephemeral }: { ephemeral: boolean }): Promise<void> {
	await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/** Replaces the message a button sits on (pagination), keeping its visibility. */
export async function updateMessage(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
	const { flags: _fixed, ...update } = buildReply(reply);
	await interaction.update(update);
}

export type Choice = APIApplicationCommandOptionChoice<string>;

/** Values longer than Discord accepts cannot be picked at all, so they are left out rather than cut. */
export async function sendChoices(interaction: AutocompleteInteraction, choices: readonly Choice[]): Promise<void> {
	await interaction.respond(
		choices
			.filter((choice) => choice.value.length <= MAX_CHOICE_LENGTH)
			.slice(0, MAX_AUTOCOMPLETE_CHOICES)
			.map((choice) => ({ name: trimText(choice.name, MAX_CHOICE_LENGTH), value: choice.value })),
	);
}

/** A modal with one line to type in, such as a follow-up question. */
export interface TextModal {
	customId: string;
	title: string;
	label: string;
	/** The id the typed text comes back under. */
	fieldId: string;
	maxLength: number;
	placeholder?: string;
}

export function buildTextModal(modal: TextModal): APIModalInteractionResponseCallbackData {
	if (modal.customId.length > MAX_CUSTOM_ID_LENGTH) throw new Error(`Custom id too long: ${modal.customId}`);
	return {
		custom_id: modal.customId,
		title: trimText(modal.title, MAX_MODAL_TITLE_LENGTH),
		components: [
			{
				type: ComponentType.Label,
				label: trimText(modal.label, MAX_MODAL_LABEL_LENGTH),
				component: {
					type: ComponentType.TextInput,
					custom_id: modal.fieldId,
					style: TextInputStyle.Short,
					required: true,
					min_length: 1,
					max_length: modal.maxLength,
					...(modal.placeholder ? { placeholder: trimText(modal.placeholder, MAX_PLACEHOLDER_LENGTH) } : {}),
				},
			},
		],
	};
}

/** Opens a modal in answer to a button: the one response a modal can be. */
export async function showTextModal(interaction: MessageComponentInteraction, modal: TextModal): Promise<void> {
	await interaction.showModal(buildTextModal(modal));
}
