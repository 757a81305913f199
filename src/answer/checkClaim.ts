import { normalizePassage } from '../corpus/normalize.js';
import { analyzeTerms } from '../search/analyzer.js';
import { citationFor, type Library, locateParagraph } from './library.js';
import { validateQuestion } from './question.js';
import { splitSentences } from './sentences.js';
import type { ClaimCheck, Quote } from './types.js';

/** A claim checked against a message can be long; Discord messages run to 4,000 characters. */
export const MAX_CLAIM_LENGTH = 4_000;
const PARAGRAPHS_TO_CHECK = 8;
/** Word-pair overlap (Dice) from which a sentence is the claim reworded only slightly. */
const NEAR_VERBATIM_SIMILARITY = 0.6;

function wordPairs(text: string): Set<string> {
	const words = normalizePassage(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
	return new Set(words.slice(1).map((word, index) => `${words[index]} ${word}`));
}

function similarity(a: Set<string>, b: Set<string>): number {
	if (a.size === 0 || b.size === 0) return 0;
	let shared = 0;
	for (const pair of a) if (b.has(pair)) shared++;
	return (2 * shared) / (a.size + b.size);
}

/** Trims the quotation marks and ellipses people wrap a quoted claim in. */
function bareClaim(text: string): string {
	return normalizePassage(text).replace(/^[\s"'.…]+|[\s"'.…]+$/g, '');
}

/**
 * Whether the corpus says this: verbatim (the claim is in a paragraph, modulo quotes, dashes and case),
 * near-verbatim (a sentence or run of sentences says it with small changes), or not found (closest passages).
 */
export function checkClaim(library: Library, text: string): ClaimCheck {
	const claim = validateQuestion(text, 'text to check', MAX_CLAIM_LENGTH);
	const needle = bareClaim(claim);
	const claimPairs = wordPairs(claim);
	const { hits } = library.index.search(library.index.planQuery(analyzeTerms(claim)), PARAGRAPHS_TO_CHECK);
	const verbatim: Quote[] = [];
	const near: Quote[] = [];
	const closest: Quote[] = [];
	for (const hit of hits) {
		const located = locateParagraph(library, hit.id);
		if (!located) continue;
		const citation = citationFor(located);
		const sentences = splitSentences(located.paragraph.text);
		if (needle !== '' && normalizePassage(located.paragraph.text).includes(needle)) {
			const holding = sentences.filter((sentence) => needle.includes(bareClaim(sentence.text)) || normalizePassage(sentence.text).includes(needle));
			const first = holding[0] ?? sentences[0]!;
			const last = holding.at(-1) ?? sentences.at(-1)!;
			verbatim.push({ text: located.paragraph.text.slice(first.start, last.end), citation, score: 1 });
			continue;
		}
		// Compare the claim with every run of one to three consecutive sentences: a claim may span sentences.
		let best = { score: 0, start: 0, end: 0 };
		for (let first = 0; first < sentences.length; first++) {
			for (let last = first; last < Math.min(sentences.length, first + 3); last++) {
				const span = located.paragraph.text.slice(sentences[first]!.start, sentences[last]!.end);
				const score = similarity(claimPairs, wordPairs(span));
				if (score > best.score) best = { score, start: sentences[first]!.start, end: sentences[last]!.end };
			}
		}
		if (best.score === 0) continue;
		const quote = { text: located.paragraph.text.slice(best.start, best.end), citation, score: best.score };
		(best.score >= NEAR_VERBATIM_SIMILARITY ? near : closest).push(quote);
	}
	const byScore = (a: Quote, b: Quote) => b.score - a.score;
	if (verbatim.length > 0) return { verdict: 'verbatim', quotes: verbatim };
	if (near.length > 0) return { verdict: 'near-verbatim', quotes: near.sort(byScore) };
	return { verdict: 'not-found', quotes: closest.sort(byScore).slice(0, 3) };
}
