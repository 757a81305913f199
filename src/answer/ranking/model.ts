import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What a candidate sentence is scored on. Coverage features are shares (0 to 1) of the question's IDF weight found
 * in the sentence: `exact`ly, `expanded` (edit distance, prefix), `close`ly bridged (synonym, derived form, alias,
 * spelling) or `broad`ly bridged (hypernym, hyponym). The rest: the paragraph's and title's coverage (`context`), the
 * paragraph's BM25 against the best one's (`retrieval`), whether the sentence holds the kind of thing asked for
 * (`answerType`) and that times its coverage (`typedCoverage`), how close its matches sit (`proximity`), whether it
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
	'answerType',
	'typedCoverage',
	'proximity',
	'lead',
	'early',
	'support',
	'attributed',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

const weightsSchema = z
	.object({
		/** Log-odds of a sentence with every feature 0. */
		bias: z.number(),
		weights: z.record(z.enum(FEATURE_NAMES), z.number()),
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

export const MODEL_FILE = new URL('./weights.json', import.meta.url);

/** Reads and checks a model file: a missing weight or a misplaced threshold is an error, never a silent 0. */
export function parseModel(json: string): RankingModel {
	const model = weightsSchema.parse(JSON.parse(json));
	const missing = FEATURE_NAMES.filter((name) => model.weights[name] === undefined);
	if (missing.length > 0) throw new Error(`The ranking model has no weight for ${missing.join(', ')}; refit with npm run fit.`);
	return model;
}

export const model: RankingModel = parseModel(readFileSync(MODEL_FILE, 'utf8'));

/** Log-odds that the sentence answers the question. */
export function score(features: Features, { bias, weights } = model): number {
	let sum = bias;
	for (const name of FEATURE_NAMES) sum += weights[name]! * features[name];
	return sum;
}
