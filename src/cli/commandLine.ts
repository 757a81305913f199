import { parseArgs } from 'node:util';
import { ErrorCodes, UserFacingError } from '../errors.js';

interface Flag {
	type: 'boolean' | 'string';
	/** How the value is shown in the help, e.g. `N` in `--limit N`; string flags only. */
	value?: string;
	description: string;
	short?: string;
}

interface Command {
	usage: readonly string[];
	summary: string;
	flags: Readonly<Record<string, Flag>>;
}

const COMMON_FLAGS = {
	json: { type: 'boolean', description: 'print the result as JSON instead of text' },
	corpus: { type: 'string', value: 'DIR', description: 'read the corpus from DIR (default corpus/, or CORPUS_DIR in .env)' },
	help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies Record<string, Flag>;

const AS_OF_FLAG = {
	'as-of': { type: 'string', value: 'YYYY-MM-DD', description: 'use only articles published on or before that day (undated ones are left out)' },
} as const satisfies Record<string, Flag>;

export const DEFAULT_SEARCH_LIMIT = 5;
export const MAX_SEARCH_LIMIT = 50;

/** Every command and its flags, as data: parsing, `--help` and the unknown-flag message all read it. */
export const COMMANDS = {
	ask: {
		usage: ['npm run ask -- [options] "question"', 'npm run ask -- --batch [options] < questions.txt'],
		summary: 'Answers a question with verbatim, cited quotes; says so when the corpus does not cover it.',
		flags: {
			batch: { type: 'boolean', description: 'answer one question per line of standard input, one answer per line' },
			'follow-up-of': { type: 'string', value: 'QUESTION', description: 'read the question as a follow-up to QUESTION ("and the date?")' },
			...AS_OF_FLAG,
			...COMMON_FLAGS,
		},
	},
	search: {
		usage: ['npm run search -- [options] "words"'],
		summary: 'Lists the paragraphs that match the words, best first, with the matched words marked.',
		flags: {
			limit: { type: 'string', value: 'N', description: `paragraphs per page, 1 to ${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT})` },
			page: { type: 'string', value: 'N', description: 'which page of matches to show (default 1)' },
			...AS_OF_FLAG,
			...COMMON_FLAGS,
		},
	},
	timeline: {
		usage: ['npm run timeline -- [options] [about]'],
		summary: 'Lists the story’s dated events in order, each a verbatim, cited sentence; dates the sources give differently side by side. About narrows it to a subject.',
		flags: { ...AS_OF_FLAG, ...COMMON_FLAGS },
	},
	show: {
		usage: ['npm run show -- [options] DOCUMENT PARAGRAPH'],
		summary: 'Prints one paragraph verbatim with its citation. DOCUMENT is a document id, a unique start of one, or words of its title that only it has.',
		flags: COMMON_FLAGS,
	},
	sources: {
		usage: ['npm run sources -- [options]'],
		summary: 'Lists every document with its metadata and paragraph count.',
		flags: COMMON_FLAGS,
	},
} as const satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;

type FlagValues<Name extends CommandName> = { [Key in keyof (typeof COMMANDS)[Name]['flags']]?: (typeof COMMANDS)[Name]['flags'][Key] extends { type: 'boolean' } ? boolean : string };

export type CommandLine = { [Name in CommandName]: { command: Name; flags: FlagValues<Name>; positionals: string[] } }[CommandName];

type ParsedArguments = { help: string } | CommandLine;

function isCommand(name: string | undefined): name is CommandName {
	return name !== undefined && Object.hasOwn(COMMANDS, name);
}

export const USAGE = `Usage:\n${Object.values(COMMANDS)
	.flatMap((command) => command.usage)
	.map((line) => `  ${line}`)
	.join('\n')}\n\nEvery command takes --help for its options.`;

function flagLabel(name: string, flag: Flag): string {
	return `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`;
}

function commandHelp(name: CommandName): string {
	const { usage, summary, flags } = COMMANDS[name] as Command;
	const labels = Object.entries(flags).map(([flag, spec]) => [flagLabel(flag, spec), spec.description] as const);
	const width = Math.max(...labels.map(([label]) => label.length));
	return [
		`Usage:\n${usage.map((line) => `  ${line}`).join('\n')}`,
		summary,
		`Options:\n${labels.map(([label, description]) => `  ${label.padEnd(width)}  ${description}`).join('\n')}`,
	].join('\n\n');
}

/** A message for input the command cannot run with, followed by that command's usage. */
export function usageError(name: CommandName, message: string): UserFacingError {
	return new UserFacingError(ErrorCodes.InvalidArgument, `${message}\n${COMMANDS[name].usage.map((line) => `Usage: ${line}`).join('\n')}`);
}

/**
 * Reads `COMMAND [flags] [arguments]`. A flag the command does not take is an error that names it and lists the
 * ones it does take; `--help` anywhere asks for the command's help.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArguments {
	const [name, ...rest] = argv;
	if (name === '--help' || name === '-h') return { help: USAGE };
	if (name === undefined) throw new UserFacingError(ErrorCodes.InvalidArgument, `Give a command.\n${USAGE}`);
	if (!isCommand(name)) throw new UserFacingError(ErrorCodes.InvalidArgument, `Unknown command ${JSON.stringify(name)}.\n${USAGE}`);
	const flags: Record<string, Flag> = COMMANDS[name].flags;
	// A lenient pass first, so the message can name the unknown flag itself rather than quote Node's.
	const { tokens } = parseArgs({ args: [...rest], strict: false, allowPositionals: true, tokens: true, options: flags });
	for (const token of tokens) {
		if (token.kind === 'option' && !Object.hasOwn(flags, token.name)) {
			const known = Object.entries(flags).map(([flag, spec]) => flagLabel(flag, spec)).join(', ');
			throw new UserFacingError(ErrorCodes.InvalidArgument, `Unknown option ${JSON.stringify(token.rawName)} for ${name}; it takes ${known}.`);
		}
	}
	const { values, positionals } = parseArgs({ args: [...rest], strict: true, allowPositionals: true, options: flags });
	if (values.help) return { help: commandHelp(name) };
	return { command: name, flags: values, positionals } as CommandLine;
}
