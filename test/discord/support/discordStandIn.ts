/**
 * A stand-in for Discord on 127.0.0.1: the HTTP API routes the bot uses and a WebSocket gateway that does the real
 * handshake (HELLO, IDENTIFY or RESUME, READY, GUILD_CREATE, heartbeat ACKs). Tests inject dispatches and read back
 * every request the bot made, exactly as sent.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, InteractionType } from 'discord.js';
import { WebSocket, WebSocketServer } from 'ws';
import { APP_ID, BOT_USER, CHANNEL, GUILD_ID, MODERATOR_ROLE_ID, message, nextSnowflake } from './fixtures.js';

export interface RecordedRequest {
	method: string;
	/** Decoded path without the query string, e.g. /api/v10/webhooks/1/tok/messages/@original. */
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON, or the raw text for anything else. */
	body: unknown;
}

export interface GatewayFrame {
	op: number;
	d: unknown;
	s?: number | null;
	t?: string | null;
}

interface Dispatch extends GatewayFrame {
	s: number;
	t: string;
}

interface Session {
	id: string;
	/** Every dispatch of the session, so a RESUME can replay what the bot missed while disconnected. */
	history: Dispatch[];
	sequence: number;
	/** The socket that identified or resumed this session, while it is open. */
	socket: WebSocket | null;
}

export interface StandInOptions {
	/** Short, so heartbeats (and their ACKs) happen during a test run. */
	heartbeatIntervalMs?: number;
}

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export class DiscordStandIn {
	/** Every HTTP request, in order. */
	readonly requests: RecordedRequest[] = [];
	/** Every frame the bot sent on the gateway, in order. */
	readonly gatewayFrames: GatewayFrame[] = [];
	/** The close code of every gateway connection that ended, in order (1000 when the bot shut down cleanly). */
	readonly closeCodes: number[] = [];
	readonly #events = new EventEmitter();
	readonly #files = new Map<string, Uint8Array>();
	/** Attachments whose download waits, as from a slow CDN, until the promise settles. */
	readonly #held = new Map<string, Promise<void>>();
	readonly #sockets = new Set<WebSocket>();
	/** The message id each public reply got, by interaction token, as the callback's response told the bot. */
	readonly originalMessageIds = new Map<string, string>();
	/** Channels where posting a message answers 403 Missing Permissions, as without the Send Messages permission. */
	readonly forbiddenChannels = new Set<string>();
	#session: Session | null = null;
	#rejectResume = false;
	readonly #server: Server;
	readonly #gateway: WebSocketServer;
	readonly #heartbeatIntervalMs: number;

	private constructor(options: StandInOptions) {
		this.#heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
		this.#server = createServer((request, response) => void this.#onRequest(request, response));
		this.#gateway = new WebSocketServer({ noServer: true });
		this.#server.on('upgrade', (request, socket, head) => {
			if (new URL(request.url ?? '/', this.origin).pathname !== '/gateway') return socket.destroy();
			this.#gateway.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws));
		});
	}

	static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
		const standIn = new DiscordStandIn(options);
		standIn.#server.listen(0, '127.0.0.1');
		await once(standIn.#server, 'listening');
		return standIn;
	}

	get origin(): string {
		const { port } = this.#server.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	/** What DISCORD_API_BASE points at. */
	get apiBase(): string {
		return `${this.origin}/api`;
	}

	get gatewayUrl(): string {
		return `${this.origin.replace('http', 'ws')}/gateway`;
	}

	/** Serves a file the way Discord's CDN serves attachments, and returns its URL. `until` holds its download back. */
	serveFile(name: string, content: string | Uint8Array, { until }: { until?: Promise<void> } = {}): string {
		// Requests are matched on their decoded path, so the file is kept under the name as it decodes.
		const key = `${randomUUID()}/${name}`;
		this.#files.set(key, typeof content === 'string' ? new TextEncoder().encode(content) : content);
		if (until) this.#held.set(`/attachments/${key}`, until);
		return `${this.origin}/attachments/${key.replace(/[^/]+$/, encodeURIComponent)}`;
	}

	/** Sends a dispatch on the current session; while the bot is disconnected it waits in the history for a RESUME. */
	dispatch(t: string, d: unknown): void {
		const session = this.#session;
		if (!session) throw new Error('No gateway session yet: the bot has not identified');
		const frame: Dispatch = { op: Op.Dispatch, t, s: ++session.sequence, d };
		session.history.push(frame);
		if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(frame));
	}

	/** Waits for (or finds, if it already happened) the first request after `since` that matches. */
	async waitForRequest(matches: (request: RecordedRequest) => boolean, { since = 0, timeoutMs = 10_000 } = {}): Promise<RecordedRequest> {
		return this.#waitFor('request', () => this.requests.slice(since).find(matches), timeoutMs, 'an HTTP request');
	}

	async waitForClose({ since = 0, timeoutMs = 10_000 } = {}): Promise<number> {
		return this.#waitFor('close', () => this.closeCodes[since], timeoutMs, 'the gateway connection to close');
	}

	async waitForGatewayFrame(matches: (frame: GatewayFrame) => boolean, { since = 0, timeoutMs = 10_000 } = {}): Promise<GatewayFrame> {
		return this.#waitFor('frame', () => this.gatewayFrames.slice(since).find(matches), timeoutMs, 'a gateway frame');
	}

	/**
	 * Drops the bot's gateway connection the way a network failure or a Discord restart does: `terminate` cuts the
	 * TCP connection without a close frame; a code sends one (4000 "unknown error" invites a resume).
	 */
	dropConnection(how: { code: number } | 'terminate' = 'terminate'): void {
		const socket = this.#session?.socket;
		if (!socket) throw new Error('The bot is not connected');
		if (how === 'terminate') socket.terminate();
		else socket.close(how.code, 'Stand-in closed the connection');
	}

	/** Makes the next RESUME fail with INVALID_SESSION, so the bot has to identify afresh. */
	rejectNextResume(): void {
		this.#rejectResume = true;
	}

	async close(): Promise<void> {
		for (const socket of this.#sockets) socket.terminate();
		this.#gateway.close();
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	async #waitFor<T>(event: string, find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
		const found = find();
		if (found !== undefined) return found;
		return new Promise<T>((resolve, reject) => {
			const check = () => {
				const match = find();
				if (match === undefined) return;
				cleanUp();
				resolve(match);
			};
			const timer = setTimeout(() => {
				cleanUp();
				reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			const cleanUp = () => {
				clearTimeout(timer);
				this.#events.off(event, check);
			};
			this.#events.on(event, check);
		});
	}

	async #onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.origin);
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const isJson = request.headers['content-type']?.startsWith('application/json') ?? false;
		const recorded: RecordedRequest = {
			method: request.method ?? 'GET',
			// discord.js sends "@original" percent-encoded; Discord accepts either form.
			path: decodeURIComponent(url.pathname),
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			body: isJson && text ? JSON.parse(text) : text,
		};
		await this.#held.get(recorded.path);
		const { status, body } = this.#route(recorded);
		if (url.pathname.startsWith('/api/')) {
			this.requests.push(recorded);
			this.#events.emit('request');
		}
		if (body instanceof Uint8Array) {
			response.writeHead(status, { 'content-type': 'application/octet-stream' }).end(body);
		} else if (body === undefined) {
			response.writeHead(status).end();
		} else {
			response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		}
	}

	#route({ method, path, query, body }: RecordedRequest): { status: number; body?: unknown } {
		const route = `${method} ${path}`;
		if (route === 'GET /api/v10/gateway/bot') {
			return {
				status: 200,
				body: {
					url: this.gatewayUrl,
					shards: 1,
					session_start_limit: { total: 1_000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
				},
			};
		}
		const callback = /^POST \/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
		if (callback) return query.with_response === 'true' ? { status: 200, body: this.#callbackResponse(callback[1]!, callback[2]!, body) } : { status: 204 };
		if (/^PATCH \/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(route)) {
			return { status: 200, body: messageFrom(body) };
		}
		const channel = /^POST \/api\/v10\/channels\/(\d+)\/messages$/.exec(route);
		if (channel) {
			if (this.forbiddenChannels.has(channel[1]!)) return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
			return { status: 200, body: messageFrom(body) };
		}
		if (/^POST \/api\/v10\/webhooks\/\d+\/[^/]+$/.test(route)) {
			return { status: 200, body: messageFrom(body) };
		}
		if (/^PUT \/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(route) && Array.isArray(body)) {
			return { status: 200, body: body.map((command: object) => ({ ...command, id: nextSnowflake(), application_id: APP_ID, version: nextSnowflake() })) };
		}
		if (method === 'GET' && path.startsWith('/attachments/')) {
			const file = this.#files.get(path.slice('/attachments/'.length));
			return file ? { status: 200, body: file } : { status: 404, body: { message: 'Unknown attachment', code: 0 } };
		}
		return { status: 404, body: { message: `The stand-in does not serve ${route}`, code: 0 } };
	}

	/**
	 * What Discord answers a callback sent with `with_response=true`: the interaction and, for a message, the message
	 * it became, whose id is kept under the interaction's token.
	 */
	#callbackResponse(interactionId: string, token: string, body: unknown): object {
		const { type, data } = body as { type: number; data?: unknown };
		const interaction = { id: interactionId, type: InteractionType.ApplicationCommand };
		if (type !== InteractionResponseType.ChannelMessageWithSource) return { interaction };
		const id = nextSnowflake();
		this.originalMessageIds.set(token, id);
		return { interaction: { ...interaction, response_message_id: id }, resource: { type, message: { ...messageFrom(data), id } } };
	}

	#onConnection(socket: WebSocket): void {
		this.#sockets.add(socket);
		socket.on('close', (code) => {
			this.closeCodes.push(code);
			this.#events.emit('close');
			this.#sockets.delete(socket);
			if (this.#session?.socket === socket) this.#session.socket = null;
		});
		socket.on('message', (data) => this.#onFrame(socket, JSON.parse(String(data)) as GatewayFrame));
		socket.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.#heartbeatIntervalMs } }));
	}

	#onFrame(socket: WebSocket, frame: GatewayFrame): void {
		this.gatewayFrames.push(frame);
		switch (frame.op) {
			case Op.Heartbeat:
				socket.send(JSON.stringify({ op: Op.HeartbeatAck }));
				break;
			case Op.Identify:
				this.#session = { id: randomUUID(), history: [], sequence: 0, socket };
				this.dispatch('READY', {
					v: 10,
					user: BOT_USER,
					guilds: [{ id: GUILD_ID, unavailable: true }],
					session_id: this.#session.id,
					resume_gateway_url: this.gatewayUrl,
					shard: [0, 1],
					application: { id: APP_ID, flags: 0 },
				});
				// discord.js waits (15 s) for a GUILD_CREATE for every guild READY lists.
				this.dispatch('GUILD_CREATE', guildCreate());
				break;
			case Op.Resume:
				this.#resume(socket, frame.d as { session_id: string; seq: number });
				break;
		}
		this.#events.emit('frame');
	}

	#resume(socket: WebSocket, { session_id, seq }: { session_id: string; seq: number }): void {
		const session = this.#session;
		if (!session || session.id !== session_id || this.#rejectResume) {
			this.#rejectResume = false;
			socket.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
			return;
		}
		session.socket = socket;
		for (const missed of session.history.filter((frame) => frame.s > seq)) socket.send(JSON.stringify(missed));
		this.dispatch('RESUMED', {});
	}
}

/** The message object Discord returns for a webhook message, built from what the bot sent. */
function messageFrom(body: unknown): object {
	const sent = (body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number };
	return message(sent.content ?? '', {
		type: 20,
		application_id: APP_ID,
		webhook_id: APP_ID,
		author: BOT_USER,
		embeds: sent.embeds ?? [],
		components: sent.components ?? [],
		flags: sent.flags ?? 0,
	});
}

function role(id: string, name: string, permissions: string, position: number): object {
	return { id, name, permissions, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null };
}

function guildCreate(): object {
	return {
		id: GUILD_ID,
		name: 'Newsroom',
		unavailable: false,
		owner_id: '100000000000000001',
		joined_at: new Date().toISOString(),
		member_count: 3,
		large: false,
		features: [],
		emojis: [],
		stickers: [],
		roles: [role(GUILD_ID, '@everyone', '1024', 0), role(MODERATOR_ROLE_ID, 'Desk editors', '0', 1)],
		channels: [CHANNEL],
		threads: [],
		members: [],
		presences: [],
		voice_states: [],
		stage_instances: [],
		guild_scheduled_events: [],
		preferred_locale: 'en-US',
		premium_tier: 0,
		verification_level: 0,
		default_message_notifications: 0,
		explicit_content_filter: 0,
		mfa_level: 0,
		nsfw_level: 0,
		system_channel_flags: 0,
		afk_timeout: 300,
	};
}
