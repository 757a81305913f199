/**
 * Smoke tests of the compiled CLI, spawned as `npm run ask` and `npx story-bot` run it. dist/ comes from `npm ci`
 * (prepare), and the suite's global set-up rebuilds it after an edit to src/ (test/support/currentBuild.ts).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../support/tempDir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const QUESTION = 'Who was killed in the raid?';

let data: TempDir;
beforeAll(async () => {
	data = await makeTempDir('story-binary-data-');
});
afterAll(() => data.remove());

function binary(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: data.path, CORPUS_DIR: 'corpus' } }, (error, stdout, stderr) =>
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
		);
	});
}

describe('the built binary, dist/cli/main.js', () => {
	it('answers a question with a quote and its citation', async () => {
		const { code, stdout, stderr } = await binary(['ask', QUESTION]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toMatch(/^“.+”$/m);
		expect(stdout).toMatch(/^ {2}— The Associated Press\b.*, 2025-12-05, .*¶\d+$/m);
	});

	it('prints --json that parses, its quotes verbatim from the cited article', async () => {
		const { code, stdout } = await binary(['ask', '--json', QUESTION]);
		expect(code).toBe(0);
		const answer = JSON.parse(stdout);
		expect(answer).toMatchObject({ question: QUESTION, outcome: expect.stringMatching(/^(?:answered|closest)$/) });
		const [quote] = answer.quotes;
		expect(quote.citation).toMatchObject({ doc: 'ap-dumayr-raid-2025-12-05', paragraph: expect.any(Number) });
		expect(await readFile(path.join(ROOT, 'corpus', `${quote.citation.doc}.md`), 'utf8')).toContain(quote.text);
	});
});
