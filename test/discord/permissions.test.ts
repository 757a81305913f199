import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isModerator } from '../../src/discord/permissions.js';

const MODERATOR_ROLE = '100000000000000030';
const permissions = (...flags: bigint[]) => new PermissionsBitField(flags).freeze();

describe('isModerator', () => {
	it('accepts Manage Server', () => {
		expect(isModerator({ permissions: permissions(PermissionFlagsBits.ManageGuild), roleIds: [] }, [])).toBe(true);
	});

	it('accepts Administrator, which implies Manage Server', () => {
		expect(isModerator({ permissions: permissions(PermissionFlagsBits.Administrator), roleIds: [] }, [])).toBe(true);
	});

	it('accepts a role listed in MODERATOR_ROLE_IDS', () => {
		expect(isModerator({ permissions: permissions(PermissionFlagsBits.SendMessages), roleIds: ['1', MODERATOR_ROLE] }, [MODERATOR_ROLE])).toBe(true);
	});

	it('refuses everyone else, and anyone outside a server', () => {
		expect(isModerator({ permissions: permissions(PermissionFlagsBits.SendMessages, PermissionFlagsBits.ManageMessages), roleIds: ['1'] }, [MODERATOR_ROLE])).toBe(false);
		expect(isModerator({ permissions: null, roleIds: [] }, [MODERATOR_ROLE])).toBe(false);
	});
});
