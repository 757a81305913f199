export interface ExpiringMapOptions {
	ttlMs: number;
	/** Oldest entries go first beyond this, so a burst of use cannot grow memory without bound. */
	maxEntries: number;
	now?: () => number;
}

/**
 * A map whose entries vanish after a fixed time. It sets no timers (nothing keeps the process alive):
 * expired entries are skipped on read and pruned on write. A Map iterates in insertion order, and every
 * write re-inserts, so the first entry is always the oldest.
 */
export class ExpiringMap<V> {
	readonly #entries = new Map<string, { value: V; expiresAt: number }>();
	readonly #ttlMs: number;
	readonly #maxEntries: number;
	readonly #now: () => number;

	constructor({ ttlMs, maxEntries, now = Date.now }: ExpiringMapOptions) {
		this.#ttlMs = ttlMs;
		this.#maxEntries = maxEntries;
		this.#now = now;
	}

	get(key: string): V | undefined {
		const entry = this.#entries.get(key);
		return entry && entry.expiresAt > this.#now() ? entry.value : undefined;
	}

	set(key: string, value: V): void {
		const now = this.#now();
		this.#entries.delete(key);
		this.#entries.set(key, { value, expiresAt: now + this.#ttlMs });
		for (const [oldest, entry] of this.#entries) {
			if (entry.expiresAt > now && this.#entries.size <= this.#maxEntries) break;
			this.#entries.delete(oldest);
		}
	}

	get size(): number {
		return this.#entries.size;
	}
}
