export interface PackedStatistics {
	paragraphs: number;
	terms: string[];
	counts: Uint32Array;
}

/**
 * How many paragraphs hold each term. MiniSearch keeps this internally but does not expose it, and the
 * answer step needs it: to weigh question terms (IDF) and to tell an unknown word from a known one.
 */
export class TermStatistics {
	readonly #counts: Map<string, number>;
	#paragraphs: number;

	constructor(counts: Iterable<[string, number]> = [], paragraphs = 0) {
		this.#counts = new Map(counts);
		this.#paragraphs = paragraphs;
	}

	get paragraphCount(): number {
		return this.#paragraphs;
	}

	documentFrequency(term: string): number {
		return this.#counts.get(term) ?? 0;
	}

	/** Smoothed inverse document frequency; an unknown term gets the highest weight, since it is the most specific. */
	idf(term: string): number {
		const frequency = this.documentFrequency(term);
		return Math.log(1 + (this.#paragraphs - frequency + 0.5) / (frequency + 0.5));
	}

	add(distinctTerms: Iterable<string>): void {
		this.#paragraphs++;
		for (const term of distinctTerms) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
	}

	remove(distinctTerms: Iterable<string>): void {
		this.#paragraphs--;
		for (const term of distinctTerms) {
			const count = (this.#counts.get(term) ?? 0) - 1;
			if (count > 0) this.#counts.set(term, count);
			else this.#counts.delete(term);
		}
	}

	pack(): PackedStatistics {
		return { paragraphs: this.#paragraphs, terms: [...this.#counts.keys()], counts: Uint32Array.from(this.#counts.values()) };
	}

	static unpack({ paragraphs, terms, counts }: PackedStatistics): TermStatistics {
		if (terms.length !== counts.length) throw new Error('the term statistics do not match their terms');
		return new TermStatistics(
			terms.map((term, position) => [term, counts[position]!]),
			paragraphs,
		);
	}
}
