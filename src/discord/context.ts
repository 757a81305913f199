import { DEFAULT_CORRECTION_NOTICE_DAYS } from '../config.js';
import type { Logger } from '../logger.js';
import type { StoryEngine } from '../storyEngine.js';
import { Cooldowns } from './cooldowns.js';
import { ExpiringMap } from './expiringMap.js';
import type { NoticeFailure } from './correctionNotices.js';
import { FeedbackLog } from './feedbackLog.js';
import { QuoteLedger } from './quoteLedger.js';

/** What a button needs to find its question again. */
export interface AskSession {
	question: string;
	/** The as-of date it was asked with, so the buttons answer from the same articles. */
	asOf?: string;
	/** The questions it follows up, oldest first; empty for a question asked with /ask. */
	earlier: string[];
	/** Who asked: the only one who may follow up on the answer. */
	askedBy: string;
	/** A follow-up is shown as the answer it follows was (`hide`), and reads the articles it read (`asOf`). */
	ephemeral: boolean;
	/** Who already voted on this answer: one vote per person. */
	voters: Set<string>;
}

/** The as-of date a read was asked with, kept so that turning a page reads the same articles. */
export interface ReadSession {
	asOf?: string;
}

/**
 * Everything a handler may use, passed in rather than reached for, so tests can build one without patching globals.
 * Handlers talk to the story only through the engine.
 */
export interface BotContext {
	engine: StoryEngine;
	feedback: FeedbackLog;
	logger: Logger;
	moderatorRoleIds: readonly string[];
	cooldowns: Cooldowns;
	askSessions: ExpiringMap<AskSession>;
	/** Search queries by the id of the interaction that ran them, for the page buttons. */
	searchSessions: ExpiringMap<ReadSession & { query: string }>;
	/** What a timeline was asked about, by the id of the interaction that asked, for the page buttons. */
	timelineSessions: ExpiringMap<ReadSession & { about: string | null }>;
	/** The paragraph a /quote showed, by the id of its interaction, for the "Earlier text" button. */
	quoteSessions: ExpiringMap<{ doc: string; paragraph: number }>;
	/** Which paragraphs the bot's public replies quoted, for correction notices. */
	ledger: QuoteLedger;
	/** Correction notices that could not be posted, latest last. */
	noticeFailures: NoticeFailure[];
}

/** Interaction tokens live 15 minutes; buttons outliving their state say so plainly. */
export const SESSION_TTL_MS = 15 * 60 * 1_000;
/**
 * Per kind of session. An /ask session is the question and who asked, not its answer (the buttons answer again):
 * about 0.5 KB, so 2.5 MB at the bound, which only a burst of over 5 questions a second for the 15 minutes reaches.
 */
const MAX_SESSIONS = 5_000;

export interface BotContextOptions {
	engine: StoryEngine;
	logger: Logger;
	dataDir: string;
	moderatorRoleIds: readonly string[];
	cooldownSeconds: number;
	/** How far back a correction notice reaches (default 30 days). */
	correctionNoticeDays?: number;
	now?: () => number;
}


export function createBotContext({ engine, logger, dataDir, moderatorRoleIds, cooldownSeconds, correctionNoticeDays = DEFAULT_CORRECTION_NOTICE_DAYS, now = Date.now }: BotContextOptions): BotContext {
	const sessions = { ttlMs: SESSION_TTL_MS, maxEntries: MAX_SESSIONS, now };
	return {
		engine,
		logger,
		moderatorRoleIds,
		feedback: FeedbackLog.inDataDir(dataDir, { logger }),
		cooldowns: new Cooldowns(cooldownSeconds, now),
		askSessions: new ExpiringMap(sessions),
		searchSessions: new ExpiringMap(sessions),
		timelineSessions: new ExpiringMap(sessions),
		quoteSessions: new ExpiringMap(sessions),
		ledger: new QuoteLedger(dataDir, { retentionDays: correctionNoticeDays, logger, now }),
		noticeFailures: [],
	};
}
