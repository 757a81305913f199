/**
 * Review aid for the question sets: `npx tsx test/eval/verifyQuestions.ts [--set=tuning|heldout|all] [corpusDir]` prints,
 * for every expected string, each sentence of the corpus that contains it, and exits non-zero if a string is missing or
 * only spans sentences. Read the output to judge whether every sentence that would count as a hit truly answers its question.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQuestionSet, parseSetOption, type QuestionSetName } from './questions.js';
import { findExpected, readStoryParagraphs } from './storyText.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let sets: QuestionSetName[] = ['tuning'];
let corpusArg: string | undefined;
for (const arg of process.argv.slice(2)) {
	if (arg.startsWith('--set=')) {
		const parsed = parseSetOption(arg.slice('--set='.length));
		if (!parsed) {
			console.error(`Unknown question set in "${arg}"; use --set=tuning, --set=heldout or --set=all.`);
			process.exit(2);
		}
		sets = parsed;
	} else corpusArg = arg;
}
const corpusDir = path.resolve(corpusArg ?? path.join(repoRoot, 'corpus'));

const paragraphs = await readStoryParagraphs(corpusDir);
let problems = 0;
let total = 0;
for (const set of sets) {
	const questions = await loadQuestionSet(set);
	total += questions.length;
	console.log(`\n=== ${set} set ===`);
	for (const question of questions) {
		console.log(`\n[${question.kind}${question.conflict ? `:${question.conflict}` : ''}] ${question.id}: ${question.question}`);
		for (const expected of question.expect) {
			const occurrences = findExpected(paragraphs, expected);
			if (occurrences.length === 0) {
				problems++;
				console.log(`  MISSING  "${expected}"`);
			}
			for (const occurrence of occurrences) {
				if (occurrence.sentence === null) problems++;
				console.log(`  "${expected}"  ${occurrence.doc} ¶${occurrence.paragraph}: ${occurrence.sentence ?? 'SPANS A SENTENCE BOUNDARY'}`);
			}
		}
	}
}
console.log(`\n${total} questions (${sets.join(' + ')}), ${problems} problem(s)`);
process.exitCode = problems === 0 ? 0 : 1;
