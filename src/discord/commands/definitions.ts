import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	InteractionContextType,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { META_LIMITS } from '../../corpus/metadata.js';

// Command and option names are a contract with users (issue 3): renaming one breaks their habits and saved drafts.
export const CommandNames = {
	Ask: 'ask',
	Search: 'search',
	Quote: 'quote',
	Sources: 'sources',
	Corpus: 'corpus',
	Help: 'help',
	Timeline: 'timeline',
	CheckClaim: 'Check against the story',
} as const;

export type CommandName = (typeof CommandNames)[keyof typeof CommandNames];

export const CorpusSubcommands = {
	Reload: 'reload',
	Add: 'add',
	Remove: 'remove',
	Status: 'status',
	Correct: 'correct',
	Corrections: 'corrections',
} as const;

export const MAX_QUESTION_LENGTH = 300;
export const MAX_QUERY_LENGTH = 300;
/** A correction note is read under every quote of its paragraph: a sentence or two. */
export const MAX_CORRECTION_NOTE_LENGTH = 300;

// A newsroom tool lives in its server: no DMs, no user installs.
const inServers = {
	contexts: [InteractionContextType.Guild],
	integration_types: [ApplicationIntegrationType.GuildInstall],
};

const hideOption = {
	type: ApplicationCommandOptionType.Boolean,
	name: 'hide',
	description: 'Show the reply only to you',
} as const;

/** Discord checks only the length; the handler checks that it is a real day. */
const asOfOption = {
	type: ApplicationCommandOptionType.String,
	name: 'as_of',
	description: 'Use only articles published on or before this day, as YYYY-MM-DD',
	min_length: 10,
	max_length: 10,
} as const;

export const askDefinition = {
	name: CommandNames.Ask,
	description: 'Answer a question about the story with verbatim, cited quotes',
	...inServers,
	options: [
		{
			type: ApplicationCommandOptionType.String,
			name: 'question',
			description: 'Your question, e.g. "Who was killed in the raid?"',
			required: true,
			max_length: MAX_QUESTION_LENGTH,
		},
		asOfOption,
		hideOption,
	],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const searchDefinition = {
	name: CommandNames.Search,
	description: 'Find the paragraphs that mention some words',
	...inServers,
	options: [
		{
			type: ApplicationCommandOptionType.String,
			name: 'query',
			description: 'Words to look for, e.g. "Syrian Free Army"',
			required: true,
			max_length: MAX_QUERY_LENGTH,
		},
		asOfOption,
		hideOption,
	],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const timelineDefinition = {
	name: CommandNames.Timeline,
	description: 'The story’s events in date order, each a cited sentence; disagreeing dates side by side',
	...inServers,
	options: [
		{
			type: ApplicationCommandOptionType.String,
			name: 'about',
			description: 'Only events about this, e.g. "Airwars"',
			max_length: MAX_QUERY_LENGTH,
		},
		asOfOption,
		hideOption,
	],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const quoteDefinition = {
	name: CommandNames.Quote,
	description: 'Show one paragraph verbatim with its citation, ready to paste',
	...inServers,
	options: [
		{
			type: ApplicationCommandOptionType.String,
			name: 'source',
			description: 'The article',
			required: true,
			autocomplete: true,
		},
		{
			type: ApplicationCommandOptionType.Integer,
			name: 'paragraph',
			description: 'The paragraph number (¶), counting from 1',
			required: true,
			min_value: 1,
		},
	],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const sourcesDefinition = {
	name: CommandNames.Sources,
	description: 'List the articles the bot answers from',
	...inServers,
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const corpusDefinition = {
	name: CommandNames.Corpus,
	description: 'Manage the articles the bot answers from (moderators)',
	...inServers,
	// Only hides the command from others by default; the handler checks moderator rights on every use.
	default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
	options: [
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: CorpusSubcommands.Reload,
			description: 'Re-read the corpus directory and swap in the new index',
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: CorpusSubcommands.Add,
			description: 'Add an article from a .md, .txt or .jsonl file',
			options: [
				{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'A .md, .txt or .jsonl file', required: true },
				{ type: ApplicationCommandOptionType.String, name: 'title', description: 'Title, if the file does not state it', max_length: META_LIMITS.title },
				{ type: ApplicationCommandOptionType.String, name: 'publisher', description: 'Publisher, if the file does not state it', max_length: META_LIMITS.publisher },
				{ type: ApplicationCommandOptionType.String, name: 'date', description: 'Publication date as YYYY-MM-DD, if the file does not state it', max_length: 10 },
				{ type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article, if the file does not state it', max_length: META_LIMITS.url },
				{ type: ApplicationCommandOptionType.Boolean, name: 'replace', description: 'Replace an existing article with the same id' },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: CorpusSubcommands.Remove,
			description: 'Remove an article',
			options: [
				{ type: ApplicationCommandOptionType.String, name: 'document', description: 'The article', required: true, autocomplete: true },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: CorpusSubcommands.Status,
			description: 'Corpus size, snapshot, last refresh and feedback counts',
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: CorpusSubcommands.Correct,
			description: 'Record a correction of one paragraph, shown under every quote of it',
			options: [
				{ type: ApplicationCommandOptionType.String, name: 'document', description: 'The article', required: true, autocomplete: true },
				{ type: ApplicationCommandOptionType.Integer, name: 'paragraph', description: 'The paragraph number (¶), counting from 1', required: true, min_value: 1 },
				{ type: ApplicationCommandOptionType.String, name: 'note', description: 'What was corrected, e.g. "The raid was on Oct. 19, not Oct. 29."', required: true, max_length: MAX_CORRECTION_NOTE_LENGTH },
				{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The corrected article (.md, .txt or .jsonl), replacing its file' },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: CorpusSubcommands.Corrections,
			description: 'List the corrections recorded, newest first',
		},
	],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const helpDefinition = {
	name: CommandNames.Help,
	description: 'How to use the story bot',
	...inServers,
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const checkClaimDefinition = {
	type: ApplicationCommandType.Message,
	name: CommandNames.CheckClaim,
	...inServers,
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** Exactly what `npm run deploy-commands` registers. */
export const commandDefinitions = [
	askDefinition,
	searchDefinition,
	timelineDefinition,
	quoteDefinition,
	sourcesDefinition,
	corpusDefinition,
	helpDefinition,
	checkClaimDefinition,
] satisfies (RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody)[];
