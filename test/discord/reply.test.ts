import { MessageFlags, type APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_LENGTH, buildReply, buttonRow } from '../../src/discord/reply.js';
import { expectWithinDiscordLimits } from './support/limits.js';

const prose = fc
	.array(fc.constantFrom('The raid', 'occurred', 'in Dumayr.', 'al-Masoud', '@everyone', 'said', '3 a.m.', '**bold**', '\n'), { maxLength: 1_200 })
	.map((words) => words.join(' '));

const embed: fc.Arbitrary<APIEmbed> = fc.record(
	{
		title: prose,
		description: prose,
		footer: prose.map((text) => ({ text })),
		fields: fc.array(fc.record({ name: prose, value: prose }), { maxLength: 30 }),
	},
	{ requiredKeys: [] },
);

describe('buildReply', () => {
	it('never lets a reply ping anyone', () => {
		expect(buildReply({ content: '@everyone <@&123>' }).allowedMentions).toEqual({ parse: [] });
		expect(buildReply({ embeds: [] }).allowedMentions).toEqual({ parse: [] });
	});

	it('sets the ephemeral flag only when asked', () => {
		expect(buildReply({ content: 'x', ephemeral: true }).flags).toBe(MessageFlags.Ephemeral);
		expect(buildReply({ content: 'x' })).not.toHaveProperty('flags');
	});

	it('keeps any reply within every Discord limit', () => {
		fc.assert(
			fc.property(fc.option(prose, { nil: undefined }), fc.array(embed, { maxLength: 12 }), (content, embeds) => {
				expectWithinDiscordLimits(buildReply({ ...(content === undefined ? {} : { content }), embeds }));
			}),
			{ numRuns: 60 },
		);
	});

	it('trims long content with a visible ellipsis instead of letting the API reject it', () => {
		const content = 'A sentence about the raid. '.repeat(200);
		const built = buildReply({ content }).content ?? '';
		expect(built.length).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
		expect(built.endsWith('raid. …')).toBe(true);
	});
});

describe('buttonRow', () => {
	it('refuses a custom id Discord would reject', () => {
		expect(() => buttonRow({ customId: 'x'.repeat(101), label: 'Too long' })).toThrow(/Custom id too long/);
	});
});
