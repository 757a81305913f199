/**
 * `npm run fit` — fits the sentence ranking model and the outcome thresholds on the tuning questions only (the
 * bundled story's tuning set and the tuning stories of test/eval/stories/), and writes src/answer/ranking/weights.json.
 *
 * Every sentence the engine scores for a question is one example: positive when the quote it makes contains an
 * expected answer, negative otherwise (all of them, for a question the corpus does not answer). Two models are fitted:
 * - `ranking`, listwise: a softmax over each answerable question's sentences, trained to put its mass on the right
 *   ones (what top-1 rewards), by gradient descent (Adam);
 * - `confidence`: L2-regularised logistic regression by Newton's method on each question's best-ranked sentence
 *   (right or not), so it is the probability that what is shown first is right. The thresholds are read on it, out
 *   of fold: on each archive story's questions as models fitted without that story score them, as a new story's
 *   will be (in-sample, the model is surer of the stories it was fitted on, and a cut read there answers too much):
 * - `answered`: the lowest probability at which the questions answered are still right ≥ 90% of the time (on the
 *   archive stories: see below);
 * - `closest`: below `answered`, the highest cut that refuses at most 10% of the answerable questions, so as many
 *   unanswerable ones as that allows.
 * Held-out stories are never read here. Refit after adding tuning questions or changing a feature; with
 * `--cross-validate` it writes nothing and prints a leave-one-story-out estimate instead (see `crossValidate`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { quoteOf } from '../src/answer/answerQuestion.js';
import { gatherEvidence } from '../src/answer/evidence.js';
import { openLibrary } from '../src/answer/library.js';
import { analyzeQuestion } from '../src/answer/question.js';
import { FEATURE_NAMES, type Features, type LinearModel, MODEL_FILE, type RankingModel } from '../src/answer/ranking/model.js';
import type { Article } from '../src/corpus/types.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { ParagraphIndex } from '../src/search/paragraphIndex.js';
import { defaultArchiveDir, storyCorpusDir } from '../test/eval/archiveCorpus.js';
import { containsExpected } from '../test/eval/evaluate.js';
import { type EvalQuestion, isAnswerable, loadQuestionSet, type QuestionKind } from '../test/eval/questions.js';
import { loadStories, makeStoryCorpus, questionsFromOtherStories, readStoryArticles } from '../test/eval/stories.js';

const ANSWERED_PRECISION = 0.9;
const STORY_SET = 'story tuning set';
const MAX_ANSWERABLE_REFUSED = 0.1;
/** Keeps weights finite where a feature separates the tuning data perfectly (a prior of weight ~ N(0, 1)). */
const L2 = 1;

interface Example {
	question: number;
	features: number[];
	label: 0 | 1;
}

interface QuestionRecord {
	answerable: boolean;
	kind: QuestionKind;
	set: string;
}

async function corpusArticles(dir: string): Promise<Article[]> {
	const load = await loadCorpus(dir);
	if (load.problems.length > 0) throw new Error(`Corpus problems in ${dir}: ${load.problems.map((problem) => `${problem.file}: ${problem.reason}`).join('; ')}`);
	return load.articles;
}

function collect(articles: Article[], questions: readonly EvalQuestion[], set: string, examples: Example[], records: QuestionRecord[]): void {
	const library = openLibrary(new Map(articles.map((article) => [article.id, article])), ParagraphIndex.build(articles));
	for (const question of questions) {
		const id = records.length;
		records.push({ answerable: isAnswerable(question), kind: question.kind, set });
		const evidence = gatherEvidence(library, analyzeQuestion(question.question));
		for (const candidate of evidence.sentences) {
			const label = isAnswerable(question) && containsExpected(quoteOf(candidate).text, question.expect) ? 1 : 0;
			examples.push({ question: id, features: FEATURE_NAMES.map((name) => candidate.features[name]), label });
		}
	}
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(a: number[][], b: number[]): number[] {
	const n = b.length;
	const m = a.map((row, i) => [...row, b[i]!]);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let row = col + 1; row < n; row++) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
		[m[col], m[pivot]] = [m[pivot]!, m[col]!];
		for (let row = col + 1; row < n; row++) {
			const factor = m[row]![col]! / m[col]![col]!;
			for (let k = col; k <= n; k++) m[row]![k]! -= factor * m[col]![k]!;
		}
	}
	const x = new Array<number>(n).fill(0);
	for (let row = n - 1; row >= 0; row--) {
		let sum = m[row]![n]!;
		for (let k = row + 1; k < n; k++) sum -= m[row]![k]! * x[k]!;
		x[row] = sum / m[row]![row]!;
	}
	return x;
}

/** Logistic regression by Newton's method; the last coefficient is the bias (not regularised). */
function fitLogistic(examples: readonly Example[]): number[] {
	const n = FEATURE_NAMES.length + 1;
	let w = new Array<number>(n).fill(0);
	for (let iteration = 0; iteration < 50; iteration++) {
		const gradient = w.map((value, i) => (i < n - 1 ? L2 * value : 0));
		const hessian = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j && i < n - 1 ? L2 : 0)));
		for (const { features, label } of examples) {
			const x = [...features, 1];
			const p = 1 / (1 + Math.exp(-x.reduce((sum, value, i) => sum + value * w[i]!, 0)));
			for (let i = 0; i < n; i++) {
				gradient[i]! += (p - label) * x[i]!;
				for (let j = 0; j < n; j++) hessian[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
			}
		}
		const step = solve(hessian, gradient);
		w = w.map((value, i) => value - step[i]!);
		if (Math.max(...step.map(Math.abs)) < 1e-8) break;
	}
	return w;
}

/** Listwise ranking fit: maximises, per question, the log of the softmax mass on its right sentences. */
function fitListwise(examples: readonly Example[]): number[] {
	const n = FEATURE_NAMES.length;
	const byQuestion = new Map<number, Example[]>();
	for (const example of examples) byQuestion.set(example.question, [...(byQuestion.get(example.question) ?? []), example]);
	const lists = [...byQuestion.values()].filter((list) => list.some((example) => example.label === 1));
	const w = new Array<number>(n).fill(0);
	const m = new Array<number>(n).fill(0);
	const v = new Array<number>(n).fill(0);
	const [rate, beta1, beta2] = [0.05, 0.9, 0.999];
	for (let step = 1; step <= 1500; step++) {
		const gradient = w.map((value) => (L2 * value) / lists.length);
		for (const list of lists) {
			const scores = list.map((example) => example.features.reduce((sum, value, i) => sum + value * w[i]!, 0));
			const top = Math.max(...scores);
			const exps = scores.map((score) => Math.exp(score - top));
			const all = exps.reduce((sum, value) => sum + value, 0);
			const right = list.reduce((sum, example, j) => sum + (example.label === 1 ? exps[j]! : 0), 0);
			list.forEach((example, j) => {
				const p = exps[j]! / all - (example.label === 1 ? exps[j]! / right : 0);
				for (let i = 0; i < n; i++) gradient[i]! += (p * example.features[i]!) / lists.length;
			});
		}
		for (let i = 0; i < n; i++) {
			m[i] = beta1 * m[i]! + (1 - beta1) * gradient[i]!;
			v[i] = beta2 * v[i]! + (1 - beta2) * gradient[i]! ** 2;
			w[i]! -= (rate * (m[i]! / (1 - beta1 ** step))) / (Math.sqrt(v[i]! / (1 - beta2 ** step)) + 1e-8);
		}
	}
	return w;
}

/** Each question's best-ranked sentence, by the ranking model. */
function bestRanked(examples: readonly Example[], ranking: LinearModel): Example[] {
	const best = new Map<number, { score: number; example: Example }>();
	for (const example of examples) {
		const score = linearScore(example, ranking);
		if (score > (best.get(example.question)?.score ?? Number.NEGATIVE_INFINITY)) best.set(example.question, { score, example });
	}
	return [...best.values()].map(({ example }) => example);
}

function linearScore(example: Example, { bias, weights }: LinearModel): number {
	return example.features.reduce((sum, value, i) => sum + value * weights[FEATURE_NAMES[i]!], bias);
}

/** What each of `questions` would show first, and how sure of it the confidence model is (0 with no sentence). */
function topCandidates(examples: readonly Example[], records: readonly QuestionRecord[], questions: readonly number[], ranking: LinearModel, confidence: LinearModel): Map<number, TopCandidate> {
	const unscored = (question: number): TopCandidate => ({ confidence: 0, right: false, answerable: records[question]!.answerable, kind: records[question]!.kind });
	const tops = new Map(questions.map((question): [number, TopCandidate] => [question, unscored(question)]));
	for (const example of bestRanked(examples, ranking)) {
		tops.set(example.question, { ...unscored(example.question), confidence: 1 / (1 + Math.exp(-linearScore(example, confidence))), right: example.label === 1 });
	}
	return tops;
}

interface FittedModels {
	ranking: LinearModel;
	confidence: LinearModel;
	thresholds: RankingModel['thresholds'];
	tops: Map<number, TopCandidate>;
}

/** Fits both models and reads the thresholds on `questions` (indices into `records`) and their examples. */
function fitModels(examples: readonly Example[], records: readonly QuestionRecord[], questions: readonly number[]): FittedModels {
	const ranking = linear(fitListwise(examples).concat(0));
	// The confidence model learns from each question's best-ranked sentence only: whether what would be shown first
	// is right, which is the question the outcome asks.
	const confidence = linear(fitLogistic(bestRanked(examples, ranking)));
	const tops = topCandidates(examples, records, questions, ranking, confidence);
	// Thresholds are read on the archive stories alone: the bundled story's questions were written by the people who
	// hand-tuned the earlier engine on it, so it is easier than a story the engine has never seen.
	const thresholds = chooseThresholds([...tops].filter(([question]) => records[question]!.set !== STORY_SET).map(([, top]) => top));
	return { ranking, confidence, thresholds, tops };
}

interface Fold {
	/** The left-out story's questions, as the models fitted without it rank them. */
	tops: TopCandidate[];
	/** The thresholds read on the stories fitted on. */
	thresholds: RankingModel['thresholds'];
}

/** Leaves each archive tuning story out in turn, fits on the rest and ranks the story left out. */
function leaveOneStoryOut(examples: readonly Example[], records: readonly QuestionRecord[]): Fold[] {
	const questions = records.map((_, question) => question);
	return [...new Set(records.map((record) => record.set).filter((set) => set !== STORY_SET))].map((left) => {
		const inFit = (question: number) => records[question]!.set !== left;
		const fitted = fitModels(examples.filter((example) => inFit(example.question)), records, questions.filter(inFit));
		const tops = topCandidates(examples.filter((example) => !inFit(example.question)), records, questions.filter((question) => !inFit(question)), fitted.ranking, fitted.confidence);
		return { tops: [...tops.values()], thresholds: fitted.thresholds };
	});
}

/**
 * `--cross-validate`: scores each story left out (see `leaveOneStoryOut`) as the engine would answer it
 * (best-ranked sentence, outcome by the thresholds read without it). Pooled, it estimates what a change does on a
 * story the fit has not seen, without reading the held-out stories; it writes nothing. Each fold's thresholds are
 * read in-sample on the stories it fitted (reading them out of fold too would take a fit per pair of stories).
 */
function crossValidate(examples: readonly Example[], records: readonly QuestionRecord[]): void {
	const folds = leaveOneStoryOut(examples, records);
	const outcomes = folds.flatMap((fold) =>
		fold.tops.map((top) => ({ top, refused: top.confidence < fold.thresholds.closest, answered: top.confidence >= fold.thresholds.answered })),
	);
	const answerable = outcomes.filter(({ top }) => top.answerable);
	const answered = outcomes.filter((outcome) => outcome.answered);
	const count = (list: typeof outcomes, test: (outcome: (typeof outcomes)[number]) => boolean) => pct(list.filter(test).length, list.length);
	console.log('leave-one-story-out over the archive tuning stories (each fold\'s cuts read on the stories it fitted):');
	console.log(`  top-1 ${count(answerable, ({ top, refused }) => top.right && !refused)}, ranked first whatever the outcome ${count(answerable, ({ top }) => top.right)}`);
	console.log(`  answerable refused ${count(answerable, ({ refused }) => refused)}, answered precision ${count(answered, ({ top }) => top.right)}`);
	for (const kind of new Set(outcomes.filter(({ top }) => !top.answerable).map(({ top }) => top.kind))) {
		console.log(`  ${kind} refused ${count(outcomes.filter(({ top }) => top.kind === kind), ({ refused }) => refused)}`);
	}
}

interface TopCandidate {
	confidence: number;
	right: boolean;
	answerable: boolean;
	kind: QuestionKind;
}

function chooseThresholds(tops: readonly TopCandidate[]): RankingModel['thresholds'] {
	const byConfidence = [...tops].sort((a, b) => b.confidence - a.confidence);
	let answered = 1;
	let right = 0;
	byConfidence.forEach((top, index) => {
		if (top.right) right++;
		const next = byConfidence[index + 1];
		// A threshold sits between two distinct confidences, so ties are answered alike.
		if (right / (index + 1) >= ANSWERED_PRECISION && (!next || next.confidence < top.confidence)) answered = top.confidence;
	});
	// The issue's two bars on refusals pull one way each: refuse as many unanswerable questions as possible, and at
	// most 10% of answerable ones. So the cut is the highest that keeps the second.
	const answerable = tops.filter((top) => top.answerable).map((top) => top.confidence).sort((a, b) => a - b);
	const allowed = Math.floor(answerable.length * MAX_ANSWERABLE_REFUSED);
	const closest = Math.min(answered, answerable[allowed] ?? 0);
	return { answered, closest };
}

async function main(): Promise<void> {
	const examples: Example[] = [];
	const records: QuestionRecord[] = [];
	collect(await corpusArticles(storyCorpusDir), await loadQuestionSet('tuning'), STORY_SET, examples, records);
	const stories = (await loadStories()).filter((story) => story.split === 'tuning');
	const articles = await readStoryArticles(stories, defaultArchiveDir);
	if (!articles) throw new Error(`The tuning stories need the archives in ${defaultArchiveDir}.`);
	for (const story of stories) {
		const corpus = await makeStoryCorpus(story, articles);
		try {
			collect(await corpusArticles(corpus.dir), [...story.questions, ...questionsFromOtherStories(story, stories)], story.slug, examples, records);
		} finally {
			await corpus.cleanup();
		}
	}

	if (process.argv.includes('--cross-validate')) {
		crossValidate(examples, records);
		return;
	}
	const { ranking, confidence, thresholds: inSample, tops } = fitModels(examples, records, records.map((_, question) => question));
	// Out of fold (see the header): each archive story as the models fitted without it score it.
	const thresholds = chooseThresholds(leaveOneStoryOut(examples, records).flatMap((fold) => fold.tops));
	const model: RankingModel = {
		ranking,
		confidence,
		thresholds: { answered: round(thresholds.answered), closest: round(thresholds.closest) },
		fitted: {
			on: [STORY_SET, ...stories.map((story) => story.slug)],
			at: new Date().toISOString().slice(0, 10),
			questions: records.length,
			candidates: examples.length,
		},
	};
	writeFileSync(fileURLToPath(MODEL_FILE), `${JSON.stringify(model, null, '\t')}\n`);
	const answerable = [...tops.values()].filter((top) => top.answerable);
	console.log(`${records.length} questions, ${examples.length} candidate sentences (${examples.filter((example) => example.label === 1).length} positive)`);
	const reachable = new Set(examples.filter((example) => example.label === 1).map((example) => example.question)).size;
	console.log(`answerable questions with a right sentence among those scored: ${pct(reachable, answerable.length)}`);
	console.log(`top-1 on the tuning questions: ${pct(answerable.filter((top) => top.right).length, answerable.length)}`);
	console.log(`thresholds: answered ≥ ${model.thresholds.answered}, closest ≥ ${model.thresholds.closest} (read in-sample: ${round(inSample.answered)}, ${round(inSample.closest)})`);
	console.log(`ranking: ${JSON.stringify(ranking.weights)}\nconfidence: ${JSON.stringify(confidence)}`);
}

/** Coefficients (bias last) as a model, rounded so the file diffs readably. */
function linear(coefficients: readonly number[]): LinearModel {
	return { bias: round(coefficients.at(-1)!), weights: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, round(coefficients[i]!)])) as Features };
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;
const pct = (hits: number, total: number) => `${((hits / total) * 100).toFixed(1)}% (${hits}/${total})`;

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
});
