import { z } from 'zod';
import { printable } from '../printable.js';
import type { ArticleMeta } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Returns the YYYY-MM-DD part of an ISO date, or null if it is not a real calendar date (2025-02-30 is not). */
export function parseIsoDate(value: string): string | null {
	const match = ISO_DATE.exec(value.trim());
	if (!match) return null;
	const [, year, month, day] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day));
	const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real ? value.trim().slice(0, 10) : null;
}

/**
 * The longest value a file may state. A title is shown as a Discord embed title (at most 256 characters) and a
 * publisher as a field name; a longer value is a mistake in the file (a paragraph pasted into `title:`), so it is
 * reported, never cut short or taken whole.
 */
export const META_LIMITS = { title: 256, publisher: 100, date: 40, url: 2_048, heading: 256 } as const;

/** A problem sentence naming a value's length, never the value itself (it may be megabytes long). */
export function tooLong(what: string, length: number, limit: number): string {
	return `${what} is ${length.toLocaleString('en')} characters long; the limit is ${limit.toLocaleString('en')}`;
}

function boundedText(limit: number) {
	return z
		.string()
		.trim()
		.nullish()
		.transform((value, ctx) => {
			if (!value) return null;
			if (value.length <= limit) return value;
			ctx.addIssue({ code: 'custom', message: tooLong('the value', value.length, limit) });
			return z.NEVER;
		});
}

/** The metadata a file may state about itself. Every field is optional here; defaults are applied by `completeMeta`. */
export const metaSchema = z.object({
	title: boundedText(META_LIMITS.title),
	publisher: boundedText(META_LIMITS.publisher),
	date: z
		.union([z.string(), z.date()])
		.nullish()
		.transform((value, ctx) => {
			if (value === null || value === undefined || value === '') return null;
			const text = value instanceof Date ? value.toISOString() : value;
			const date = text.length > META_LIMITS.date ? null : parseIsoDate(text);
			if (date === null) {
				ctx.addIssue({ code: 'custom', message: text.length > META_LIMITS.date ? tooLong('the value', text.length, META_LIMITS.date) : `"${printable(text)}" is not a real date in YYYY-MM-DD form` });
				return z.NEVER;
			}
			return date;
		}),
	url: boundedText(META_LIMITS.url).transform((value, ctx) => {
		if (value === null) return null;
		if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
			ctx.addIssue({ code: 'custom', message: `"${printable(value, 80)}" is not an http(s) URL` });
			return z.NEVER;
		}
		return value;
	}),
});

export type StatedMeta = z.output<typeof metaSchema>;

/** Validates metadata, returning the problems as one readable sentence rather than throwing. */
export function validateMeta(raw: unknown): { meta: StatedMeta } | { problem: string } {
	const parsed = metaSchema.safeParse(raw ?? {});
	if (parsed.success) return { meta: parsed.data };
	return { problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'metadata'}: ${issue.message}`).join('; ') };
}

/** Fills what the source does not state. A missing publisher is "unknown", never guessed. */
export function completeMeta(stated: StatedMeta, fallbackTitle: string): ArticleMeta {
	return {
		title: stated.title ?? fallbackTitle,
		publisher: stated.publisher ?? 'unknown',
		date: stated.date ?? null,
		url: stated.url ?? null,
	};
}
