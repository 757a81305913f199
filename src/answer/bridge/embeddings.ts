import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A multiple of ten, as `similarityOf` takes ten at a time. */
export const EMBEDDING_DIMENSIONS = 100;

/**
 * GloVe word vectors reduced to search terms (stems) by `scripts/buildEmbeddings.ts`: how alike two terms are in
 * meaning, for the words a reporter uses that neither the articles nor WordNet link ("top prize" / "best film").
 * Read once per process, on first use.
 */
export interface Embeddings {
	/** A term's vector, as a handle for `similarityOf`; -1 when it has none. Looked up once, compared many times. */
	vectorOf(term: string): number;
	/** Cosine similarity of two handles from `vectorOf`, -1 to 1; 0 when either is -1. */
	similarityOf(a: number, b: number): number;
}

const EMBEDDINGS_FILE = new URL('../../../lexicon/embeddings.bin', import.meta.url);

function readEmbeddings(): Embeddings {
	let file: Buffer;
	try {
		file = readFileSync(EMBEDDINGS_FILE);
	} catch {
		// Built at install time, not committed (it is over 2 MB); a checkout that skipped `npm ci` lacks it.
		throw new Error(`${fileURLToPath(EMBEDDINGS_FILE)} is missing: run \`npm ci\` or \`npm run build-embeddings\` first.`);
	}
	const newline = file.indexOf(10);
	const stems = file.subarray(0, newline).toString('utf8').split(' ');
	const vectors = new Int8Array(file.buffer, file.byteOffset + newline + 1, stems.length * EMBEDDING_DIMENSIONS);
	const rows = new Map(stems.map((stem, row) => [stem, row]));
	// Quantized at 254 per unit: a term's own dot product is its squared norm in those units.
	const norms = Float32Array.from(stems, (_, row) => {
		let sum = 0;
		for (let i = row * EMBEDDING_DIMENSIONS, end = i + EMBEDDING_DIMENSIONS; i < end; i++) sum += vectors[i]! * vectors[i]!;
		return Math.sqrt(sum) || 1;
	});
	// Ten products a step: every sentence scored compares its terms with the question's, and the plain loop was a
	// fifth of a question's time. The products and their sums are small integers, exact in any order.
	const similarityOf = (a: number, b: number): number => {
		if (a < 0 || b < 0) return 0;
		let ra = a * EMBEDDING_DIMENSIONS;
		let rb = b * EMBEDDING_DIMENSIONS;
		let dot = 0;
		for (const end = ra + EMBEDDING_DIMENSIONS; ra < end; ra += 10, rb += 10) {
			dot +=
				vectors[ra]! * vectors[rb]! + vectors[ra + 1]! * vectors[rb + 1]! + vectors[ra + 2]! * vectors[rb + 2]! + vectors[ra + 3]! * vectors[rb + 3]! + vectors[ra + 4]! * vectors[rb + 4]! +
				vectors[ra + 5]! * vectors[rb + 5]! + vectors[ra + 6]! * vectors[rb + 6]! + vectors[ra + 7]! * vectors[rb + 7]! + vectors[ra + 8]! * vectors[rb + 8]! + vectors[ra + 9]! * vectors[rb + 9]!;
		}
		return dot / (norms[a]! * norms[b]!);
	};
	return { vectorOf: (term) => rows.get(term) ?? -1, similarityOf };
}

let embeddings: Embeddings | undefined;

export function gloVe(): Embeddings {
	return (embeddings ??= readEmbeddings());
}
