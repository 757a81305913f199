import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadUpload } from '../../src/corpus/downloadUpload.js';
import { ErrorCodes } from '../../src/errors.js';

const MB = 1024 * 1024;
const limits = { maxBytes: MB, timeoutMs: 10_000 };

let server: http.Server;
let base: string;
let requested: string[];
/** Bytes the endless route wrote before the client went away. */
let endlessSent: Promise<number>;

beforeAll(async () => {
	server = http.createServer((request, response) => {
		requested.push(`${request.headers.host}${request.url}`);
		const { port } = server.address() as AddressInfo;
		switch (request.url) {
			case '/article.md':
				return response.end('# Title\n\nBody.\n');
			case '/moved':
				response.writeHead(302, { location: '/article.md' });
				return response.end();
			case '/elsewhere':
				// Same machine, another host name: only the host that served the attachment is trusted.
				response.writeHead(302, { location: `http://localhost:${port}/article.md` });
				return response.end();
			case '/loop':
				response.writeHead(307, { location: '/loop' });
				return response.end();
			case '/announced-large':
				response.writeHead(200, { 'content-length': String(2 * MB) });
				return response.end(Buffer.alloc(2 * MB));
			case '/endless': {
				// No length announced, and no end: a download that buffers before checking the size never returns.
				endlessSent = new Promise((resolve) => {
					let sent = 0;
					const chunk = Buffer.alloc(64 * 1024, 'a');
					const write = () => {
						while (!response.destroyed) {
							sent += chunk.length;
							if (!response.write(chunk)) return response.once('drain', write);
						}
					};
					response.on('close', () => resolve(sent));
					write();
				});
				return;
			}
			default:
				response.writeHead(404);
				return response.end();
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});
beforeEach(() => {
	requested = [];
});

const tooLarge = expect.objectContaining({ code: ErrorCodes.InvalidDocument, message: 'The file is larger than 1 MB.' });

describe('downloadUpload', () => {
	it('returns the attachment’s bytes', async () => {
		expect(Buffer.from(await downloadUpload(`${base}/article.md`, limits)).toString()).toBe('# Title\n\nBody.\n');
	});

	it('follows a redirect on the host that served the attachment', async () => {
		expect(Buffer.from(await downloadUpload(`${base}/moved`, limits)).toString()).toBe('# Title\n\nBody.\n');
	});

	it('refuses a redirect to another host, without requesting anything from it', async () => {
		await expect(downloadUpload(`${base}/elsewhere`, limits)).rejects.toThrow(`Attachment download refused: ${base} redirected to http://localhost:`);
		expect(requested).toEqual([`${base.slice('http://'.length)}/elsewhere`]);
	});

	it('gives up on a redirect loop', async () => {
		await expect(downloadUpload(`${base}/loop`, limits)).rejects.toThrow('more than 5 redirects');
		expect(requested).toHaveLength(6);
	});

	it('refuses a body announced larger than the limit', async () => {
		await expect(downloadUpload(`${base}/announced-large`, limits)).rejects.toThrow(tooLarge);
	});

	it('stops reading an endless body at the limit and closes the connection', async () => {
		await expect(downloadUpload(`${base}/endless`, limits)).rejects.toThrow(tooLarge);
		// What was in flight (socket buffers on both sides) is all the server got to send.
		const sent = await endlessSent;
		expect(sent).toBeGreaterThan(MB);
		expect(sent).toBeLessThan(16 * MB);
	});

	it('reports a failed download as an internal error, for the log', async () => {
		await expect(downloadUpload(`${base}/missing`, limits)).rejects.toThrow('Attachment download failed: HTTP 404');
	});
});
