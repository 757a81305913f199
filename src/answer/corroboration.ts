import type { Article } from '../corpus/types.js';
import { analyzeTerms } from '../search/analyzer.js';
import { documentOf, type SearchIndex } from '../search/searchIndex.js';

/**
 * Rare terms two documents must share to corroborate each other. Fewer will not do: one multi-word name
 * ("Hewlett-Packard HP", "Valéry Giscard d'Estaing") makes three rare terms on its own, and archives from different
 * decades share that many by chance, while two reports of one event share its people, places and details (the two
 * seed articles share 22).
 */
const CORROBORATING_TERMS = 6;
/** The rare terms of a document used to look for other reports of the same event. */
const PROBE_TERMS = 20;
const PROBE_PARAGRAPHS = 40;

/**
 * A term is rare when at most this many paragraphs hold it. The bar rises a little with the corpus, but is capped:
 * the names in a story stay in a few dozen paragraphs however large the archive, while a cap that grew with it
 * would count ordinary words ("Lebanon", "tanker") as rare and let unrelated wire copy corroborate itself.
 */
export function rareParagraphLimit(paragraphCount: number): number {
	return Math.min(25, Math.max(5, paragraphCount * 0.002));
}

/**
 * Pairs of documents are keyed by number (smaller × base + larger) rather than by joined ids: there are ~100,000 of
 * them in the archive. Exact up to 2^26 documents, as the key stays below 2^53.
 */
const PAIR_KEY_BASE = 2 ** 26;

/** For each document, the documents from other publishers it shares at least `CORROBORATING_TERMS` rare terms with. */
function crossPublisherPairs(articles: ReadonlyMap<string, Article>, index: SearchIndex): Map<string, Set<string>> {
	const numbers = new Map<string, number>();
	const numberOf = (id: string) => {
		let number = numbers.get(id);
		if (number === undefined) numbers.set(id, (number = numbers.size));
		return number;
	};
	const shared = new Map<number, number>();
	const partners = new Map<string, Set<string>>();
	const pair = (a: string, b: string) => {
		if (!partners.has(a)) partners.set(a, new Set());
		partners.get(a)!.add(b);
	};
	for (const documents of index.documentsSharingRareTerms(rareParagraphLimit(index.statistics.paragraphCount))) {
		const publishers = documents.map((id) => articles.get(id)?.publisher);
		if (publishers.every((publisher) => publisher === publishers[0])) continue;
		const keys = documents.map(numberOf);
		for (let i = 0; i < documents.length; i++) {
			for (let j = i + 1; j < documents.length; j++) {
				if (publishers[i] === undefined || publishers[j] === undefined || publishers[i] === publishers[j]) continue;
				const key = Math.min(keys[i]!, keys[j]!) * PAIR_KEY_BASE + Math.max(keys[i]!, keys[j]!);
				const count = (shared.get(key) ?? 0) + 1;
				shared.set(key, count);
				if (count === CORROBORATING_TERMS) {
					pair(documents[i]!, documents[j]!);
					pair(documents[j]!, documents[i]!);
				}
			}
		}
	}
	return partners;
}

/**
 * The documents that best match a document's rarest names and places, found as a reader would, by searching for
 * them. Sharing three rare words is common by chance (a speech on Iraq and a report from Syria share "insurgents",
 * "Damascus", "al-Qaida"); two documents that are each among the other's best matches are rarely a coincidence.
 */
function bestMatches(article: Article, index: SearchIndex): Set<string> {
	const { statistics } = index;
	const limit = rareParagraphLimit(statistics.paragraphCount);
	const terms = new Set(article.paragraphs.flatMap((paragraph) => analyzeTerms(paragraph.text)));
	const probe = [...terms]
		.map((term) => ({ term, paragraphs: statistics.documentFrequency(term) }))
		.filter(({ paragraphs }) => paragraphs > 1 && paragraphs <= limit)
		.sort((a, b) => a.paragraphs - b.paragraphs)
		.slice(0, PROBE_TERMS)
		.map(({ term }) => ({ term, fuzzy: 0, prefix: false }));
	return new Set(index.search(probe, PROBE_PARAGRAPHS).hits.map((hit) => documentOf(hit.id)));
}

/**
 * The documents another publisher also reports: each shares enough rare terms with a document from a different
 * publisher, and each of the two is among the other's best matches. A story a newsroom follows is usually covered
 * by several sources; a lone article from a bulk archive that happens to share a word with a question usually is
 * not. Computed once per corpus state for every document, from the index's rare terms, so answering never asks.
 */
export function findCorroborated(articles: ReadonlyMap<string, Article>, index: SearchIndex): Set<string> {
	const pairs = crossPublisherPairs(articles, index);
	const matches = new Map([...pairs.keys()].map((id) => [id, bestMatches(articles.get(id)!, index)]));
	const corroborated = new Set<string>();
	for (const [id, partners] of pairs) {
		if ([...partners].some((partner) => matches.get(id)!.has(partner) && matches.get(partner)!.has(id))) corroborated.add(id);
	}
	return corroborated;
}
