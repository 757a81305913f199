/**
 * Button ids carry what their handler needs: a kind, the id of the interaction whose state they refer to
 * (questions and queries are kept in memory under it), and an offset or vote. Discord caps ids at 100 characters;
 * these stay under 40.
 */
export const ButtonKinds = {
	MorePassages: 'ask-more',
	FullParagraphs: 'ask-full',
	Vote: 'ask-vote',
	SearchPage: 'search-page',
	TimelinePage: 'timeline-page',
} as const;

export type ButtonKind = (typeof ButtonKinds)[keyof typeof ButtonKinds];

const SEPARATOR = ':';

export function encodeCustomId(kind: ButtonKind, session: string, detail: string | number): string {
	return [kind, session, detail].join(SEPARATOR);
}

export interface ParsedCustomId {
	kind: ButtonKind;
	session: string;
	detail: string;
}

export function parseCustomId(customId: string): ParsedCustomId | null {
	const [kind, session, detail, ...rest] = customId.split(SEPARATOR);
	const kinds: readonly string[] = Object.values(ButtonKinds);
	if (!kind || !kinds.includes(kind) || !session || detail === undefined || rest.length > 0) return null;
	return { kind: kind as ButtonKind, session, detail };
}

/** A non-negative integer offset, or null when the id was tampered with or comes from an older version. */
export function parseOffset(detail: string): number | null {
	return /^\d{1,6}$/.test(detail) ? Number(detail) : null;
}
