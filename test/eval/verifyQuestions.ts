/**
 * Review aid for the question set: `npx tsx test/eval/verifyQuestions.ts [corpusDir]` prints, for every expected string,
 * each sentence of the corpus that contains it, and exits non-zero if a string is missing or only spans sentences.
 * Read the output to judge whether every sentence that would count as a hit truly answers its question.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQuestions } from './questions.js';
import { findExpected, readStoryParagraphs } from './storyText.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const corpusDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'corpus'));

const questions = await loadQuestions();
const paragraphs = await readStoryParagraphs(corpusDir);
let problems = 0;
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
console.log(`\n${questions.length} questions, ${problems} problem(s)`);
process.exitCode = problems === 0 ? 0 : 1;
