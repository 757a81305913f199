import { createInterface } from 'node:readline';
import { ConfigError, parseSharedConfig } from '../config.js';
import { parseParagraphNumber } from '../corpus/paragraphNumber.js';
import { ErrorCodes, UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import { parseAsOfDate, StoryEngine, type StoryEngineOptions } from '../storyEngine.js';
import { type CommandLine, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, parseCommandLine, usageError } from './commandLine.js';
import { formatAnswer, formatAnswerLine, formatDocumentChoice, formatHit, formatSearchPage, formatSources } from './format.js';
import { resolveDocument } from './resolveDocument.js';
import { formatTimeline } from './timeline.js';

export interface Output {
	write(text: string): unknown;
	/** A terminal gets bold as ANSI escapes; a pipe or a file gets plain text. */
	isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so that it runs in-process in tests as it does from a shell. */
export interface CliIo {
	stdout: Output;
	stderr: Output;
	/** Read only by `ask --batch`. */
	stdin: NodeJS.ReadableStream;
	env: NodeJS.ProcessEnv;
	/** How the engine is opened; tests pass one that reuses an engine already open. */
	openEngine?: (options: StoryEngineOptions) => Promise<StoryEngine>;
}

/** The candidates an ambiguous document reference lists, at most. */
const MAX_CANDIDATES = 10;

const BOLD = (text: string) => `\u001b[1m${text}\u001b[22m`;
const PLAIN = (text: string) => text;

/** Corpus warnings go to standard error, so `--json` output stays clean. */
function stderrLogger(stderr: Output): Logger {
	return {
		debug() {},
		info() {},
		warn: (details, message) => stderr.write(`warning: ${message}: ${JSON.stringify(details)}\n`),
		error: (details, message) => stderr.write(`error: ${message}: ${JSON.stringify(details)}\n`),
	};
}

function print(io: CliIo, value: unknown, json: boolean | undefined, human: () => string): void {
	io.stdout.write(`${json ? JSON.stringify(value) : human()}\n`);
}

async function askBatch(engine: StoryEngine, io: CliIo, json: boolean | undefined, asOf: string | undefined): Promise<number> {
	let failures = 0;
	for await (const line of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
		if (line.trim() === '') continue;
		try {
			const answer = engine.answer(line, { asOf });
			print(io, answer, json, () => formatAnswerLine(answer));
		} catch (error) {
			if (!(error instanceof UserFacingError)) throw error;
			failures++;
			print(io, { question: line, error: { code: error.code, message: error.message } }, json, () => `${line}\terror: ${error.message}`);
		}
	}
	return failures === 0 ? 0 : 1;
}

/** A flag's value as a whole number from 1 (to `max`), or its default when not given. */
function countFlag(flag: string, value: string | undefined, fallback: number, max?: number): number {
	if (value === undefined) return fallback;
	const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
	if (!(number >= 1 && number <= (max ?? Number.MAX_SAFE_INTEGER))) {
		throw new UserFacingError(ErrorCodes.InvalidArgument, `--${flag} takes a whole number from 1${max === undefined ? '' : ` to ${max}`}, not ${JSON.stringify(value)}.`);
	}
	return number;
}

/** The one document a reporter means, or an error listing what the reference could mean. */
function documentFor(engine: StoryEngine, reference: string): { id: string; paragraphs: number } {
	const candidates = resolveDocument(engine.documents(), reference);
	if (candidates.length === 1) return candidates[0]!;
	if (candidates.length === 0) {
		throw new UserFacingError(ErrorCodes.UnknownDocument, `There is no document ${JSON.stringify(reference)} in the corpus; npm run sources lists every document.`);
	}
	const listed = candidates.slice(0, MAX_CANDIDATES).map((doc) => `  ${formatDocumentChoice(doc)}`);
	if (candidates.length > MAX_CANDIDATES) listed.push(`  … and ${candidates.length - MAX_CANDIDATES} more`);
	throw new UserFacingError(ErrorCodes.InvalidArgument, `${JSON.stringify(reference)} could mean ${candidates.length} documents; give more of its id or title:\n${listed.join('\n')}`);
}

/**
 * Checks everything the command line asks for, then returns the work to do once the engine is open: a mistyped
 * command fails at once, before a large corpus loads.
 */
function prepare(line: CommandLine, io: CliIo): (engine: StoryEngine) => Promise<number> | number {
	const { json } = line.flags;
	const asOf = 'as-of' in line.flags && line.flags['as-of'] !== undefined ? parseAsOfDate(line.flags['as-of']) : undefined;
	switch (line.command) {
		case 'ask': {
			if (line.flags.batch) return (engine) => askBatch(engine, io, json, asOf);
			if (line.positionals.length === 0) throw usageError('ask', 'Please give a question.');
			const question = line.positionals.join(' ');
			const earlier = line.flags['follow-up-of'] === undefined ? [] : [line.flags['follow-up-of']];
			return (engine) => {
				const answer = engine.answer(question, { asOf, earlier });
				print(io, answer, json, () => formatAnswer(answer));
				return 0;
			};
		}
		case 'search': {
			if (line.positionals.length === 0) throw usageError('search', 'Please give a search.');
			const words = line.positionals.join(' ');
			const limit = countFlag('limit', line.flags.limit, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
			const page = countFlag('page', line.flags.page, 1);
			return (engine) => {
				const { hits, total, asOf: coverage } = engine.search(words, { limit, offset: (page - 1) * limit, asOf });
				if (hits.length === 0 && total > 0) {
					throw new UserFacingError(ErrorCodes.InvalidArgument, `There is no page ${page}: ${total} paragraphs match, ${Math.ceil(total / limit)} pages of ${limit}.`);
				}
				const result = { total, page, limit, hits, ...(coverage ? { asOf: coverage } : {}) };
				print(io, result, json, () => formatSearchPage(result, io.stdout.isTTY ? BOLD : PLAIN));
				return 0;
			};
		}
		case 'timeline': {
			const about = line.positionals.length > 0 ? line.positionals.join(' ') : null;
			return (engine) => {
				const timeline = engine.timeline({ about, asOf });
				print(io, timeline, json, () => formatTimeline(timeline));
				return 0;
			};
		}
		case 'show': {
			const [reference, paragraph, ...extra] = line.positionals;
			if (reference === undefined) throw usageError('show', 'Which document, and which paragraph?');
			if (extra.length > 0) throw usageError('show', 'show takes a document and a paragraph number; put quotes around title words with spaces between them.');
			return (engine) => {
				const doc = documentFor(engine, reference);
				if (paragraph === undefined) throw usageError('show', `Which paragraph of "${doc.id}"? It has paragraphs 1 to ${doc.paragraphs}.`);
				const hit = engine.quote(doc.id, parseParagraphNumber(paragraph, doc.id));
				print(io, hit, json, () => formatHit(hit, PLAIN));
				return 0;
			};
		}
		case 'sources':
			return (engine) => {
				const documents = engine.documents();
				print(io, documents, json, () => formatSources(documents));
				return 0;
			};
	}
}

/**
 * The command line: `argv` is what follows the program name. Returns the exit code: 0, 1 when a `--batch` line
 * failed or something broke, 2 for bad input or configuration (one `error: …` line, never a stack).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
	try {
		const parsed = parseCommandLine(argv);
		if ('help' in parsed) {
			io.stdout.write(`${parsed.help}\n`);
			return 0;
		}
		const work = prepare(parsed, io);
		const config = parseSharedConfig(parsed.flags.corpus ? { ...io.env, CORPUS_DIR: parsed.flags.corpus } : io.env);
		const open = io.openEngine ?? ((options) => StoryEngine.open(options));
		const engine = await open({ corpusDir: config.corpusDir, cacheDir: config.cacheDir, dataDir: config.dataDir, logger: stderrLogger(io.stderr) });
		if (engine.documents().length === 0) throw new UserFacingError(ErrorCodes.InvalidArgument, `No articles could be loaded from ${config.corpusDir}.`);
		return await work(engine);
	} catch (error) {
		// Bad input and bad configuration get one clear line; anything else is a bug, reported without a stack.
		const known = error instanceof UserFacingError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
		io.stderr.write(`error: ${known ? (error as Error).message : `unexpected failure: ${(error as Error).message}`}\n`);
		return known ? 2 : 1;
	}
}
