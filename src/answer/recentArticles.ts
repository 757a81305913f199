import type { Article } from '../corpus/types.js';

/**
 * Work derived from an article (its terms, its sentences), kept for the articles used most recently. Articles are
 * immutable and replaced on change, so the article itself is the key. The bound matters: a bot answers questions
 * about a few stories at a time, but over days it touches articles all over an archive, and keeping this for every
 * one of them (as a WeakMap on live articles would) grows by ~120 MB per 1,000 questions on a 118k-paragraph corpus.
 */
export class RecentArticles<V> {
	// Two generations instead of a strict least-recently-used order: a hit in the young one costs one lookup, where
	// re-inserting every hit to keep the order cost a map deletion and insertion. When the young one holds `capacity`
	// articles it becomes the old one, and entries still in use are carried back up: between `capacity` and twice
	// that are kept.
	#young = new Map<Article, V>();
	#old = new Map<Article, V>();
	readonly #generation: number;

	constructor(capacity: number) {
		this.#generation = capacity;
	}

	get(article: Article, derive: (article: Article) => V): V {
		const young = this.#young.get(article);
		if (young !== undefined) return young;
		const value = this.#old.get(article) ?? derive(article);
		if (this.#young.size >= this.#generation) {
			this.#old = this.#young;
			this.#young = new Map();
		}
		this.#young.set(article, value);
		return value;
	}
}

/** Enough for every article a question and its corroboration checks reach, with room for the next questions. */
export const RECENT_ARTICLES = 1_000;
