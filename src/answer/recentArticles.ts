import type { Article } from '../corpus/types.js';

/**
 * Work derived from an article (its terms, its sentences), kept for the articles used most recently. Articles are
 * immutable and replaced on change, so the article itself is the key. The bound matters: a bot answers questions
 * about a few stories at a time, but over days it touches articles all over an archive, and keeping this for every
 * one of them (as a WeakMap on live articles would) grows by ~120 MB per 1,000 questions on a 118k-paragraph corpus.
 */
export class RecentArticles<V> {
	readonly #entries = new Map<Article, V>();
	readonly #capacity: number;

	constructor(capacity: number) {
		this.#capacity = capacity;
	}

	get(article: Article, derive: (article: Article) => V): V {
		let value = this.#entries.get(article);
		if (value !== undefined) {
			// Re-inserted, so that map order is least recently used first.
			this.#entries.delete(article);
		} else {
			value = derive(article);
			if (this.#entries.size >= this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
		}
		this.#entries.set(article, value);
		return value;
	}
}

/** Enough for every article a question and its corroboration checks reach, with room for the next questions. */
export const RECENT_ARTICLES = 1_000;
