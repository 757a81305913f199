import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The question sets that ship with the repository; the only place the story itself appears in the evaluation.
 * `tuning` is the set the engine is developed against; `heldout` is kept out of that loop, to measure how far the
 * tuning generalizes: read its misses, but do not tune the engine to them (that would make it a second tuning set).
 */
export const questionSets = {
	tuning: fileURLToPath(new URL('./questions.json', import.meta.url)),
	heldout: fileURLToPath(new URL('./heldout.json', import.meta.url)),
} as const;
export type QuestionSetName = keyof typeof questionSets;
export const questionSetNames = Object.keys(questionSets) as QuestionSetName[];

export const defaultQuestionsFile = questionSets.tuning;

/**
 * `fact`: in the articles' own words; `synonym`: in other words (other names, paraphrased verbs); `keyword`: a search-box
 * query with no question word; `misspelled`: typos; `indirect`: a roundabout request; `conflict`: the sources disagree.
 * `out-of-corpus` asks what the story is not about; `near-miss` asks a detail of the story that its articles never give.
 */
export const questionKinds = ['fact', 'synonym', 'keyword', 'misspelled', 'indirect', 'conflict', 'out-of-corpus', 'near-miss'] as const;
export type QuestionKind = (typeof questionKinds)[number];
const unanswerableKinds: ReadonlySet<QuestionKind> = new Set(['out-of-corpus', 'near-miss']);

export function isAnswerableKind(kind: QuestionKind): boolean {
	return !unanswerableKinds.has(kind);
}

const questionSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case'),
		question: z.string().trim().min(1),
		kind: z.enum(questionKinds),
		/** Alternatives: a correct quote contains at least one of them. Empty for unanswerable questions. */
		expect: z.array(z.string().trim().min(1)),
		/** The kind of disagreement the answer must flag, for questions whose sources disagree. */
		conflict: z.enum(['date', 'number', 'name']).nullable(),
	})
	.strict()
	.superRefine((item, ctx) => {
		if (!isAnswerableKind(item.kind) && item.expect.length > 0) {
			ctx.addIssue({ code: 'custom', message: 'unanswerable questions expect nothing', path: ['expect'] });
		}
		if (isAnswerableKind(item.kind) && item.expect.length === 0) {
			ctx.addIssue({ code: 'custom', message: 'answerable questions need at least one expected string', path: ['expect'] });
		}
		if ((item.kind === 'conflict') !== (item.conflict !== null)) {
			ctx.addIssue({ code: 'custom', message: 'conflict is set exactly when kind is "conflict"', path: ['conflict'] });
		}
	});

export type EvalQuestion = z.infer<typeof questionSchema>;

export const questionListSchema = z.array(questionSchema).superRefine((items, ctx) => {
	const seen = new Set<string>();
	items.forEach((item, index) => {
		if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${item.id}"`, path: [index, 'id'] });
		seen.add(item.id);
	});
});

/** Validates a parsed question file; throws with every problem listed at once. */
export function parseQuestions(data: unknown, source = 'questions'): EvalQuestion[] {
	const parsed = questionListSchema.safeParse(data);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
		throw new Error(`Invalid question set in ${source}:\n${problems.join('\n')}`);
	}
	return parsed.data;
}

export async function loadQuestions(file = defaultQuestionsFile): Promise<EvalQuestion[]> {
	return parseQuestions(JSON.parse(await readFile(file, 'utf8')) as unknown, file);
}

export function loadQuestionSet(name: QuestionSetName): Promise<EvalQuestion[]> {
	return loadQuestions(questionSets[name]);
}

/** Reads a `--set=` value: one set's name, or `all` for every set in order. Returns null for anything else. */
export function parseSetOption(value: string): QuestionSetName[] | null {
	if (value === 'all') return [...questionSetNames];
	return (questionSetNames as string[]).includes(value) ? [value as QuestionSetName] : null;
}

export function isAnswerable(question: EvalQuestion): boolean {
	return isAnswerableKind(question.kind);
}
