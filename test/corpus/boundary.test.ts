import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { ErrorCodes } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

let dir: TempDir;
let outside: TempDir;
beforeEach(async () => {
	dir = await makeTempDir('story-boundary-');
	outside = await makeTempDir('story-outside-');
});
afterEach(async () => {
	await dir.remove();
	await outside.remove();
});

const article = (title: string, body: string) => `---\ntitle: ${title}\npublisher: Test Wire\n---\n\n${body}\n`;

describe('the corpus directory is a boundary', () => {
	it('refuses a symbolic link to a file outside the directory with a problem line, and reads nothing through it', async () => {
		const secret = await outside.write('passwd', 'root:x:0:0:root:/root:/bin/bash\n');
		await symlink(secret, path.join(dir.path, 'passwd.txt'));
		await dir.write('raid.md', article('Raid', 'The raid happened at night.'));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles.map((loaded) => loaded.id)).toEqual(['raid']);
		expect(problems).toEqual([{ file: 'passwd.txt', reason: 'the file is a symbolic link; only regular files inside the corpus directory are read' }]);
	});

	it('refuses a symbolic link even to an article inside the directory, so no link is ever followed', async () => {
		await dir.write('raid.md', article('Raid', 'The raid happened at night.'));
		await symlink('raid.md', path.join(dir.path, 'copy.md'));
		await symlink(outside.path, path.join(dir.path, 'elsewhere.md'));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles.map((loaded) => loaded.id)).toEqual(['raid']);
		expect(problems.map((problem) => problem.file)).toEqual(['copy.md', 'elsewhere.md']);
	});

	it('never lets /quote serve a linked file: the document does not exist', async () => {
		await dir.write('raid.md', article('Raid', 'The raid happened at night.'));
		await symlink(await outside.write('passwd', 'root:x:0:0:root\n'), path.join(dir.path, 'passwd.txt'));
		const cache = await makeTempDir('story-cache-');
		try {
			const engine = await StoryEngine.open({ corpusDir: dir.path, cacheDir: cache.path, logger: silentLogger, persist: false });
			expect(() => engine.quote('passwd', 1)).toThrow(expect.objectContaining({ code: ErrorCodes.UnknownDocument }));
			expect(engine.status().lastRefresh.problems.map((problem) => problem.file)).toEqual(['passwd.txt']);
		} finally {
			await cache.remove();
		}
	});

	it('keeps the previous version serving when an article is swapped for a link on a reload', async () => {
		await dir.write('raid.md', article('Raid', 'The raid happened at night.'));
		const cache = await makeTempDir('story-cache-');
		try {
			const engine = await StoryEngine.open({ corpusDir: dir.path, cacheDir: cache.path, logger: silentLogger, persist: false });
			await rm(path.join(dir.path, 'raid.md'));
			await symlink(await outside.write('passwd', 'root:x:0:0:root\n'), path.join(dir.path, 'raid.md'));
			const report = await engine.reload();
			expect(report.problems.map((problem) => problem.file)).toEqual(['raid.md']);
			expect(engine.quote('raid', 1).text).toBe('The raid happened at night.');
		} finally {
			await cache.remove();
		}
	});

	it('reports a named pipe instead of waiting on it forever', async () => {
		execFileSync('mkfifo', [path.join(dir.path, 'pipe.md')]);
		await dir.write('raid.md', article('Raid', 'The raid happened at night.'));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles).toHaveLength(1);
		expect(problems).toEqual([{ file: 'pipe.md', reason: 'the file is not a regular file' }]);
	});

	it('reports a directory named like an article, and skips other sub-directories quietly', async () => {
		await mkdir(path.join(dir.path, 'x.md'));
		await mkdir(path.join(dir.path, 'notes'));
		await dir.write('raid.md', article('Raid', 'The raid happened at night.'));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles).toHaveLength(1);
		expect(problems).toEqual([{ file: 'x.md', reason: 'this is a directory, not an article file' }]);
	});
});

describe('line endings', () => {
	it('reads CR-only line endings (classic Mac OS) as line breaks, front matter included', async () => {
		await dir.write('mac.md', '---\rtitle: A Mac article\rpublisher: Test Wire\r---\r\rFirst paragraph.\r\rSecond paragraph.\r');
		const { articles, problems } = await loadCorpus(dir.path);
		expect(problems).toEqual([]);
		expect(articles[0]).toMatchObject({ title: 'A Mac article', publisher: 'Test Wire' });
		expect(articles[0]!.paragraphs.map((paragraph) => paragraph.text)).toEqual(['First paragraph.', 'Second paragraph.']);
	});

	it('reads CR-only JSON Lines, and CR-only paragraph breaks inside a record', async () => {
		const line = (id: string) => JSON.stringify({ id, title: id, text: 'One.\r\rTwo.' });
		await dir.write('wire.jsonl', `${line('w1')}\r${line('w2')}\r`);
		const { articles, problems } = await loadCorpus(dir.path);
		expect(problems).toEqual([]);
		expect(articles.map((loaded) => [loaded.id, loaded.paragraphs.map((paragraph) => paragraph.text)])).toEqual([
			['w1', ['One.', 'Two.']],
			['w2', ['One.', 'Two.']],
		]);
	});

	it('counts CRLF lines right in a JSON Lines file read in many chunks, a CR and its LF in different chunks', async () => {
		// Lines of 107 characters plus CRLF: the fourth 64 KiB read chunk ends between the CR and the LF of line 2,405.
		const records = Array.from({ length: 3_000 }, (_, index) => JSON.stringify({ id: `w${index}`, text: 'x'.repeat(87 - String(index).length) }));
		records[2_500] = 'not json';
		await writeFile(path.join(dir.path, 'wire.jsonl'), `${records.join('\r\n')}\r\n`);
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles).toHaveLength(2_999);
		expect(problems).toEqual([{ file: 'wire.jsonl:2501', reason: 'the line is not valid JSON' }]);
	});
});

describe('metadata lengths', () => {
	it('reports a 5 MB front-matter title with its length, rather than taking it whole', async () => {
		await dir.write('huge.md', article('t'.repeat(5 * 1024 * 1024), 'Body.'));
		const { articles, problems } = await loadCorpus(dir.path);
		expect(articles).toEqual([]);
		expect(problems).toEqual([{ file: 'huge.md', reason: 'title: the value is 5,242,880 characters long; the limit is 256' }]);
	});

	it('reports an over-long publisher, date or url in a JSON Lines record without echoing it', async () => {
		const records = [
			{ id: 'p', publisher: 'P'.repeat(101), text: 'Body.' },
			{ id: 'd', date: '2'.repeat(1_000), text: 'Body.' },
			{ id: 'u', url: `https://example.org/${'u'.repeat(3_000)}`, text: 'Body.' },
		];
		await dir.write('wire.jsonl', records.map((record) => JSON.stringify(record)).join('\n'));
		const { problems } = await loadCorpus(dir.path);
		expect(problems.map((problem) => problem.reason)).toEqual([
			'record "p": publisher: the value is 101 characters long; the limit is 100',
			'record "d": date: the value is 1,000 characters long; the limit is 40',
			'record "u": url: the value is 3,020 characters long; the limit is 2,048',
		]);
	});

	it('reports a title read from an over-long first line, and an over-long sub-heading', async () => {
		await dir.write('long.txt', `${'word '.repeat(100)}\nBody.\n`);
		await dir.write('heading.md', article('Fine', `Intro.\n\n## ${'h'.repeat(300)}\n\nBody.`));
		const { problems } = await loadCorpus(dir.path);
		expect(problems).toEqual([
			{ file: 'heading.md', reason: 'a sub-heading is 300 characters long; the limit is 256' },
			{ file: 'long.txt', reason: 'the title read from the first line is 499 characters long; the limit is 256; state a title in front matter' },
		]);
	});

	it('still accepts a title at the limit', async () => {
		await dir.write('edge.md', article('t'.repeat(256), 'Body.'));
		expect((await loadCorpus(dir.path)).articles[0]!.title).toHaveLength(256);
	});
});
