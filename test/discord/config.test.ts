import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_ENV_VARIABLES, ConfigError, DEFAULT_DISCORD_API_BASE, parseBotConfig, parseSharedConfig } from '../../src/config.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.secret-part.never-shown';
const valid = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '100000000000000010' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
	try {
		parseBotConfig(env, '/srv/bot');
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('parseBotConfig', () => {
	it('reads a minimal .env with defaults for everything optional', () => {
		expect(parseBotConfig(valid, '/srv/bot')).toEqual({
			corpusDir: path.resolve('/srv/bot/corpus'),
			dataDir: path.resolve('/srv/bot/data'),
			cacheDir: path.resolve('/srv/bot/data/cache'),
			logLevel: 'info',
			token: TOKEN,
			clientId: '100000000000000010',
			guildId: null,
			moderatorRoleIds: [],
			apiBase: DEFAULT_DISCORD_API_BASE,
			cooldownSeconds: 5,
			drainTimeoutSeconds: 8,
			correctionNoticeDays: 30,
		});
	});

	it('reads every setting, treating empty optional values as unset', () => {
		const config = parseBotConfig(
			{ ...valid, DISCORD_GUILD_ID: '', MODERATOR_ROLE_IDS: ' 100000000000000030 ,100000000000000031,', DISCORD_API_BASE: 'http://127.0.0.1:8080/api', COOLDOWN: '0', DRAIN_TIMEOUT: '30', LOG_LEVEL: 'warn' },
			'/srv/bot',
		);
		expect(config).toMatchObject({ guildId: null, moderatorRoleIds: ['100000000000000030', '100000000000000031'], apiBase: 'http://127.0.0.1:8080/api', cooldownSeconds: 0, drainTimeoutSeconds: 30, logLevel: 'warn' });
		expect(Object.isFrozen(config)).toBe(true);
	});

	it('lists every problem at once', () => {
		expect(
			problemsOf({ DISCORD_CLIENT_ID: 'my-app', DISCORD_GUILD_ID: '42', MODERATOR_ROLE_IDS: '100000000000000030,editors', DISCORD_API_BASE: 'https://discord.com/api/v10/', COOLDOWN: 'soon', LOG_LEVEL: 'loud' }),
		).toEqual([
			expect.stringMatching(/^LOG_LEVEL: /),
			'DISCORD_TOKEN: is required: the bot token from the Discord developer portal',
			'DISCORD_CLIENT_ID: must be the application id: a Discord id of 17 to 20 digits',
			'DISCORD_GUILD_ID: must be a server id: a Discord id of 17 to 20 digits',
			'MODERATOR_ROLE_IDS: must be a comma-separated list of role ids (17 to 20 digits each)',
			'DISCORD_API_BASE: must be an http(s) URL ending in /api, without a version or trailing slash (e.g. https://discord.com/api)',
			'COOLDOWN: must be a number of seconds',
		]);
	});

	it.each(['https://discord.com/api/', 'https://discord.com/api/v10', 'discord.com/api', 'ftp://discord.com/api'])('refuses %s as DISCORD_API_BASE', (base) => {
		expect(problemsOf({ ...valid, DISCORD_API_BASE: base })).toHaveLength(1);
	});

	it.each([
		['-1', 'DRAIN_TIMEOUT: must not be negative'],
		['2.5', 'DRAIN_TIMEOUT: must be whole seconds'],
		['a while', 'DRAIN_TIMEOUT: must be a number of seconds'],
		['3600', 'DRAIN_TIMEOUT: must be at most 900 seconds'],
	])('refuses %s as DRAIN_TIMEOUT', (value, problem) => {
		expect(problemsOf({ ...valid, DRAIN_TIMEOUT: value })).toEqual([problem]);
	});

	it('never repeats the token in its messages', () => {
		const error = (() => {
			try {
				return parseBotConfig({ DISCORD_TOKEN: 'Bot abc.def', DISCORD_CLIENT_ID: 'x' });
			} catch (caught) {
				return caught as Error;
			}
		})();
		expect(String((error as Error).message)).toContain('DISCORD_TOKEN: must not contain spaces');
		expect(String((error as Error).message)).not.toContain('abc.def');
	});
});

describe('parseSharedConfig', () => {
	it('still works without any Discord setting, for the command line', () => {
		expect(parseSharedConfig({}, '/srv/bot').corpusDir).toBe(path.resolve('/srv/bot/corpus'));
	});
});

describe('.env.example', () => {
	const lines = readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8').split('\n');
	const documented = Object.fromEntries(
		lines.flatMap((line) => {
			const variable = /^([A-Z_]+)=(.*)$/.exec(line);
			return variable ? [[variable[1]!, variable[2]!]] : [];
		}),
	);

	it('documents every variable the bot reads, and nothing it does not', () => {
		expect(Object.keys(documented).sort()).toEqual([...BOT_ENV_VARIABLES].sort());
	});

	it('is a valid configuration once the token and application id are filled in', () => {
		const env = Object.fromEntries(Object.entries(documented).filter(([, value]) => value !== ''));
		expect(() => parseBotConfig({ ...env, ...valid }, '/srv/bot')).not.toThrow();
	});
});
