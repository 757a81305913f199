import path from 'node:path';
import { z } from 'zod';

/**
 * Settings shared by every entry point, read once from the environment (after dotenv) into a frozen object.
 * Every problem is reported at once, so a newsroom admin fixes `.env` in one pass.
 */
const sharedSchema = z.object({
	CORPUS_DIR: z.string().trim().min(1).default('corpus'),
	DATA_DIR: z.string().trim().min(1).default('data'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface SharedConfig {
	corpusDir: string;
	dataDir: string;
	/** Index snapshots live here, inside DATA_DIR and never inside the corpus. */
	cacheDir: string;
	logLevel: z.infer<typeof sharedSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
	return issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
}

export function parseSharedConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Readonly<SharedConfig> {
	const parsed = sharedSchema.safeParse(env);
	if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues));
	const dataDir = path.resolve(cwd, parsed.data.DATA_DIR);
	return Object.freeze({
		corpusDir: path.resolve(cwd, parsed.data.CORPUS_DIR),
		dataDir,
		cacheDir: path.join(dataDir, 'cache'),
		logLevel: parsed.data.LOG_LEVEL,
	});
}

const SNOWFLAKE = /^\d{17,20}$/;

/** dotenv turns `KEY=` into an empty string; for an optional setting that means "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const snowflake = (what: string) => z.string().trim().regex(SNOWFLAKE, `must be ${what}: a Discord id of 17 to 20 digits`);

/** Discord's REST base: where `/v10/...` routes are appended, so no version and no trailing slash. */
export const DEFAULT_DISCORD_API_BASE = 'https://discord.com/api';

const apiBase = z
	.string()
	.trim()
	.refine((value) => {
		try {
			const url = new URL(value);
			return ['http:', 'https:'].includes(url.protocol) && url.pathname.endsWith('/api') && !url.search && !url.hash;
		} catch {
			return false;
		}
	}, 'must be an http(s) URL ending in /api, without a version or trailing slash (e.g. https://discord.com/api)');

const wholeCount = (unit: 'seconds' | 'days', max: number) =>
	z.coerce.number({ error: `must be a number of ${unit}` }).int(`must be whole ${unit}`).min(0, 'must not be negative').max(max, `must be at most ${max} ${unit}`);

/** Discord forgets an interaction token after 15 minutes: waiting longer than that for one helps nobody. */
const MAX_DRAIN_TIMEOUT_SECONDS = 900;

const botSchema = sharedSchema.extend({
	// Messages never echo the value: this one is a secret.
	DISCORD_TOKEN: z
		.string({ error: 'is required: the bot token from the Discord developer portal' })
		.trim()
		.min(1, { error: 'is required: the bot token from the Discord developer portal', abort: true })
		.regex(/^\S+$/, 'must not contain spaces'),
	DISCORD_CLIENT_ID: z.string({ error: 'is required: the application id' }).pipe(snowflake('the application id')),
	DISCORD_GUILD_ID: optional(snowflake('a server id')),
	MODERATOR_ROLE_IDS: optional(
		z
			.string()
			.transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
			.refine((ids) => ids.every((id) => SNOWFLAKE.test(id)), 'must be a comma-separated list of role ids (17 to 20 digits each)'),
	),
	DISCORD_API_BASE: optional(apiBase),
	COOLDOWN: optional(wholeCount('seconds', 3_600)),
	DRAIN_TIMEOUT: optional(wholeCount('seconds', MAX_DRAIN_TIMEOUT_SECONDS)),
	CORRECTION_NOTICE_DAYS: optional(wholeCount('days', 366)),
});

export interface BotConfig extends SharedConfig {
	/** Secret: never log it. The bot's logger redacts any `token` key. */
	token: string;
	clientId: string;
	guildId: string | null;
	moderatorRoleIds: readonly string[];
	apiBase: string;
	/** Per-user cooldown for the commands that do real work (/ask, /search, /timeline, follow-ups); 0 turns it off. */
	cooldownSeconds: number;
	/** On SIGTERM or SIGINT, how long interactions in flight and queued refreshes may take before the gateway closes. */
	drainTimeoutSeconds: number;
	/** How far back a correction notice reaches: channels where the paragraph was quoted within this many days. */
	correctionNoticeDays: number;
}

/** Every variable the bot reads, for the check that `.env.example` documents each one. */
export const BOT_ENV_VARIABLES: readonly string[] = Object.keys(botSchema.shape);

export const DEFAULT_COOLDOWN_SECONDS = 5;
export const DEFAULT_CORRECTION_NOTICE_DAYS = 30;
/** Under the 10 s that Docker, and many process managers, allow between SIGTERM and SIGKILL. */
export const DEFAULT_DRAIN_TIMEOUT_SECONDS = 8;

export function parseBotConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Readonly<BotConfig> {
	const parsed = botSchema.safeParse(env);
	if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues));
	const data = parsed.data;
	return Object.freeze({
		...parseSharedConfig(env, cwd),
		token: data.DISCORD_TOKEN,
		clientId: data.DISCORD_CLIENT_ID,
		guildId: data.DISCORD_GUILD_ID ?? null,
		moderatorRoleIds: Object.freeze(data.MODERATOR_ROLE_IDS ?? []),
		apiBase: data.DISCORD_API_BASE ?? DEFAULT_DISCORD_API_BASE,
		cooldownSeconds: data.COOLDOWN ?? DEFAULT_COOLDOWN_SECONDS,
		drainTimeoutSeconds: data.DRAIN_TIMEOUT ?? DEFAULT_DRAIN_TIMEOUT_SECONDS,
		correctionNoticeDays: data.CORRECTION_NOTICE_DAYS ?? DEFAULT_CORRECTION_NOTICE_DAYS,
	});
}
