/**
 * Admits interactions while the bot serves, and holds on to each one until its handler has finished, so a shutdown
 * can wait for the people already waiting on an answer.
 */
export class InteractionGate {
	#open = true;
	readonly #inFlight = new Set<Promise<void>>();

	get open(): boolean {
		return this.#open;
	}

	get inFlight(): number {
		return this.#inFlight.size;
	}

	/** From now on, interactions are turned away with the restarting reply (which is tracked like any other). */
	close(): void {
		this.#open = false;
	}

	track(work: Promise<void>): Promise<void> {
		this.#inFlight.add(work);
		return work.finally(() => this.#inFlight.delete(work));
	}

	/** Resolves once nothing is in flight, including what arrived while waiting. */
	async settled(): Promise<void> {
		while (this.#inFlight.size > 0) await Promise.allSettled(this.#inFlight);
	}
}
