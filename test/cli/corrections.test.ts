import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { StoryEngine } from '../../src/storyEngine.js';
import { article, twoArticleCorpus } from '../support/corpusFixtures.js';

const directories = twoArticleCorpus();

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
	let stdout = '';
	const code = await main(args, {
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: () => undefined },
		stdin: Readable.from(['']),
		// The data directory the bot recorded the correction in: the CLI reads it from there.
		env: { DATA_DIR: directories.cache.path, CORPUS_DIR: directories.corpus.path },
	});
	return { code, stdout };
}

describe('the command line shows corrections', () => {
	it('puts "Corrected <date>: <note>" under a quote from a corrected paragraph, in ask and show', async () => {
		const bot = await StoryEngine.open({ corpusDir: directories.corpus.path, cacheDir: directories.cache.path, dataDir: directories.cache.path, persist: false });
		await directories.corpus.write('harbour.md', article('Harbour fire', 'A fire broke out at the harbour on Tuesday.\n\nFirefighters contained it by noon.'));
		await bot.reload('editor');
		await bot.correct({ doc: 'harbour', paragraph: 1, note: 'The fire was on Tuesday, not Monday.' }, 'editor');
		await bot.close();
		const on = new Date().toISOString().slice(0, 10);

		const asked = await cli(['ask', 'When did the fire break out at the harbour?']);
		expect(asked.code).toBe(0);
		expect(asked.stdout).toContain(`“A fire broke out at the harbour on Tuesday.”\n  — Test Wire, 2025-11-01, "Harbour fire", ¶1\n  Corrected ${on}: The fire was on Tuesday, not Monday.`);
		expect((await cli(['show', 'harbour', '1'])).stdout).toContain(`¶1 [harbour]\n  Corrected ${on}: The fire was on Tuesday, not Monday.`);
		expect((await cli(['show', 'harbour', '2'])).stdout).not.toContain('Corrected');
	});
});
