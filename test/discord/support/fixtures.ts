/** Ids and payloads shaped like Discord's, for the stand-in and the tests that drive it. */
import { ApplicationCommandOptionType, ApplicationCommandType, ComponentType, InteractionType, PermissionFlagsBits } from 'discord.js';

/** Looks like a token; authenticates nothing anywhere. */
export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.fake.stand-in-token-never-valid';
export const APP_ID = '100000000000000010';
export const GUILD_ID = '100000000000000020';
export const MODERATOR_ROLE_ID = '100000000000000030';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** Unique, increasing, and carrying the current time, like Discord's ids. */
export function nextSnowflake(): string {
	increment = (increment + 1n) % 4_096n;
	return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export const BOT_USER = { id: APP_ID, username: 'StoryBot', discriminator: '0000', global_name: null, avatar: null, bot: true };

export const CHANNEL = { id: '100000000000000040', type: 0, name: 'newsroom', guild_id: GUILD_ID, position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, parent_id: null, rate_limit_per_user: 0, flags: 0 };

export interface Member {
	user: { id: string; username: string; discriminator: string; global_name: string | null; avatar: null };
	roles: string[];
	permissions: string;
}

function member(id: string, username: string, permissions: bigint, roles: string[] = []): Member {
	return { user: { id, username, discriminator: '0', global_name: null, avatar: null }, roles, permissions: permissions.toString() };
}

const EVERYDAY = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

export const Members = {
	/** A reporter: no moderator rights. */
	reporter: member('100000000000000101', 'reporter', EVERYDAY),
	/** Has Manage Server. */
	manager: member('100000000000000102', 'manager', EVERYDAY | PermissionFlagsBits.ManageGuild),
	/** Has the role listed in MODERATOR_ROLE_IDS, no Manage Server. */
	deskEditor: member('100000000000000103', 'desk_editor', EVERYDAY, [MODERATOR_ROLE_ID]),
	/** Administrator implies every permission, Manage Server included. */
	admin: member('100000000000000104', 'admin', PermissionFlagsBits.Administrator),
	/** Another reporter, for per-user behaviour (cooldowns, votes). */
	colleague: member('100000000000000105', 'colleague', EVERYDAY),
} as const;

/** A reporter nobody has seen yet: a clean slate for per-user state such as cooldowns. */
export function newReporter(): Member {
	const id = nextSnowflake();
	return member(id, `reporter_${id.slice(-4)}`, EVERYDAY);
}

export interface Interaction {
	id: string;
	token: string;
	type: InteractionType;
	[key: string]: unknown;
}

/**
 * The fields discord.js 14.28 relies on: `channel` (an object, not only channel_id), `entitlements` and
 * `authorizing_integration_owners` (their absence throws inside discord.js and kills the process).
 */
function interaction(type: InteractionType, data: object, as: Member, extra: object = {}): Interaction {
	const id = nextSnowflake();
	return {
		id,
		token: `interaction-token-${id}`,
		application_id: APP_ID,
		type,
		data,
		guild_id: GUILD_ID,
		guild: { id: GUILD_ID, locale: 'en-US', features: [] },
		channel: CHANNEL,
		channel_id: CHANNEL.id,
		member: { ...as, joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null, communication_disabled_until: null },
		version: 1,
		app_permissions: EVERYDAY.toString(),
		locale: 'en-US',
		guild_locale: 'en-US',
		entitlements: [],
		authorizing_integration_owners: { '0': GUILD_ID },
		context: 0,
		attachment_size_limit: 10 * 1024 * 1024,
		...extra,
	};
}

export type Option = { name: string; type: ApplicationCommandOptionType; value?: string | number | boolean; focused?: boolean; options?: Option[] };

export const string = (name: string, value: string): Option => ({ name, type: ApplicationCommandOptionType.String, value });
export const integer = (name: string, value: number): Option => ({ name, type: ApplicationCommandOptionType.Integer, value });
export const boolean = (name: string, value: boolean): Option => ({ name, type: ApplicationCommandOptionType.Boolean, value });
export const focused = (name: string, value: string): Option => ({ ...string(name, value), focused: true });
export const subcommand = (name: string, options: Option[] = []): Option => ({ name, type: ApplicationCommandOptionType.Subcommand, options });

export function slashCommand(name: string, options: Option[], as: Member = Members.reporter, resolved?: object): Interaction {
	return interaction(InteractionType.ApplicationCommand, { id: nextSnowflake(), name, type: ApplicationCommandType.ChatInput, options, ...(resolved ? { resolved } : {}) }, as);
}

export function autocomplete(name: string, options: Option[], as: Member = Members.reporter): Interaction {
	return interaction(InteractionType.ApplicationCommandAutocomplete, { id: nextSnowflake(), name, type: ApplicationCommandType.ChatInput, options }, as);
}

/** A message in the test channel, as Discord sends it inside interactions. */
export function message(content: string, extra: object = {}): Record<string, unknown> {
	return {
		id: nextSnowflake(),
		type: 0,
		channel_id: CHANNEL.id,
		author: Members.colleague.user,
		content,
		embeds: [],
		components: [],
		attachments: [],
		mentions: [],
		mention_roles: [],
		mention_everyone: false,
		pinned: false,
		tts: false,
		flags: 0,
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		...extra,
	};
}

/** Component interactions carry the message the button sits on. */
export function buttonClick(customId: string, on: Record<string, unknown> = message(''), as: Member = Members.reporter): Interaction {
	return interaction(InteractionType.MessageComponent, { custom_id: customId, component_type: ComponentType.Button }, as, { message: on });
}

/**
 * A modal's submission (MODAL_SUBMIT), with each text field's value inside a label as Discord sends them, and the
 * message whose button opened the modal.
 */
export function modalSubmit(customId: string, values: Record<string, string>, as: Member = Members.reporter, on: Record<string, unknown> = message('')): Interaction {
	const components = Object.entries(values).map(([field, value], index) => ({
		type: ComponentType.Label,
		id: 2 * index + 1,
		component: { type: ComponentType.TextInput, id: 2 * index + 2, custom_id: field, value },
	}));
	return interaction(InteractionType.ModalSubmit, { custom_id: customId, components }, as, { message: on });
}

export function messageCommand(name: string, target: Record<string, unknown>, as: Member = Members.reporter): Interaction {
	return interaction(
		InteractionType.ApplicationCommand,
		{ id: nextSnowflake(), name, type: ApplicationCommandType.Message, target_id: target.id, resolved: { messages: { [String(target.id)]: target } } },
		as,
	);
}

/** An uploaded file as it appears in `resolved.attachments`. */
export function attachment(filename: string, url: string, size: number): { id: string; filename: string; url: string; proxy_url: string; size: number; content_type: string } {
	return { id: nextSnowflake(), filename, url, proxy_url: url, size, content_type: 'text/plain; charset=utf-8' };
}
