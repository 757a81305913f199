import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCorpus, parseCorpusFile } from '../../src/corpus/loadCorpus.js';
import { META_LIMITS } from '../../src/corpus/metadata.js';
import { isValidDocumentId } from '../../src/corpus/parseArticle.js';
import type { Article, CorpusProblem } from '../../src/corpus/types.js';
import { FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCodePoint(code));
const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r', '\r\n\r\n', '\n \t\n');

/** Text as files hold it, and as they break: any code point, controls, lone surrogates, Markdown and YAML syntax. */
const textPiece = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom('The', 'raid', 'happened', 'at', 'night.', 'al-Masoud', 'said', '3 a.m.', ' ', ' ', ' ') },
	{ weight: 2, arbitrary: lineBreak },
	{ weight: 2, arbitrary: fc.constantFrom('# ', '## ', '---', '- ', '> ', ': ', '"', "'", '[', '{', '&a ', '*a', '!!binary ', '|', '#', '\\', '\uFEFF', '\u00AD', '\u202E') },
	{ weight: 1, arbitrary: codePoint(0, 0x10ffff) },
	{ weight: 1, arbitrary: fc.oneof(codePoint(0, 0x1f), codePoint(0x7f, 0x9f)) },
	{ weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
);
const text = (maxLength: number) => fc.string({ unit: textPiece, maxLength });

/** Values around each limit and format: the edge cases of dates, URLs and YAML itself. */
const metaValue = fc.oneof(
	text(20),
	fc.constantFrom('2025-12-05', '2025-02-30', '2025-12-05T10:00:00Z', '1987-02-26 10:00', 'https://example.org/a', 'ftp://example.org', 'null', '~', '123', 'true', '[unclosed', '{a: 1}', '&x [*x, *x]', '*undefined', '|', '>-', '!!js/function f()', "'quoted'", '"\\u0000"'),
	fc.integer({ min: META_LIMITS.title - 2, max: META_LIMITS.title + 2 }).map((length) => 't'.repeat(length)),
	fc.integer({ min: META_LIMITS.publisher - 1, max: META_LIMITS.publisher + 1 }).map((length) => 'p'.repeat(length)),
	fc.integer({ min: 1, max: 3_000 }).map((length) => `https://example.org/${'u'.repeat(length)}`),
);

const frontMatter = fc
	.tuple(
		fc.array(fc.tuple(fc.constantFrom('title', 'publisher', 'date', 'url', 'tags', 'source', 'title'), metaValue), { maxLength: 5 }),
		lineBreak,
		fc.boolean(),
	)
	.map(([entries, newline, closed]) => `---${newline}${entries.map(([key, value]) => `${key}: ${value}`).join(newline)}${closed ? `${newline}---${newline}` : newline}`);

const articleText = fc.tuple(fc.option(frontMatter, { nil: '' }), text(60)).map(([front, body]) => `${front}${body}`);

const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), metaValue, text(30));
const record = fc.record(
	{
		id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/), fc.constantFrom('', '-x', 'a/b', 'x'.repeat(101)), jsonValue),
		title: jsonValue,
		date: jsonValue,
		source: jsonValue,
		publisher: jsonValue,
		url: jsonValue,
		text: fc.oneof({ weight: 4, arbitrary: text(60) }, { weight: 1, arbitrary: jsonValue }),
	},
	{ requiredKeys: [] },
);
const jsonLine = fc.oneof({ weight: 4, arbitrary: record.map((value) => JSON.stringify(value)) }, { weight: 1, arbitrary: text(30) });
const jsonLines = fc.tuple(fc.array(jsonLine, { maxLength: 6 }), lineBreak).map(([lines, newline]) => lines.join(newline));

const encode = (content: string) => new TextEncoder().encode(content);
/** Mostly text (encoded, lone surrogates become U+FFFD), sometimes bytes that are not UTF-8 at all. */
const bytesOf = (content: fc.Arbitrary<string>) => fc.oneof({ weight: 5, arbitrary: content.map(encode) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) });

const articleFile = fc.oneof(
	fc.tuple(fc.constantFrom('story.md', 'story.markdown', 'story.txt', 'bad id!.md', `${'x'.repeat(101)}.txt`), bytesOf(articleText)),
	fc.tuple(fc.constant('wire.jsonl'), bytesOf(jsonLines)),
);

/** What is wrong with a load's result, in words; checked as one list so a failure shows every broken rule at once. */
function flaws(articles: readonly Article[], problems: readonly CorpusProblem[]): string[] {
	const found: string[] = [];
	const check = (ok: boolean, flaw: string) => {
		if (!ok) found.push(flaw);
	};
	for (const article of articles) {
		check(isValidDocumentId(article.id), `id ${JSON.stringify(article.id)}`);
		check(article.title.length > 0 && article.title.length <= META_LIMITS.title, `${article.id}: title of ${article.title.length}`);
		check(article.publisher.length <= META_LIMITS.publisher, `${article.id}: publisher of ${article.publisher.length}`);
		check(article.date === null || /^\d{4}-\d{2}-\d{2}$/.test(article.date), `${article.id}: date ${article.date}`);
		check(article.url === null || /^https?:/i.test(article.url), `${article.id}: url ${article.url}`);
		check(article.paragraphs.length > 0 && article.paragraphs.every((paragraph, index) => paragraph.number === index + 1), `${article.id}: paragraph numbers`);
		for (const paragraph of article.paragraphs) {
			check(paragraph.text.trim() !== '', `${article.id} ¶${paragraph.number}: empty`);
			check((paragraph.section?.length ?? 0) <= META_LIMITS.heading, `${article.id} ¶${paragraph.number}: section of ${paragraph.section?.length}`);
		}
	}
	for (const problem of problems) {
		// A problem names what is wrong, a short clause per field; it never repeats a megabyte of the file back.
		check(problem.reason !== '' && problem.reason.length <= 1_000, `${problem.file}: reason of ${problem.reason.length}`);
	}
	return found;
}

describe('fuzzing corpus files through the parser', () => {
	it('turns any Markdown, text or JSON Lines file into documents or problems, never throwing', async () => {
		await fc.assert(
			fc.asyncProperty(articleFile, async ([name, bytes]) => {
				const { articles, problems } = await parseCorpusFile(name, bytes);
				expect(flaws(articles, problems)).toEqual([]);
				expect(articles.length + problems.length).toBeGreaterThan(0);
				expect(problems.every((problem) => problem.file.startsWith(name))).toBe(true);
			}),
			{ numRuns: 8_700 },
		);
	}, FUZZ_TIMEOUT_MS);
});

describe('fuzzing a corpus directory through the loader', () => {
	let dir: TempDir;
	let round = 0;
	beforeAll(async () => {
		dir = await makeTempDir('story-fuzz-');
	});
	afterAll(() => dir.remove());

	it('loads any set of files into documents or problems, streaming JSON Lines exactly as it parses them whole', async () => {
		const files = fc.uniqueArray(fc.oneof(articleFile, fc.tuple(fc.constant('wire.jsonl.gz'), jsonLines.map((content) => gzipSync(content)))), {
			minLength: 1,
			maxLength: 3,
			selector: ([name]) => name,
		});
		await fc.assert(
			fc.asyncProperty(files, async (entries) => {
				const corpus = path.join(dir.path, String(round++));
				await mkdir(corpus);
				await Promise.all(entries.map(([name, bytes]) => writeFile(path.join(corpus, name), bytes)));
				const { articles, problems } = await loadCorpus(corpus);
				expect(flaws(articles, problems)).toEqual([]);
				expect(new Set(articles.map((article) => article.id)).size).toBe(articles.length);
				for (const [name, bytes] of entries) {
					const whole = await parseCorpusFile(name, bytes);
					const fromFile = (item: { file: string }) => item.file.replace(/:\d+$/, '') === name;
					// Ids a file shares with another are reported as clashes, so compare only the uncontested.
					const contested = new Set(problems.filter((problem) => problem.reason.startsWith('document id')).map((problem) => problem.reason));
					if (contested.size === 0) {
						expect(articles.filter(fromFile)).toEqual(whole.articles);
						expect(problems.filter(fromFile)).toEqual(whole.problems);
					}
				}
				await rm(corpus, { recursive: true });
			}),
			{ numRuns: 250 },
		);
	}, FUZZ_TIMEOUT_MS);
});

describe('counterexamples the fuzzing found', () => {
	it('reads front matter with an unknown YAML tag without writing a process warning', async () => {
		const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
		try {
			const { articles } = await parseCorpusFile('story.md', encode('---\ntitle: !!js/function f()\n---\n\nBody.\n'));
			expect(articles[0]?.title).toBe('f()');
			expect(warn).not.toHaveBeenCalled();
		} finally {
			warn.mockRestore();
		}
	});
});
