/** End to end: the gateway connection drops mid-session, and the bot comes back and answers again. */
import { GatewayOpcodes, InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GatewayFrame } from './support/discordStandIn.js';
import { FAKE_TOKEN, slashCommand } from './support/fixtures.js';
import { startTestBot, type TestBot } from './support/testBot.js';

let bot: TestBot;
beforeAll(async () => {
	bot = await startTestBot();
});
afterAll(async () => {
	await bot?.close();
});

const isOp = (op: GatewayOpcodes) => (frame: GatewayFrame) => frame.op === op;
const count = (op: GatewayOpcodes) => bot.standIn.gatewayFrames.filter(isOp(op)).length;

async function expectAnswered(interaction = slashCommand('help', [])): Promise<void> {
	const callback = await bot.interact(interaction);
	expect((callback.body as { type: number }).type).toBe(InteractionResponseType.ChannelMessageWithSource);
}

it('keeps the session alive with heartbeats the stand-in acknowledges', async () => {
	await bot.standIn.waitForGatewayFrame(isOp(GatewayOpcodes.Heartbeat));
	await expect.poll(() => bot.bot.client.ws.ping).toBeGreaterThanOrEqual(0);
	await expectAnswered();
});

it('resumes after the connection is cut, and answers what arrived while it was away', async () => {
	const since = bot.standIn.gatewayFrames.length;
	bot.standIn.dropConnection('terminate');
	// Sent while the bot is disconnected: Discord keeps it for the resumed session, and so does the stand-in.
	const missed = slashCommand('help', []);
	const answered = bot.standIn.waitForRequest((request) => request.path.startsWith(`/api/v10/interactions/${missed.id}/`));
	bot.standIn.dispatch('INTERACTION_CREATE', missed);

	const resume = await bot.standIn.waitForGatewayFrame(isOp(GatewayOpcodes.Resume), { since });
	expect(resume.d).toMatchObject({ token: FAKE_TOKEN, session_id: expect.any(String), seq: expect.any(Number) });
	await answered;
	await expectAnswered();
	expect(count(GatewayOpcodes.Identify)).toBe(1);
	expect(bot.logs.map((log) => log.message)).toEqual(expect.arrayContaining(['Gateway connection lost; reconnecting', 'Gateway session resumed']));
});

it('resumes after Discord closes the connection with an error code', async () => {
	const since = bot.standIn.gatewayFrames.length;
	bot.standIn.dropConnection({ code: 4000 });
	await bot.standIn.waitForGatewayFrame(isOp(GatewayOpcodes.Resume), { since });
	await expectAnswered();
});

it('identifies afresh when the session cannot be resumed, then answers again', async () => {
	const since = bot.standIn.gatewayFrames.length;
	bot.standIn.rejectNextResume();
	bot.standIn.dropConnection('terminate');
	await bot.standIn.waitForGatewayFrame(isOp(GatewayOpcodes.Resume), { since });
	// discord.js spaces identifies five seconds apart, as Discord requires.
	await bot.standIn.waitForGatewayFrame(isOp(GatewayOpcodes.Identify), { since, timeoutMs: 15_000 });
	await expectAnswered(slashCommand('sources', []));
	expect(count(GatewayOpcodes.Identify)).toBe(2);
});
