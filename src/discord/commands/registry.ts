import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	MessageContextMenuCommandInteraction,
	ModalSubmitInteraction,
} from 'discord.js';
import type { BotContext } from '../context.js';
import { ButtonKinds, ModalKinds, type ButtonKind, type ModalKind, type ParsedCustomId } from '../customId.js';
import { onFullParagraphs, onMorePassages, onVote, runAsk } from './ask.js';
import { runCheckClaim } from './checkClaim.js';
import { runCorpus } from './corpus.js';
import { CommandNames, type CommandName } from './definitions.js';
import { completeDocument } from './documentChoices.js';
import { onFollowUp, onFollowUpSubmit } from './followUp.js';
import { runHelp } from './help.js';
import { runQuote } from './quote.js';
import { onSearchPage, runSearch } from './search.js';
import { runSources } from './sources.js';
import { onTimelinePage, runTimeline } from './timeline.js';

export interface ChatInputCommand {
	run(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
	/** Checked on every use (Manage Server or a moderator role). */
	moderatorsOnly?: boolean;
	/** The per-user cooldown applies: the commands that do real work. */
	cooldown?: boolean;
}

type ChatInputName = Exclude<CommandName, typeof CommandNames.CheckClaim>;

// Keyed by the names in the definitions, so a command without a handler (or the reverse) does not compile.
export const chatInputCommands = {
	[CommandNames.Ask]: { run: runAsk, cooldown: true },
	[CommandNames.Search]: { run: runSearch, cooldown: true },
	[CommandNames.Timeline]: { run: runTimeline, cooldown: true },
	[CommandNames.Quote]: { run: runQuote, autocomplete: completeDocument },
	[CommandNames.Sources]: { run: runSources },
	[CommandNames.Corpus]: { run: runCorpus, autocomplete: completeDocument, moderatorsOnly: true },
	[CommandNames.Help]: { run: runHelp },
} satisfies Record<ChatInputName, ChatInputCommand>;

export const messageCommands = {
	[CommandNames.CheckClaim]: runCheckClaim,
} satisfies Record<typeof CommandNames.CheckClaim, (interaction: MessageContextMenuCommandInteraction, context: BotContext) => Promise<void>>;

export type ButtonHandler = (interaction: ButtonInteraction, customId: ParsedCustomId, context: BotContext) => Promise<void>;

export const buttonHandlers = {
	[ButtonKinds.MorePassages]: onMorePassages,
	[ButtonKinds.FullParagraphs]: onFullParagraphs,
	[ButtonKinds.Vote]: onVote,
	[ButtonKinds.SearchPage]: onSearchPage,
	[ButtonKinds.FollowUp]: onFollowUp,
	[ButtonKinds.TimelinePage]: onTimelinePage,
} satisfies Record<ButtonKind, ButtonHandler>;

export type ModalHandler = (interaction: ModalSubmitInteraction, customId: ParsedCustomId<ModalKind>, context: BotContext) => Promise<void>;

export const modalHandlers = {
	[ModalKinds.FollowUp]: onFollowUpSubmit,
} satisfies Record<ModalKind, ModalHandler>;

/** Looks a name from Discord up in one of the tables above; names are data from outside, not trusted keys. */
export function lookUp<T extends object>(table: T, name: string): T[keyof T] | undefined {
	return Object.hasOwn(table, name) ? table[name as keyof T] : undefined;
}
