/**
 * `npm run soak`: the bot as `npm start` runs it (its own process, the real discord.js client) answers 10,000 /ask
 * interactions from as many distinct users, sent through the Discord stand-in a few at a time. It passes with no
 * error reply, no interaction left without its acknowledgement within Discord's three seconds, no error logged, the
 * bot's RSS at the end within 1.5× of its RSS when it was ready (both after a full collection, through the bot's
 * inspector on a loopback port), and a clean exit on SIGTERM. Not part of `npm test`: it takes minutes.
 *
 *   npm run soak [-- --count=10000 --in-flight=16]
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { WebSocket } from 'ws';
import { benchQuestions, percentile } from '../../bench/measure.js';
import { DiscordStandIn } from '../discord/support/discordStandIn.js';
import { APP_ID, FAKE_TOKEN, newReporter, slashCommand, string, type Interaction } from '../discord/support/fixtures.js';
import { spawnScript } from '../discord/support/spawnScript.js';
import { STORY_CORPUS } from '../discord/support/testBot.js';

const MAX_RSS_GROWTH = 1.5;
/** Discord drops an interaction that is not acknowledged within three seconds. */
const ACK_DEADLINE_MS = 3_000;
const READY_TIMEOUT_MS = 60_000;
/** Lets the last replies' garbage be collected before the second reading, as an idle bot would. */
const SETTLE_MS = 2_000;

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, 'in-flight': { type: 'string', default: '16' } } });
const count = Number(values.count);
const inFlight = Number(values['in-flight']);

/** In bytes, from the outside: what the operating system sees. */
async function rss(pid: number): Promise<number> {
	const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
	return Number(stdout.trim()) * 1024;
}

/**
 * The bot's own inspector, on a loopback port: a full collection first, then its memory figures, so that a reading
 * counts what the bot holds and not the garbage V8 has not yet collected.
 */
async function connectInspector(stderr: () => string): Promise<{ collectedMemory(): Promise<NodeJS.MemoryUsage>; close(): void }> {
	let url: string | undefined;
	for (let waited = 0; !url && waited < READY_TIMEOUT_MS; waited += 50) {
		url = /Debugger listening on (ws:\/\/\S+)/.exec(stderr())?.[1];
		if (!url) await sleep(50);
	}
	if (!url) throw new Error('The bot did not open its inspector');
	const socket = new WebSocket(url);
	await once(socket, 'open');
	let lastId = 0;
	const waiting = new Map<number, (result: unknown) => void>();
	socket.on('message', (data) => {
		const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
		if (message.id !== undefined) waiting.get(message.id)?.(message.result);
	});
	const call = (method: string, params: object = {}) =>
		new Promise<unknown>((resolve) => {
			waiting.set(++lastId, resolve);
			socket.send(JSON.stringify({ id: lastId, method, params }));
		});
	return {
		async collectedMemory() {
			await call('HeapProfiler.collectGarbage');
			const { result } = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
			return JSON.parse(result.value) as NodeJS.MemoryUsage;
		},
		close: () => socket.close(),
	};
}

interface Pending {
	sentAt: number;
	done: () => void;
}

async function soak(): Promise<boolean> {
	// Story questions of every kind (facts, disagreements, misspellings, out of corpus) and news headlines it cannot answer.
	const { all: asked } = await benchQuestions();
	const standIn = await DiscordStandIn.start();
	const workDir = await mkdtemp(path.join(tmpdir(), 'story-bot-soak-'));
	const bot = spawnScript('src/index.ts', {
		cwd: workDir,
		env: {
			DISCORD_TOKEN: FAKE_TOKEN,
			DISCORD_CLIENT_ID: APP_ID,
			DISCORD_API_BASE: standIn.apiBase,
			CORPUS_DIR: STORY_CORPUS,
			DATA_DIR: path.join(workDir, 'data'),
			LOG_LEVEL: 'warn',
			NODE_OPTIONS: '--inspect=127.0.0.1:0',
		},
	});
	try {
		// A bot that exits first (a stale dist/, a bad setting) says why on its stderr: show that, not a bare time-out.
		const exitedEarly = bot.exited.then((code) => Promise.reject(new Error(`the bot exited (code ${code}) before identifying:\n${bot.stderr()}`)));
		await Promise.race([standIn.waitForGatewayFrame((frame) => frame.op === 2, { timeoutMs: READY_TIMEOUT_MS }), exitedEarly]);
		const inspector = await connectInspector(bot.stderr);
		await sleep(SETTLE_MS);
		const pid = bot.child.pid!;
		const rssBefore = await rss(pid);
		let rssPeak = rssBefore;
		const collectedBefore = await inspector.collectedMemory();

		const pending = new Map<string, Pending>();
		const latencies: number[] = [];
		let errorReplies = 0;
		let acknowledged = 0;
		// One pass over the new requests per tick, dropping them once read: the stand-in keeps no 10,000 bodies.
		const reader = setInterval(() => {
			for (const request of standIn.requests.splice(0)) {
				const match = /^\/api\/v10\/interactions\/(\d+)\/[^/]+\/callback$/.exec(request.path);
				const waiting = match && pending.get(match[1]!);
				if (!waiting) continue;
				const body = request.body as { type: number; data: { embeds?: unknown[]; flags?: number } };
				// An /ask answers in public with its embed; a plain or ephemeral line is a refusal or a failure.
				if (body.type !== InteractionResponseType.ChannelMessageWithSource || !body.data.embeds?.length || (body.data.flags ?? 0) & MessageFlags.Ephemeral) errorReplies++;
				acknowledged++;
				latencies.push(performance.now() - waiting.sentAt);
				pending.delete(match[1]!);
				waiting.done();
			}
		}, 5);

		const started = performance.now();
		let sent = 0;
		const send = async (): Promise<void> => {
			while (sent < count) {
				const n = sent++;
				const interaction: Interaction = slashCommand('ask', [string('question', asked[n % asked.length]!)], newReporter());
				await new Promise<void>((resolve) => {
					// Too late is as good as never: Discord would have shown the user "The application did not respond".
					const timer = setTimeout(() => (pending.delete(interaction.id), resolve()), ACK_DEADLINE_MS);
					pending.set(interaction.id, { sentAt: performance.now(), done: () => (clearTimeout(timer), resolve()) });
					standIn.dispatch('INTERACTION_CREATE', interaction);
				});
				if (n % 500 === 0) rssPeak = Math.max(rssPeak, await rss(pid));
			}
		};
		await Promise.all(Array.from({ length: inFlight }, send));
		const seconds = (performance.now() - started) / 1_000;
		clearInterval(reader);
		await sleep(SETTLE_MS);
		const rssAfter = await rss(pid);
		rssPeak = Math.max(rssPeak, rssAfter);
		const collectedAfter = await inspector.collectedMemory();
		inspector.close();

		bot.child.kill('SIGTERM');
		const exitCode = await bot.exited;
		const errorLogs = bot
			.stdout()
			.split('\n')
			.filter((line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= 50);
		const missing = count - acknowledged;
		// Both readings after a full collection: what the bot holds, which is what grows in a leak. The raw figures,
		// printed beside them, also count the garbage V8 lets pile up between major collections (about 2× here).
		const growth = collectedAfter.rss / collectedBefore.rss;
		const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
		console.log(
			[
				`Soak: ${count.toLocaleString('en')} /ask interactions from as many distinct users, ${inFlight} in flight, story corpus (${asked.length} questions in turn)`,
				`  took ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} a second); acknowledgement p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
				`  acknowledged ${acknowledged.toLocaleString('en')}, missing ${missing}, error replies ${errorReplies}, error log lines ${errorLogs.length}`,
				`  bot RSS after a full collection: ready ${mb(collectedBefore.rss)}, after ${mb(collectedAfter.rss)}: after ÷ ready ${growth.toFixed(2)} (limit ${MAX_RSS_GROWTH})`,
				`  heap used after a full collection: ready ${mb(collectedBefore.heapUsed)}, after ${mb(collectedAfter.heapUsed)}`,
				`  bot RSS as it ran, garbage included: ready ${mb(rssBefore)}, peak ${mb(rssPeak)}, after ${mb(rssAfter)} (${(rssAfter / rssBefore).toFixed(2)})`,
				`  SIGTERM: exit code ${exitCode}`,
			].join('\n'),
		);
		for (const line of errorLogs.slice(0, 5)) console.log(`  error log: ${line}`);
		const passed = missing === 0 && errorReplies === 0 && errorLogs.length === 0 && growth <= MAX_RSS_GROWTH && exitCode === 0;
		console.log(passed ? 'PASS' : 'FAIL');
		return passed;
	} finally {
		bot.child.kill('SIGKILL');
		await standIn.close();
		await rm(workDir, { recursive: true, force: true });
	}
}

process.exitCode = (await soak()) ? 0 : 1;
