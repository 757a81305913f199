/**
 * Review aid for the archive stories: `npx tsx test/eval/verifyStories.ts [--dir=DIR] [slug ...]` checks every story
 * file (in `test/eval/stories/`, or DIR) against the archives in `../shared/data`, without running the engine, so it
 * can be used by someone writing questions blind:
 * - the file parses (the schema in `stories.ts`) and its documents are in the archive it names;
 * - no document belongs to two stories (of DIR and `test/eval/stories/` together), and no slug is used twice;
 * - every expected string occurs verbatim within one sentence of one of the story's articles, as the engine splits
 *   sentences (a quote is whole sentences, so a string across two can never be quoted alone).
 * It prints the kinds of question per story and every problem, and exits non-zero when there is one.
 */
import path from 'node:path';
import { defaultArchiveDir } from './archiveCorpus.js';
import { type ArchiveRecord, loadStories, readStoryArticles, type Story, storiesDir } from './stories.js';
import { splitSentences } from '../../src/answer/sentences.js';
import { parseJsonlLine } from '../../src/corpus/parseArticle.js';

function parseArguments(argv: readonly string[]): { dir: string; slugs: string[] } {
	const dirOption = argv.find((arg) => arg.startsWith('--dir='));
	return { dir: path.resolve(dirOption?.slice('--dir='.length) ?? storiesDir), slugs: argv.filter((arg) => !arg.startsWith('--')) };
}

/** The sentences of an archive record, paragraphed as the corpus loader reads it and split as quotes are. */
function sentencesOf(record: ArchiveRecord): string[] {
	const article = parseJsonlLine(record.id, JSON.stringify(record), 1);
	if (article === null || !('paragraphs' in article)) return [];
	return article.paragraphs.flatMap((paragraph) => splitSentences(paragraph.text).map((sentence) => sentence.text));
}

function sharedDocuments(stories: readonly Story[]): string[] {
	const owner = new Map<string, string>();
	const problems: string[] = [];
	for (const story of stories) {
		for (const id of story.documents) {
			const other = owner.get(id);
			if (other !== undefined && other !== story.slug) problems.push(`${story.slug}: document ${id} is already in ${other}`);
			owner.set(id, story.slug);
		}
	}
	return problems;
}

async function main(): Promise<void> {
	const { dir, slugs } = parseArguments(process.argv.slice(2));
	const checked = (await loadStories(dir)).filter((story) => slugs.length === 0 || slugs.includes(story.slug));
	const known = dir === path.resolve(storiesDir) ? [] : await loadStories(storiesDir);
	const slugClashes = checked.filter((story) => known.some((other) => other.slug === story.slug)).map((story) => `${story.slug}: the slug is already used in ${storiesDir}`);
	const problems = [...slugClashes, ...sharedDocuments([...known, ...checked])];
	const articles = await readStoryArticles(checked, defaultArchiveDir);
	if (!articles) throw new Error(`The stories need the archives in ${defaultArchiveDir}.`);
	for (const story of checked) {
		const sentences = story.documents.flatMap((id) => sentencesOf(articles.get(id)!));
		const kinds = new Map<string, number>();
		for (const question of story.questions) {
			kinds.set(question.kind, (kinds.get(question.kind) ?? 0) + 1);
			for (const expected of question.expect) {
				if (!sentences.some((sentence) => sentence.includes(expected))) {
					problems.push(`${story.slug}/${question.id}: "${expected}" is not within one sentence of the story's articles`);
				}
			}
		}
		console.log(`${story.slug} (${story.split}, ${story.documents.length} articles): ${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ')}`);
	}
	for (const problem of problems) console.log(`  PROBLEM ${problem}`);
	console.log(`${checked.length} stories, ${problems.length} problem(s)`);
	process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
});
