/**
 * Stories other than the bundled one, for measuring whether the engine generalizes: each is a handful of related BBC
 * or Reuters articles, loaded as a corpus of its own, with questions written blind (by people who never ran the
 * engine on them). Each story is either `tuning` (the engine and its fitted weights may be developed against it) or
 * `heldout` (only ever measured). The articles stay in `../shared/data`; a story file names them by id.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { BBC_ARCHIVE, REUTERS_ARCHIVE, fileExists, type TempCorpus } from './archiveCorpus.js';
import { type EvalQuestion, questionListSchema } from './questions.js';

export const storiesDir = fileURLToPath(new URL('./stories/', import.meta.url));

export const storySplits = ['tuning', 'heldout'] as const;
export type StorySplit = (typeof storySplits)[number];

const archiveFiles = { bbc: BBC_ARCHIVE, reuters: REUTERS_ARCHIVE } as const;
type ArchiveName = keyof typeof archiveFiles;

const storySchema = z
	.object({
		slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
		title: z.string().min(1),
		split: z.enum(storySplits),
		archive: z.enum(['bbc', 'reuters']),
		documents: z.array(z.string().min(1)).min(1),
		questions: questionListSchema,
	})
	.strict();

export type Story = z.infer<typeof storySchema>;

/** Every story file, in slug order; throws naming the file and every problem in it. */
export async function loadStories(dir = storiesDir): Promise<Story[]> {
	const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
	const stories: Story[] = [];
	for (const name of files) {
		const parsed = storySchema.safeParse(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as unknown);
		if (!parsed.success) {
			const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
			throw new Error(`Invalid story in ${name}:\n${problems.join('\n')}`);
		}
		stories.push(parsed.data);
	}
	return stories;
}

/** An archive record, as `../shared/data/README.md` describes it. */
export interface ArchiveRecord {
	id: string;
	title: string;
	date: string | null;
	source: string;
	text: string;
}

/** The lines of the given ids, with their line numbers, read from one gzipped archive in a single pass. */
export async function readArchiveLines(file: string, ids: ReadonlySet<string>): Promise<Map<string, { line: string; number: number }>> {
	const found = new Map<string, { line: string; number: number }>();
	const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
	let number = 0;
	for await (const line of lines) {
		number++;
		// The id is the first key of every line, so most lines are skipped without parsing.
		const id = /^\{"id": ?"([^"]+)"/.exec(line)?.[1];
		if (id !== undefined && ids.has(id)) found.set(id, { line, number });
	}
	return found;
}

/** The records of the given ids, read from one gzipped archive in a single pass. */
async function readRecords(file: string, ids: ReadonlySet<string>): Promise<Map<string, ArchiveRecord>> {
	return new Map([...(await readArchiveLines(file, ids))].map(([id, { line }]) => [id, JSON.parse(line) as ArchiveRecord]));
}

/** Reads the articles of every story, each archive once. Null when an archive the stories need is missing. */
export async function readStoryArticles(stories: readonly Story[], archiveDir: string): Promise<Map<string, ArchiveRecord> | null> {
	const all = new Map<string, ArchiveRecord>();
	for (const archive of Object.keys(archiveFiles) as ArchiveName[]) {
		const ids = new Set(stories.filter((story) => story.archive === archive).flatMap((story) => story.documents));
		if (ids.size === 0) continue;
		const file = path.join(archiveDir, archiveFiles[archive]);
		if (!(await fileExists(file))) return null;
		for (const [id, record] of await readRecords(file, ids)) all.set(id, record);
	}
	const missing = stories.flatMap((story) => story.documents.filter((id) => !all.has(id)).map((id) => `${story.slug}: ${id}`));
	if (missing.length > 0) throw new Error(`Story documents not in the archives:\n  ${missing.join('\n  ')}`);
	return all;
}

/** A throwaway corpus directory holding one story's articles as one JSON Lines file. */
export async function makeStoryCorpus(story: Story, articles: ReadonlyMap<string, ArchiveRecord>): Promise<TempCorpus> {
	const dir = await mkdtemp(path.join(tmpdir(), `story-eval-${story.slug}-`));
	const lines = story.documents.map((id) => JSON.stringify(articles.get(id)));
	await writeFile(path.join(dir, `${story.slug}.jsonl`), `${lines.join('\n')}\n`);
	return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Out-of-corpus questions for a story, taken from the other stories (of `stories`): each one's first plain fact
 * question, which the story's articles have no reason to answer ("Who won best actress?" asked of a corpus about a
 * strike). Reporters ask a bot about the wrong story too; these measure, and teach the fit, that "not covered" is
 * the answer, with no question written for it.
 */
export function questionsFromOtherStories(story: Story, stories: readonly Story[]): EvalQuestion[] {
	return stories.flatMap((other) => {
		const fact = other.slug === story.slug ? undefined : other.questions.find((question) => question.kind === 'fact');
		return fact ? [{ id: `${other.slug}-${fact.id}`, question: fact.question, kind: 'out-of-corpus' as const, expect: [], conflict: null }] : [];
	});
}
