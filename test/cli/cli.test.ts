import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

let data: TempDir;
beforeAll(async () => {
	data = await makeTempDir('story-cli-data-');
});
afterAll(() => data.remove());

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the CLI as `npm run <command> -- …` would, with its own data directory. */
function cli(args: string[], input?: string): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], { env: { ...process.env, DATA_DIR: data.path, CORPUS_DIR: 'corpus' } }, (error, stdout, stderr) =>
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
		);
		child.stdin!.end(input ?? '');
	});
}

describe('npm run ask', () => {
	it('prints the quote, then a citation line a reporter can follow', async () => {
		const { code, stdout } = await cli(['ask', 'Who was Khaled al-Masoud?']);
		expect(code).toBe(0);
		expect(stdout).toMatch(/Khaled al-Mas(?:o)?ud/);
		expect(stdout).toMatch(/^ {2}— (The Associated Press, 2025-12-05|Unknown publisher, undated), ".+", ¶\d+$/m);
	});

	it('prints the Answer as JSON with --json, disagreements included', async () => {
		const { code, stdout } = await cli(['ask', '--json', 'When did the raid happen?']);
		expect(code).toBe(0);
		const answer = JSON.parse(stdout);
		expect(answer).toMatchObject({ question: 'When did the raid happen?', outcome: expect.stringMatching(/^(?:answered|closest)$/) });
		expect(answer.answered).toBe(answer.outcome === 'answered');
		expect(answer.quotes[0].citation).toEqual(expect.objectContaining({ doc: expect.any(String), paragraph: expect.any(Number), title: expect.any(String), publisher: expect.any(String) }));
		expect(answer.conflicts.find((conflict: { kind: string }) => conflict.kind === 'date').claims.map((claim: { value: string }) => claim.value).sort()).toEqual(['Oct. 19', 'October 29']);
	});

	it('says outcome: not-covered for a question the story does not cover', async () => {
		const { stdout } = await cli(['ask', '--json', 'Which team won the Super Bowl?']);
		expect(JSON.parse(stdout)).toMatchObject({ outcome: 'not-covered', answered: false, quotes: [] });
	});

	it('answers one question per line with --batch, reporting a bad line without stopping', async () => {
		const { code, stdout } = await cli(['ask', '--batch', '--json'], 'Who was killed in the raid?\n\n???\nWhere did the raid take place?\n');
		const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
		expect(lines).toHaveLength(3);
		expect(lines[0].quotes.length).toBeGreaterThan(0);
		expect(lines[1]).toMatchObject({ question: '???', error: { code: 'QUESTION_EMPTY' } });
		expect(lines[2].quotes.length).toBeGreaterThan(0);
		expect(code).toBe(1);
	});

	it.each([
		['an empty question', ['ask', ''], /Please type a question/],
		['no question', ['ask'], /Please give a question/],
		['10,000 characters', ['ask', 'x'.repeat(10_000)], /too long/],
		['control characters', ['ask', 'who\u0001 was killed'], /control characters/],
		['an unknown document', ['show', 'no-such-document', '1'], /no document "no-such-document"/],
		['an unknown paragraph', ['show', 'ap-dumayr-raid-2025-12-05', '99'], /paragraphs 1 to 24/],
		['a hexadecimal paragraph number', ['show', 'ap-dumayr-raid-2025-12-05', '0x3'], /"0x3" is not a paragraph number; give a whole number from 1, in plain digits/],
		['an unknown flag', ['ask', '--nope', 'q'], /Unknown option/],
	])('answers %s with one clear line and a non-zero exit', async (_label, args, message) => {
		const { code, stdout, stderr } = await cli(args);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(message);
		expect(stderr.trim().split('\n')[0]).toMatch(/^error: /);
		expect(stderr).not.toMatch(/\n\s+at /);
	});
});

describe('the other commands', () => {
	it('show prints one paragraph verbatim with its citation', async () => {
		const { stdout } = await cli(['show', 'ap-dumayr-raid-2025-12-05', '4']);
		expect(stdout).toContain('Weeks after the Oct. 19 raid, al-Sharaa visited Washington');
		expect(stdout).toContain('¶4');
	});

	it('sources lists every document with its metadata and paragraph count', async () => {
		const { stdout } = await cli(['sources', '--json']);
		expect(JSON.parse(stdout).map((doc: { id: string; paragraphs: number }) => [doc.id, doc.paragraphs])).toEqual([
			['ap-dumayr-raid-2025-12-05', 24],
			['dumayar-raid-analysis', 16],
		]);
	});

	it('search marks the matched words', async () => {
		const { stdout } = await cli(['search', 'Humvees']);
		expect(stdout).toContain('**Humvees**');
	});
});
