const REMOVED = Symbol('removed');

/**
 * A map that a fork of the index changes while the index it was forked from goes on reading the map beneath,
 * unchanged: changes go to an overlay in front of the shared map. Copying the maps instead cost most of a refresh on
 * the archive (hundreds of thousands of terms and paragraph ids, for a change to one article).
 *
 * `settle` writes the overlay through to the shared map. That changes what the original sees, so it is called only
 * once the original is no longer read: when this map's own index is forked in turn, which only the live index is.
 * Iteration follows the order the settled map would have.
 */
export class OverlayMap<K, V> implements Map<K, V> {
	readonly #shared: Map<K, V>;
	readonly #overlay = new Map<K, V | typeof REMOVED>();
	#size: number;

	/** A map in front of `map`, or, given an overlay, in front of the map beneath it (settling it first). */
	constructor(map: Map<K, V>) {
		this.#shared = map instanceof OverlayMap ? map.settle() : map;
		this.#size = this.#shared.size;
	}

	/** Writes the changes through to the shared map and returns it. */
	settle(): Map<K, V> {
		for (const [key, value] of this.#overlay) {
			if (value === REMOVED) this.#shared.delete(key);
			else this.#shared.set(key, value);
		}
		this.#overlay.clear();
		return this.#shared;
	}

	get size(): number {
		return this.#size;
	}

	get(key: K): V | undefined {
		const value = this.#overlay.get(key);
		if (value === undefined && !this.#overlay.has(key)) return this.#shared.get(key);
		return value === REMOVED ? undefined : value;
	}

	has(key: K): boolean {
		const value = this.#overlay.get(key);
		if (value === undefined && !this.#overlay.has(key)) return this.#shared.has(key);
		return value !== REMOVED;
	}

	set(key: K, value: V): this {
		if (!this.has(key)) this.#size++;
		this.#overlay.set(key, value);
		return this;
	}

	delete(key: K): boolean {
		if (!this.has(key)) return false;
		this.#overlay.set(key, REMOVED);
		this.#size--;
		return true;
	}

	clear(): void {
		for (const key of this.keys()) this.#overlay.set(key, REMOVED);
		this.#size = 0;
	}

	*entries(): MapIterator<[K, V]> {
		for (const [key, value] of this.#shared) {
			if (!this.#overlay.has(key)) yield [key, value];
			else if (this.#overlay.get(key) !== REMOVED) yield [key, this.#overlay.get(key) as V];
		}
		for (const [key, value] of this.#overlay) if (value !== REMOVED && !this.#shared.has(key)) yield [key, value];
	}

	*keys(): MapIterator<K> {
		for (const [key] of this.entries()) yield key;
	}

	*values(): MapIterator<V> {
		for (const [, value] of this.entries()) yield value;
	}

	forEach(callback: (value: V, key: K, map: Map<K, V>) => void): void {
		for (const [key, value] of this.entries()) callback(value, key, this);
	}

	[Symbol.iterator](): MapIterator<[K, V]> {
		return this.entries();
	}

	get [Symbol.toStringTag](): string {
		return 'OverlayMap';
	}
}
