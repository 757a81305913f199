import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const EMBEDDING_DIMENSIONS = 100;

/**
 * GloVe word vectors reduced to search terms (stems) by `scripts/buildEmbeddings.ts`: how alike two terms are in
 * meaning, for the words a reporter uses that neither the articles nor WordNet link ("top prize" / "best film").
 * Read once per process, on first use.
 */
export interface Embeddings {
	/** Cosine similarity, -1 to 1; null when either term has no vector. */
	similarity(a: string, b: string): number | null;
}

const EMBEDDINGS_FILE = new URL('../../../lexicon/embeddings.bin.gz', import.meta.url);

function readEmbeddings(): Embeddings {
	const data = gunzipSync(readFileSync(EMBEDDINGS_FILE));
	const newline = data.indexOf(10);
	const stems = data.subarray(0, newline).toString('utf8').split(' ');
	const vectors = new Int8Array(data.buffer, data.byteOffset + newline + 1, stems.length * EMBEDDING_DIMENSIONS);
	const rows = new Map(stems.map((stem, row) => [stem, row * EMBEDDING_DIMENSIONS]));
	// Quantized at 254 per unit: a term's own dot product is its squared norm in those units.
	const norms = Float32Array.from(stems, (_, row) => {
		let sum = 0;
		for (let i = row * EMBEDDING_DIMENSIONS, end = i + EMBEDDING_DIMENSIONS; i < end; i++) sum += vectors[i]! * vectors[i]!;
		return Math.sqrt(sum) || 1;
	});
	return {
		similarity(a, b) {
			const ra = rows.get(a);
			const rb = rows.get(b);
			if (ra === undefined || rb === undefined) return null;
			let dot = 0;
			for (let i = 0; i < EMBEDDING_DIMENSIONS; i++) dot += vectors[ra + i]! * vectors[rb + i]!;
			return dot / (norms[ra / EMBEDDING_DIMENSIONS]! * norms[rb / EMBEDDING_DIMENSIONS]!);
		},
	};
}

let embeddings: Embeddings | undefined;

export function gloVe(): Embeddings {
	return (embeddings ??= readEmbeddings());
}
