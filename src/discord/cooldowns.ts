import { ExpiringMap } from './expiringMap.js';

/** What a user held to a cooldown is told. */
export function cooldownNotice(seconds: number): string {
	return `You are going a little fast: try again in ${seconds} s.`;
}

/** Per-user, per-command cooldowns for the commands that do real work (/ask, /search, /timeline, follow-ups). */
export class Cooldowns {
	readonly #endsAt: ExpiringMap<number> | null;
	readonly #ms: number;
	readonly #now: () => number;

	constructor(seconds: number, now: () => number = Date.now) {
		this.#ms = seconds * 1_000;
		this.#now = now;
		this.#endsAt = seconds > 0 ? new ExpiringMap({ ttlMs: this.#ms, maxEntries: 10_000, now }) : null;
	}

	/** Starts the cooldown and returns 0 when the user may go ahead; otherwise the whole seconds left to wait. */
	take(userId: string, command: string): number {
		if (!this.#endsAt) return 0;
		const key = `${command}:${userId}`;
		const endsAt = this.#endsAt.get(key);
		if (endsAt !== undefined) return Math.max(1, Math.ceil((endsAt - this.#now()) / 1_000));
		this.#endsAt.set(key, this.#now() + this.#ms);
		return 0;
	}
}
