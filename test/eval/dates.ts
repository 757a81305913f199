/**
 * `npm run eval:dates [-- --set=tuning|heldout|all] [--misses] [--data-dir=DIR]`
 *
 * Scores each date reader of `dateExtractors.ts` on `dates.json`: sentences quoted verbatim from the bundled corpus and
 * the BBC (undated) and Reuters (dated) archives, with the dates they state and where each falls, written before either
 * reader was run. A found date matches a stated one when their words overlap; precision counts every found date, so a
 * "date" read into "yesterday's rebels" or "19 people" costs. A matched date is right when it falls where expected
 * (a listed value, a day within an `A..B` range, or unplaced when expected null: a relative date in an undated article
 * must stay so). The held-out set is the one that decides; `--misses` prints the tuning set's misses only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dateContextOf, type DateContext } from '../../src/answer/eventDates.js';
import { parseCorpusFile } from '../../src/corpus/loadCorpus.js';
import { parseJsonlLine } from '../../src/corpus/parseArticle.js';
import type { Article } from '../../src/corpus/types.js';
import { BBC_ARCHIVE, defaultArchiveDir, REUTERS_ARCHIVE, repoRoot } from './archiveCorpus.js';
import { EXTRACTORS } from './dateExtractors.js';
import { type DateCase, type Score, score, type Split } from './dateScore.js';
import { readArchiveLines } from './stories.js';

const USAGE = 'usage: npm run eval:dates -- [--set=tuning|heldout|all] [--misses] [--data-dir=DIR]';

async function articleContexts(cases: readonly DateCase[], dataDir: string): Promise<Map<string, DateContext>> {
	const wanted = new Set(cases.map((c) => c.article));
	const articles: Article[] = [];
	for (const file of [...wanted].filter((id) => id.startsWith('corpus/'))) {
		articles.push(...(await parseCorpusFile(path.basename(file), await readFile(path.join(repoRoot, file)))).articles);
	}
	for (const archive of [BBC_ARCHIVE, REUTERS_ARCHIVE]) {
		for (const { line, number } of (await readArchiveLines(path.join(dataDir, archive), wanted)).values()) {
			const parsed = parseJsonlLine(archive, line, number);
			if (parsed && 'paragraphs' in parsed) articles.push(parsed);
		}
	}
	const contexts = new Map<string, DateContext>();
	for (const article of articles) contexts.set(article.file.startsWith('news-archive') ? article.id : `corpus/${article.file}`, dateContextOf(article));
	const missing = [...wanted].filter((id) => !contexts.has(id));
	if (missing.length > 0) throw new Error(`eval:dates: articles not found: ${missing.join(', ')} (is --data-dir right?)`);
	return contexts;
}

function percent(part: number, whole: number): string {
	return whole === 0 ? '   –' : `${((100 * part) / whole).toFixed(0).padStart(3)}%`;
}

const GROUPS = ['absolute', 'relative, dated article', 'relative, undated article', 'event-relative'];

function formatScores(split: string, cases: readonly DateCase[], scores: ReadonlyArray<{ name: string; score: Score }>): string {
	const stated = cases.reduce((sum, c) => sum + c.dates.length, 0);
	const lines = [`${split}: ${cases.length} sentences, ${stated} stated dates (${cases.filter((c) => c.dates.length === 0).length} sentences state none)`];
	const header = ['reader'.padEnd(30), 'precision', 'recall', 'right of found', 'right of stated', ...GROUPS.map((g) => `${g} (recall / right)`)];
	lines.push(header.join(' | '));
	for (const { name, score: s } of scores) {
		const tallies = [...s.groups.values()];
		const right = tallies.reduce((sum, t) => sum + t.right, 0);
		const cells = GROUPS.map((group) => {
			const t = s.groups.get(group);
			return t ? `${t.found}/${t.stated} ${percent(t.found, t.stated)} / ${percent(t.right, t.found)}` : '–';
		});
		lines.push([name.padEnd(30), `${percent(s.matched, s.extracted)} (${s.matched}/${s.extracted})`, percent(s.matched, stated), percent(right, s.matched), `${percent(right, stated)} (${right}/${stated})`, ...cells].join(' | '));
	}
	return lines.join('\n');
}

async function main(args: readonly string[]): Promise<void> {
	let sets: Split[] = ['tuning', 'heldout'];
	let showMisses = false;
	let dataDir = defaultArchiveDir;
	for (const arg of args) {
		if (arg === '--set=tuning' || arg === '--set=heldout') sets = [arg.slice(6) as Split];
		else if (arg === '--set=all') sets = ['tuning', 'heldout'];
		else if (arg === '--misses') showMisses = true;
		else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
		else throw new Error(`eval:dates: unknown option ${arg}\n${USAGE}`);
	}
	const cases = JSON.parse(await readFile(new URL('./dates.json', import.meta.url), 'utf8')) as DateCase[];
	const contexts = await articleContexts(cases, dataDir);
	for (const split of sets) {
		const chosen = cases.filter((c) => c.split === split);
		const scores = EXTRACTORS.map(({ name, extract }) => ({ name, score: score(chosen, extract, contexts) }));
		console.log(`${formatScores(split, chosen, scores)}\n`);
		if (showMisses && split === 'tuning') for (const { name, score: s } of scores) console.log(`${name} misses:\n  ${s.misses.join('\n  ')}\n`);
	}
}

main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
