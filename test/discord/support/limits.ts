import { expect } from 'vitest';
import {
	MAX_CONTENT_LENGTH,
	MAX_EMBED_DESCRIPTION_LENGTH,
	MAX_EMBED_FIELD_NAME_LENGTH,
	MAX_EMBED_FIELD_VALUE_LENGTH,
	MAX_EMBED_FIELDS,
	MAX_EMBED_FOOTER_LENGTH,
	MAX_EMBED_TITLE_LENGTH,
	MAX_EMBEDS,
	MAX_EMBEDS_TOTAL_LENGTH,
	embedLength,
	type ReplyPayload,
} from '../../../src/discord/reply.js';

/** Every limit Discord enforces on a message; the API rejects the whole reply if one is exceeded. */
export function expectWithinDiscordLimits(payload: Pick<ReplyPayload, 'content' | 'embeds'>): void {
	expect(payload.content?.length ?? 0).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
	expect(payload.embeds.length).toBeLessThanOrEqual(MAX_EMBEDS);
	for (const embed of payload.embeds) {
		expect(embed.title?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_TITLE_LENGTH);
		expect(embed.description?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION_LENGTH);
		expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_FOOTER_LENGTH);
		expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_FIELDS);
		for (const field of embed.fields ?? []) {
			expect(field.name.length).toBeLessThanOrEqual(MAX_EMBED_FIELD_NAME_LENGTH);
			expect(field.value.length).toBeLessThanOrEqual(MAX_EMBED_FIELD_VALUE_LENGTH);
		}
	}
	expect(payload.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(MAX_EMBEDS_TOTAL_LENGTH);
}
