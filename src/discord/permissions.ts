import { GuildMember, PermissionFlagsBits, type BaseInteraction, type PermissionsBitField } from 'discord.js';

export interface MemberRights {
	/** The member's permissions in the channel, as Discord computed them for this interaction; null outside a server. */
	permissions: Readonly<PermissionsBitField> | null;
	roleIds: readonly string[];
}

/**
 * Manage Server, or one of the configured moderator roles. Checked on every use: `default_member_permissions`
 * only hides a command, and server admins can change it.
 */
export function isModerator(member: MemberRights, moderatorRoleIds: readonly string[]): boolean {
	// `has` counts Administrator as every permission, as Discord does.
	if (member.permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
	return member.roleIds.some((id) => moderatorRoleIds.includes(id));
}

export function memberRights(interaction: BaseInteraction): MemberRights {
	const { member } = interaction;
	const roleIds = !member ? [] : member instanceof GuildMember ? [...member.roles.cache.keys()] : member.roles;
	return { permissions: interaction.memberPermissions, roleIds };
}
