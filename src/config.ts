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
