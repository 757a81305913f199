import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

let dir: TempDir;
beforeEach(async () => {
	dir = await makeTempDir();
});
afterEach(() => dir.remove());

const markdown = (front: string, body: string) => `---\n${front}\n---\n\n${body}\n`;

describe('loadCorpus', () => {
	it('reads Markdown front matter and numbers body paragraphs, keeping sub-headings as sections', async () => {
		await dir.write('raid.md', markdown('title: A raid\npublisher: The Associated Press\ndate: 2025-12-05\nurl: https://example.org/raid', 'First paragraph.\n\n## Confusion\n\nSecond paragraph.\n\nThird one.'));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(problems).toEqual([]);
		expect(articles).toHaveLength(1);
		const [article] = articles;
		expect(article).toMatchObject({ id: 'raid', title: 'A raid', publisher: 'The Associated Press', date: '2025-12-05', url: 'https://example.org/raid' });
		expect(article!.paragraphs.map(({ number, section, text }) => [number, section, text])).toEqual([
			[1, null, 'First paragraph.'],
			[2, 'Confusion', 'Second paragraph.'],
			[3, 'Confusion', 'Third one.'],
		]);
	});

	it('records a missing publisher as unknown and a missing date as null, inventing nothing', async () => {
		await dir.write('piece.md', markdown('title: A piece', 'Only paragraph.'));
		const { articles } = await loadCorpus(dir.path);
		expect(articles[0]).toMatchObject({ publisher: 'unknown', date: null, url: null });
	});

	it('splits plain text paragraphed one per line, and takes its first line as the title', async () => {
		await dir.write('story.txt', 'The headline\nFirst paragraph, on one line.\nSecond paragraph.\n');
		const [article] = (await loadCorpus(dir.path)).articles;
		expect(article!.title).toBe('The headline');
		expect(article!.paragraphs.map((paragraph) => paragraph.text)).toEqual(['First paragraph, on one line.', 'Second paragraph.']);
	});

	it('joins hard-wrapped lines when paragraphs are separated by blank lines, and spots plain-text sub-headings', async () => {
		await dir.write('story.txt', 'Headline\n\nA paragraph that\nwraps here.\n\nA short heading\n\nUnder the heading.\n');
		const [article] = (await loadCorpus(dir.path)).articles;
		expect(article!.paragraphs.map(({ section, text }) => [section, text])).toEqual([
			[null, 'A paragraph that wraps here.'],
			['A short heading', 'Under the heading.'],
		]);
	});

	it('loads JSON Lines and gzipped JSON Lines, reporting a bad line without losing the good ones', async () => {
		const good = JSON.stringify({ id: 'wire-1', title: 'Wire', date: '1987-02-26', source: 'Reuters', text: 'One.\n\nTwo.' });
		await dir.write('bulk.jsonl', `${good}\nnot json\n${JSON.stringify({ id: 'wire-2', title: 'x', date: '1987-02-30', source: 'Reuters', text: 'Bad date.' })}\n`);
		await dir.write('more.jsonl.gz', gzipSync(`${JSON.stringify({ id: 'wire-3', title: 'Gz', date: null, source: 'BBC', text: 'Zipped.' })}\n`));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles.map((article) => [article.id, article.publisher, article.paragraphs.length])).toEqual([
			['wire-1', 'Reuters', 2],
			['wire-3', 'BBC', 1],
		]);
		expect(problems).toEqual([
			{ file: 'bulk.jsonl:2', reason: 'the line is not valid JSON' },
			{ file: 'bulk.jsonl:3', reason: expect.stringContaining('not a real date') },
		]);
	});

	it('reads a JSON Lines archive larger than one read, with CRLF line ends, the same as a small one', async () => {
		const records = Array.from({ length: 3_000 }, (_, n) => JSON.stringify({ id: `wire-${n}`, title: `Item ${n}`, date: null, source: 'Wire', text: `Paragraph ${n} of the wire, long enough to matter.\n\nAnd a second.` }));
		await dir.write('archive.jsonl.gz', gzipSync(`${records.join('\r\n')}\r\n`));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(problems).toEqual([]);
		expect(articles).toHaveLength(3_000);
		expect(articles.at(-1)!.paragraphs.map((paragraph) => paragraph.text)).toEqual(['Paragraph 2999 of the wire, long enough to matter.', 'And a second.']);
	});

	it('rejects a JSON Lines file that is not valid gzip, not UTF-8, or empty, naming the file', async () => {
		await dir.write('corrupt.jsonl.gz', gzipSync('{"id": "x"}\n').subarray(0, 12));
		await dir.write('latin1.jsonl', Buffer.from([0x7b, 0xa3, 0x7d, 0x0a]));
		await dir.write('blank.jsonl', '\n\n');
		const { problems } = await loadCorpus(dir.path);
		expect(Object.fromEntries(problems.map((problem) => [problem.file, problem.reason]))).toEqual({
			'blank.jsonl': 'the file is empty',
			'corrupt.jsonl.gz': 'the file is not valid gzip',
			'latin1.jsonl': 'the file is not UTF-8 text',
		});
	});

	it('reports each bad file with the reason, and still loads the good ones', async () => {
		await dir.write('good.md', markdown('title: Good', 'Fine text.'));
		await dir.write('latin1.txt', Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xa3, 0x35]));
		await dir.write('empty.md', '   \n');
		await dir.write('broken.md', '---\ntitle: [unclosed\n---\n\nBody.');
		await dir.write('unclosed.md', '---\ntitle: x\n\nBody.');
		await dir.write('impossible.md', markdown('title: x\ndate: 2025-02-30', 'Body.'));
		await dir.write('notes.docx', 'whatever');
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles.map((article) => article.id)).toEqual(['good']);
		expect(Object.fromEntries(problems.map((problem) => [problem.file, problem.reason]))).toEqual({
			'broken.md': expect.stringContaining('not valid YAML'),
			'empty.md': 'the file is empty',
			'impossible.md': expect.stringContaining('"2025-02-30" is not a real date'),
			'latin1.txt': 'the file is not UTF-8 text',
			'notes.docx': expect.stringContaining('unsupported file type'),
			'unclosed.md': expect.stringContaining('no closing "---"'),
		});
	});

	it('refuses a second document with the same id instead of silently replacing the first', async () => {
		await dir.write('same.md', markdown('title: One', 'A.'));
		await dir.write('same.txt', 'Two\nB.');
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles).toHaveLength(1);
		expect(problems[0]).toEqual({ file: 'same.txt', reason: 'document id "same" is already used by same.md' });
	});

	it('says so when the directory does not exist', async () => {
		const { articles, problems } = await loadCorpus(`${dir.path}/missing`);
		expect(articles).toEqual([]);
		expect(problems[0]!.reason).toBe('the corpus directory does not exist');
	});
});

describe('the bundled story corpus', () => {
	it('holds both articles verbatim from the seeds, paragraph for paragraph', async () => {
		const { readFile } = await import('node:fs/promises');
		const { articles, problems } = await loadCorpus('corpus');
		expect(problems).toEqual([]);
		const seedText = (name: string) => readFile(`../shared/seeds/${name}`, 'utf8');
		const analysis = await seedText('000_574758f0f477ce91.txt');
		const ap = await seedText('003_657312180366d78c.txt');
		for (const article of articles) {
			const seed = article.publisher === 'The Associated Press' ? ap : analysis;
			for (const paragraph of article.paragraphs) expect(seed).toContain(paragraph.text);
		}
		expect(articles.map((article) => [article.publisher, article.date, article.paragraphs.length])).toEqual([
			['The Associated Press', '2025-12-05', 24],
			['unknown', null, 16],
		]);
	});
});
