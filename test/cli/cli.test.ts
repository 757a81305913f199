import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { COMMANDS } from '../../src/cli/commandLine.js';
import type { StoryEngine, StoryEngineOptions } from '../../src/storyEngine.js';
import { openStory } from '../support/storyEngine.js';

const DATA_DIR = 'cli-test-data';
let story: Awaited<ReturnType<typeof openStory>>;
/** What the CLI asked to open, last call last. */
const opened: StoryEngineOptions[] = [];
beforeAll(async () => {
	story = await openStory();
});
afterAll(() => story.close());

/** Every command is served by the one engine over the bundled story, opened once for the file. */
async function openEngine(options: StoryEngineOptions): Promise<StoryEngine> {
	opened.push(options);
	return story.engine;
}

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the CLI as `npm run <command> -- …` would, in-process, with its own data directory and a pipe for output. */
async function cli(args: string[], { input = '', isTTY = false }: { input?: string; isTTY?: boolean } = {}): Promise<Run> {
	let stdout = '';
	let stderr = '';
	const code = await main(args, {
		stdout: { write: (text: string) => (stdout += text), isTTY },
		stderr: { write: (text: string) => (stderr += text) },
		stdin: Readable.from([input]),
		env: { DATA_DIR, CORPUS_DIR: 'corpus' },
		openEngine,
	});
	return { code, stdout, stderr };
}

const AP = 'ap-dumayr-raid-2025-12-05';
const AP_TITLE = 'U.S. raid in Dumayr, Syria, killed a man spying on the Islamic State, family and officials say';
const ANALYSIS_TITLE = 'Khaled al-Masud, an undercover informant on IS, killed in a U.S.-SFA raid on Dumayar, Syria';

function occurrences(text: string, part: string): number {
	return text.split(part).length - 1;
}

describe('npm run ask', () => {
	it('prints the quote, then a citation line a reporter can follow', async () => {
		const { code, stdout } = await cli(['ask', 'Who was Khaled al-Masoud?']);
		expect(code).toBe(0);
		expect(stdout).toMatch(/Khaled al-Mas(?:o)?ud/);
		expect(stdout).toMatch(/^ {2}— (The Associated Press( \(AP\))?, 2025-12-05|Unknown publisher, undated), ".+", ¶\d+$/m);
	});

	it('names each title once per answer; later citations of a document read "— AP, 2025-12-05, ¶N"', async () => {
		const { stdout } = await cli(['ask', 'When did the raid happen?']);
		expect(occurrences(stdout, AP_TITLE)).toBe(1);
		expect(occurrences(stdout, ANALYSIS_TITLE)).toBe(1);
		// Whichever AP paragraph is quoted first carries the title; the others, and the disagreement, the short form.
		expect(stdout).toMatch(new RegExp(`^ {2}— The Associated Press \\(AP\\), 2025-12-05, "${AP_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", ¶\\d+$`, 'm'));
		expect(stdout).toMatch(/^ {2}— AP, 2025-12-05, ¶\d+$/m);
		expect(stdout).toMatch(/^ {2}• Oct\. 19 — AP, 2025-12-05, ¶4$/m);
		expect(stdout).toMatch(/^ {2}• October 29 — Unknown publisher, undated, ¶8$/m);
	});

	it('reads a question as a follow-up with --follow-up-of, and says which question it continued from', async () => {
		const { code, stdout } = await cli(['ask', '--follow-up-of', 'Who was killed in the raid?', 'what about his mother?']);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Follow-up to “Who was killed in the raid\?” \(also searched for: killed, raid\)\n/);
		expect(stdout).toMatch(/^“[^\n]*\bmother\b/m);
	});

	it('shows quotation marks inside a quote as single marks, the words verbatim', async () => {
		const { stdout } = await cli(['ask', 'What did Wassim Nasr say the death could be?']);
		expect(stdout).toContain('“Still, al-Masoud’s death could be ‘quite a setback’ for efforts to combat IS, said Wassim Nasr');
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

	it('keeps the verbatim quotation marks in --json', async () => {
		const { stdout } = await cli(['ask', '--json', 'What did Wassim Nasr say the death could be?']);
		expect(JSON.parse(stdout).quotes[0].text).toContain('could be “quite a setback” for');
	});

	it('says outcome: not-covered for a question the story does not cover', async () => {
		const { stdout } = await cli(['ask', '--json', 'Which team won the Super Bowl?']);
		expect(JSON.parse(stdout)).toMatchObject({ outcome: 'not-covered', answered: false, quotes: [] });
	});

	it('answers one question per line with --batch, reporting a bad line without stopping', async () => {
		const { code, stdout } = await cli(['ask', '--batch', '--json'], { input: 'Who was killed in the raid?\n\n???\nWhere did the raid take place?\n' });
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
		['an unknown paragraph', ['show', AP, '99'], /paragraphs 1 to 24/],
		['a paragraph that is not a number', ['show', AP, 'four'], /"four" is not a paragraph number/],
		['a hexadecimal paragraph number', ['show', AP, '0x3'], /"0x3" is not a paragraph number of "ap-dumayr-raid-2025-12-05"; give a whole number from 1, in plain digits/],
		['a paragraph number with a space before it', ['show', AP, ' 3'], /" 3" is not a paragraph number/],
		['an unknown flag', ['ask', '--nope', 'q'], /Unknown option "--nope" for ask; it takes --batch, --follow-up-of QUESTION, --as-of YYYY-MM-DD, --json, --corpus DIR, -h, --help/],
		['a flag another command takes', ['search', '--batch', 'raid'], /Unknown option "--batch" for search/],
		['an unknown command', ['quote', 'raid'], /Unknown command "quote"/],
		['no command', [], /Give a command/],
	])('answers %s with one clear line and a non-zero exit', async (_label, args, message) => {
		const { code, stdout, stderr } = await cli(args);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(message);
		expect(stderr.trim().split('\n')[0]).toMatch(/^error: /);
		expect(stderr).not.toMatch(/\n\s+at /);
	});
});

describe('--help', () => {
	it.each(Object.keys(COMMANDS))('lists every flag %s takes, and exits 0', async (command) => {
		const { code, stdout, stderr } = await cli([command, '--help']);
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(stdout).toContain(`npm run ${command} -- [options]`);
		for (const flag of Object.keys(COMMANDS[command as keyof typeof COMMANDS].flags)) expect(stdout).toMatch(new RegExp(`^ {2}(?:-\\w, )?--${flag}\\b.* {2}\\S`, 'm'));
	});

	it('lists the commands', async () => {
		const { code, stdout } = await cli(['--help']);
		expect(code).toBe(0);
		for (const command of Object.keys(COMMANDS)) expect(stdout).toContain(`npm run ${command} --`);
	});
});

describe('npm run search', () => {
	it('marks the matched words in bold on a terminal', async () => {
		const { stdout } = await cli(['search', 'Humvees'], { isTTY: true });
		expect(stdout).toContain('\u001b[1mHumvees\u001b[22m');
	});

	it('prints plain text when piped: no escapes, no raw **', async () => {
		const { stdout } = await cli(['search', 'Humvees']);
		expect(stdout).toContain('saw Humvees with U.S. flags');
		expect(stdout).not.toMatch(/\u001b|\*\*/);
	});

	it('shows the total number of matching paragraphs, and pages through them with --limit and --page', async () => {
		const { total } = story.engine.search('raid', { limit: 1 });
		const first = await cli(['search', 'raid', '--limit', '2']);
		const second = await cli(['search', 'raid', '--limit', '2', '--page', '2']);
		expect(first.stdout.split('\n')[0]).toBe(`${total} paragraphs match; 1–2 shown (page 1 of ${Math.ceil(total / 2)}; --page 2 for more).`);
		expect(second.stdout.split('\n')[0]).toBe(`${total} paragraphs match; 3–4 shown (page 2 of ${Math.ceil(total / 2)}; --page 3 for more).`);
		const citations = (stdout: string) => stdout.match(/¶\d+ \[[^\]]+\]$/gm);
		expect(citations(first.stdout)).toHaveLength(2);
		expect(citations(second.stdout)).toHaveLength(2);
		expect(citations(second.stdout)).not.toEqual(expect.arrayContaining(citations(first.stdout)!));
	});

	it('gives the page and the total in --json', async () => {
		const { stdout } = await cli(['search', '--json', '--limit', '3', '--page', '2', 'raid']);
		const result = JSON.parse(stdout);
		expect(result).toMatchObject({ page: 2, limit: 3, total: expect.any(Number) });
		expect(result.hits).toHaveLength(3);
	});

	it.each([
		[['--limit', '0'], /--limit takes a whole number from 1 to 50, not "0"/],
		[['--limit', '51'], /--limit takes a whole number from 1 to 50/],
		[['--page', 'two'], /--page takes a whole number from 1, not "two"/],
		[['--page', '1.5'], /--page takes a whole number/],
		[['--limit'], /--limit/],
	])('rejects %j with a clear line, before loading the corpus', async (flags, message) => {
		const loads = opened.length;
		const { code, stdout, stderr } = await cli(['search', 'raid', ...flags]);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(message);
		expect(opened).toHaveLength(loads);
	});

	it('says which pages there are when asked for one past the end', async () => {
		const { code, stdout, stderr } = await cli(['search', 'raid', '--page', '99']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^error: There is no page 99: \d+ paragraphs match, \d+ pages of 5\.$/m);
	});
});

describe('npm run show', () => {
	it('prints one paragraph verbatim with its citation', async () => {
		const { stdout } = await cli(['show', AP, '4']);
		expect(stdout).toContain('Weeks after the Oct. 19 raid, al-Sharaa visited Washington');
		expect(stdout).toContain('¶4');
	});

	it.each([
		['a unique start of its id', 'ap', AP],
		['a unique word of its title', 'Masud', 'dumayar-raid-analysis'],
		['a unique run of words of its title', 'Khaled al-Masud', 'dumayar-raid-analysis'],
	])('finds the document by %s', async (_label, reference, doc) => {
		const { code, stdout } = await cli(['show', '--json', reference, '2']);
		expect(code).toBe(0);
		expect(JSON.parse(stdout).citation).toMatchObject({ doc, paragraph: 2 });
	});

	it('lists the candidates when the reference could mean several documents', async () => {
		const { code, stderr } = await cli(['show', 'raid', '3']);
		expect(code).toBe(2);
		expect(stderr).toMatch(/^error: "raid" could mean 2 documents/);
		expect(stderr).toContain(`  ${AP}  "${AP_TITLE}" (The Associated Press, 2025-12-05)`);
		expect(stderr).toContain(`  dumayar-raid-analysis  "${ANALYSIS_TITLE}" (Unknown publisher, undated)`);
	});

	it('prints its usage when given nothing', async () => {
		const { code, stderr } = await cli(['show']);
		expect(code).toBe(2);
		expect(stderr).toContain('Usage: npm run show -- [options] DOCUMENT PARAGRAPH');
		expect(stderr).not.toContain('is not a paragraph number');
	});

	it('asks for the paragraph, giving the range, when given only a document', async () => {
		const { code, stderr } = await cli(['show', 'ap']);
		expect(code).toBe(2);
		expect(stderr).toContain(`Which paragraph of "${AP}"? It has paragraphs 1 to 24.`);
	});
});

describe('configuration', () => {
	it('opens the corpus named by CORPUS_DIR, its snapshots under DATA_DIR, and --corpus over CORPUS_DIR', async () => {
		await cli(['sources']);
		expect(opened.at(-1)).toMatchObject({ corpusDir: path.resolve('corpus'), cacheDir: path.resolve(DATA_DIR, 'cache') });
		await cli(['sources', '--corpus', 'elsewhere']);
		expect(opened.at(-1)).toMatchObject({ corpusDir: path.resolve('elsewhere') });
	});
});

describe('npm run sources', () => {
	it('lists every document with its metadata and paragraph count', async () => {
		const { stdout } = await cli(['sources', '--json']);
		expect(JSON.parse(stdout).map((doc: { id: string; paragraphs: number }) => [doc.id, doc.paragraphs])).toEqual([
			[AP, 24],
			['dumayar-raid-analysis', 16],
		]);
	});
});

describe('npm run timeline', () => {
	it('prints the events in order, with the raid’s two dates side by side, each cited', async () => {
		const { code, stdout } = await cli(['timeline']);
		expect(code).toBe(0);
		expect(stdout).toContain(
			[
				'⚠ Sources disagree on the date of the raid:',
				"  • Oct. 19 (2025-10-19, year from The Associated Press's 2025-12-05)",
				'      “Weeks after the Oct. 19 raid, al-Sharaa visited Washington and announced that Syria would join the global coalition against IS.”',
				'      — AP, 2025-12-05, ¶4',
				'  • October 29 (2025-10-29, year from the same article\'s "October 29, 2025")',
			].join('\n'),
		);
		expect(stdout.indexOf('late 2019\n')).toBeLessThan(stdout.indexOf('⚠ Sources disagree'));
		expect(stdout.indexOf('⚠ Sources disagree')).toBeLessThan(stdout.indexOf("Sunday (≈ 2025-11-30, from The Associated Press's 2025-12-05)"));
	});

	it('takes --as-of and ends by saying what it left out, and refuses a date that is not YYYY-MM-DD', async () => {
		const { code, stdout } = await cli(['timeline', '--as-of', '2025-12-05', 'Airwars']);
		expect(code).toBe(0);
		expect(stdout.trim().split('\n').at(-1)).toBe('As of 2025-12-05: 1 article used; left out 1 undated article (its publication date is unknown).');
		const bad = await cli(['search', '--as-of', '5 Dec 2025', 'raid']);
		expect(bad).toMatchObject({ code: 2, stderr: 'error: "5 Dec 2025" is not a date; give the as-of date as YYYY-MM-DD, e.g. 2025-12-01.\n' });
	});
});
