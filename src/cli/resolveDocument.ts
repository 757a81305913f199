import { normalizeText } from '../corpus/normalize.js';
import type { DocumentSummary } from '../storyEngine.js';

function words(text: string): string[] {
	return normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function holdsRun(title: readonly string[], run: readonly string[]): boolean {
	return title.some((_, start) => run.every((word, offset) => title[start + offset] === word));
}

/**
 * The documents a reporter may mean by `reference`, most specific reading first: the document with exactly that id;
 * else those whose id starts with it ("ap-" for "ap-dumayr-raid-2025-12-05"); else those whose title holds it as
 * whole words ("Masud", "al-Masud"). One document is a match, several are the candidates to choose from.
 */
export function resolveDocument(documents: readonly DocumentSummary[], reference: string): DocumentSummary[] {
	const exact = documents.find((doc) => doc.id === reference);
	if (exact) return [exact];
	const prefix = normalizeText(reference.trim());
	if (prefix === '') return [];
	const byId = documents.filter((doc) => normalizeText(doc.id).startsWith(prefix));
	if (byId.length > 0) return byId;
	const run = words(reference);
	return run.length === 0 ? [] : documents.filter((doc) => holdsRun(words(doc.title), run));
}
