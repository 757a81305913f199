#!/usr/bin/env node
import '../currentBuild.js';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { ConfigError, parseSharedConfig } from '../config.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import { StoryEngine } from '../storyEngine.js';
import { formatAnswer, formatAnswerLine, formatHit, formatSources } from './format.js';

const USAGE = `Usage:
  npm run ask -- [--json] [--corpus DIR] "question"
  npm run ask -- --batch [--json] [--corpus DIR] < questions.txt
  npm run search -- [--json] [--corpus DIR] "words"
  npm run show -- [--json] [--corpus DIR] DOCUMENT PARAGRAPH
  npm run sources -- [--json] [--corpus DIR]`;

/** Corpus warnings go to standard error, so `--json` output stays clean. */
const stderrLogger: Logger = {
	debug() {},
	info() {},
	warn: (details, message) => process.stderr.write(`warning: ${message}: ${JSON.stringify(details)}\n`),
	error: (details, message) => process.stderr.write(`error: ${message}: ${JSON.stringify(details)}\n`),
};

function print(value: unknown, json: boolean, human: () => string): void {
	process.stdout.write(`${json ? JSON.stringify(value) : human()}\n`);
}

async function askBatch(engine: StoryEngine, json: boolean): Promise<number> {
	let failures = 0;
	for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
		if (line.trim() === '') continue;
		try {
			const answer = engine.answer(line);
			print(answer, json, () => formatAnswerLine(answer));
		} catch (error) {
			if (!(error instanceof UserFacingError)) throw error;
			failures++;
			print({ question: line, error: { code: error.code, message: error.message } }, json, () => `${line}\terror: ${error.message}`);
		}
	}
	return failures === 0 ? 0 : 1;
}

function paragraphNumber(value: string | undefined): number {
	const number = Number(value);
	if (!value || !Number.isInteger(number) || number < 1) throw new UserFacingError('INVALID_ARGUMENT', `"${value ?? ''}" is not a paragraph number; give a whole number from 1.`);
	return number;
}

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: { json: { type: 'boolean', default: false }, batch: { type: 'boolean', default: false }, corpus: { type: 'string' }, help: { type: 'boolean', default: false } },
	});
	const [command, ...rest] = positionals;
	if (values.help || !command) {
		process.stdout.write(`${USAGE}\n`);
		return values.help ? 0 : 2;
	}
	dotenv.config({ quiet: true });
	const config = parseSharedConfig(values.corpus ? { ...process.env, CORPUS_DIR: values.corpus } : process.env);
	const needsText = command === 'ask' ? !values.batch : command === 'search';
	if (needsText && rest.length === 0) throw new UserFacingError('QUESTION_EMPTY', `Please give a ${command === 'ask' ? 'question' : 'search'}.\n${USAGE}`);
	const run = {
		ask: async (engine: StoryEngine) => {
			if (values.batch) return askBatch(engine, values.json);
			const answer = engine.answer(rest.join(' '));
			print(answer, values.json, () => formatAnswer(answer));
			return 0;
		},
		search: async (engine: StoryEngine) => {
			const result = engine.search(rest.join(' '), { limit: 5 });
			const mark = process.stdout.isTTY ? (text: string) => `\u001b[1m${text}\u001b[22m` : (text: string) => `**${text}**`;
			print(result, values.json, () => (result.hits.length === 0 ? 'No paragraph matches.' : result.hits.map((hit) => formatHit(hit, mark)).join('\n\n')));
			return 0;
		},
		show: async (engine: StoryEngine) => {
			const hit = engine.quote(rest[0] ?? '', paragraphNumber(rest[1]));
			print(hit, values.json, () => formatHit(hit, (text) => text));
			return 0;
		},
		sources: async (engine: StoryEngine) => {
			const documents = engine.documents();
			print(documents, values.json, () => formatSources(documents));
			return 0;
		},
	}[command];
	if (!run) throw new UserFacingError('INVALID_ARGUMENT', `Unknown command "${command}".\n${USAGE}`);
	const engine = await StoryEngine.open({ corpusDir: config.corpusDir, cacheDir: config.cacheDir, logger: stderrLogger });
	if (engine.documents().length === 0) throw new UserFacingError('INVALID_ARGUMENT', `No articles could be loaded from ${config.corpusDir}.`);
	return run(engine);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	// Bad input and bad configuration get one clear line; anything else is a bug, reported without a stack.
	const known = error instanceof UserFacingError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
	process.stderr.write(`error: ${known ? (error as Error).message : `unexpected failure: ${(error as Error).message}`}\n`);
	process.exitCode = known ? 2 : 1;
}
