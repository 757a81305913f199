import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What a candidate sentence is scored on. Coverage features are shares (0 to 1) of the question's IDF weight found
 * in the sentence: `exact`ly, `expanded` (edit distance, prefix), `close`ly bridged (synonym, derived form, alias,
 * spelling) or `broad`ly bridged (hypernym, hyponym). The rest: the paragraph's and title's coverage (`context`), the
 * paragraph's BM25 against the best one's (`retrieval`) and its place in the ranking (`rank`, 1 / place), the share of
 * question terms matched in any way, unweighted (`termShare`), the sentence's own BM25 against the question's best
 * sentence's (`sentenceBm25`), how close in meaning it is (`semantic`: matched terms count 1, the others
 * their nearest sentence term's GloVe cosine), the share of the question's weight that no retrieved paragraph
 * matches at all (`unmatched`, the same for all of a question's sentences: "sourdough" in a story about a raid),
 * whether the question names the thing it asks about and the sentence lacks it (`focusMissing`: "how many *shells*"), whether the sentence holds the kind of thing asked for
 * (`answerType`), whether it lacks the value asked for (`valueMissing`: a "when", "how long", "how many" or "how much"
 * question answered by a sentence with no time, span, number or sum, which weighs more than a missing name) and that times its coverage (`typedCoverage`), how close its matches sit (`proximity`), whether it
 * opens its paragraph (`lead`) and how early the paragraph is (`early`), corroboration (`support`), and whether its
 * article names a publisher and a date (`attributed`).
 */
export const FEATURE_NAMES = [
	'exact',
	'expanded',
	'close',
	'broad',
	'context',
	'retrieval',
	'rank',
	'termShare',
	'sentenceBm25',
	'semantic',
	'unmatched',
	'focusMissing',
	'answerType',
	'valueMissing',
	'typedCoverage',
	'proximity',
	'lead',
	'early',
	'support',
	'attributed',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

const linearSchema = z.object({ bias: z.number(), weights: z.record(z.enum(FEATURE_NAMES), z.number()) }).strict();

/**
 * Two linear models over the same features. `ranking` orders a question's sentences (fitted listwise: the softmax
 * over a question's sentences should put its mass on the right ones). `confidence` is the probability that a question's
 * best-ranked sentence is right (logistic, fitted on each tuning question's best-ranked sentence), which chooses
 * the outcome.
 */
const weightsSchema = z
	.object({
		ranking: linearSchema,
		confidence: linearSchema,
		/**
		 * On the model's probability that the best sentence answers: at or above `answered`, it is the answer; at or
		 * above `closest`, it is shown as the closest passage; below, the corpus does not cover the question.
		 */
		thresholds: z.object({ answered: z.number().min(0).max(1), closest: z.number().min(0).max(1) }).refine((t) => t.closest <= t.answered, 'closest must not exceed answered'),
		/** How the weights were fitted, for the reader: `npm run fit` rewrites this file. */
		fitted: z.object({ on: z.array(z.string()), at: z.string(), questions: z.number(), candidates: z.number() }).passthrough(),
	})
	.strict();

export type RankingModel = z.infer<typeof weightsSchema>;

// From the repository root, so the compiled code in dist/ reads the same file that `npm run fit` rewrites, with no copy to go stale.
export const MODEL_FILE = new URL('../../../src/answer/ranking/weights.json', import.meta.url);

/** Reads and checks a model file: a missing weight or a misplaced threshold is an error, never a silent 0. */
export function parseModel(json: string): RankingModel {
	const model = weightsSchema.parse(JSON.parse(json));
	const missing = FEATURE_NAMES.filter((name) => model.ranking.weights[name] === undefined || model.confidence.weights[name] === undefined);
	if (missing.length > 0) throw new Error(`The ranking model has no weight for ${missing.join(', ')}; refit with npm run fit.`);
	return model;
}

export const model: RankingModel = parseModel(readFileSync(MODEL_FILE, 'utf8'));

export type LinearModel = RankingModel['ranking'];

export function linearScore(features: Features, { bias, weights }: LinearModel): number {
	let sum = bias;
	for (const name of FEATURE_NAMES) sum += weights[name]! * features[name];
	return sum;
}

export function rankingScore(features: Features): number {
	return linearScore(features, model.ranking);
}

export function confidenceOf(features: Features): number {
	return 1 / (1 + Math.exp(-linearScore(features, model.confidence)));
}
