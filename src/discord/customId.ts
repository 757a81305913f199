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
	FollowUp: 'ask-follow',
	TimelinePage: 'timeline-page',
} as const;

export type ButtonKind = (typeof ButtonKinds)[keyof typeof ButtonKinds];

/** Modals a button opens carry ids of the same shape, under kinds of their own. */
export const ModalKinds = {
	FollowUp: 'ask-follow-modal',
} as const;

export type ModalKind = (typeof ModalKinds)[keyof typeof ModalKinds];

const SEPARATOR = ':';

export function encodeCustomId(kind: ButtonKind | ModalKind, session: string, detail: string | number): string {
	return [kind, session, detail].join(SEPARATOR);
}

export interface ParsedCustomId<Kind extends string = ButtonKind> {
	kind: Kind;
	session: string;
	detail: string;
}

function parseWith<Kind extends string>(customId: string, known: Record<string, Kind>): ParsedCustomId<Kind> | null {
	const [kind, session, detail, ...rest] = customId.split(SEPARATOR);
	const kinds: readonly string[] = Object.values(known);
	if (!kind || !kinds.includes(kind) || !session || detail === undefined || rest.length > 0) return null;
	return { kind: kind as Kind, session, detail };
}

export function parseCustomId(customId: string): ParsedCustomId | null {
	return parseWith(customId, ButtonKinds);
}

export function parseModalId(customId: string): ParsedCustomId<ModalKind> | null {
	return parseWith(customId, ModalKinds);
}

/** A non-negative integer offset, or null when the id was tampered with or comes from an older version. */
export function parseOffset(detail: string): number | null {
	return /^\d{1,6}$/.test(detail) ? Number(detail) : null;
}
