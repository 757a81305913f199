import { ErrorCodes, UserFacingError } from '../errors.js';

export interface DownloadLimits {
	/** Bytes the body may hold; reading stops, and the download fails, at the first byte past it. */
	maxBytes: number;
	/** For the whole download, redirects and body included. */
	timeoutMs: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export function fileTooLarge(maxBytes: number): UserFacingError {
	const limit = maxBytes >= 1024 * 1024 ? `${Number((maxBytes / 1024 / 1024).toFixed(1))} MB` : `${maxBytes} bytes`;
	return new UserFacingError(ErrorCodes.InvalidDocument, `The file is larger than ${limit}.`);
}

/**
 * Downloads an uploaded file. The size limit holds while reading: a body longer than its announced size, or sent
 * with none, is cut off at the limit instead of being buffered whole first. A redirect is followed only within the
 * origin that served the attachment, so a link can never make the bot fetch from another host (an internal address,
 * say) on a moderator's behalf.
 */
export async function downloadUpload(url: string, { maxBytes, timeoutMs }: DownloadLimits): Promise<Uint8Array> {
	const signal = AbortSignal.timeout(timeoutMs);
	const origin = new URL(url).origin;
	let location = new URL(url);
	for (let redirects = 0; ; redirects++) {
		const response = await fetch(location, { redirect: 'manual', signal });
		if (!REDIRECTS.has(response.status)) {
			if (response.ok) return readWithin(response, maxBytes);
			await response.body?.cancel();
			throw new Error(`Attachment download failed: HTTP ${response.status}`);
		}
		await response.body?.cancel();
		const target = response.headers.get('location');
		const next = target !== null && URL.canParse(target, location.href) ? new URL(target, location) : null;
		if (next?.origin !== origin) throw new Error(`Attachment download refused: ${origin} redirected to ${next?.origin ?? 'no usable location'}`);
		if (redirects === MAX_REDIRECTS) throw new Error(`Attachment download refused: more than ${MAX_REDIRECTS} redirects`);
		location = next;
	}
}

async function readWithin(response: Response, maxBytes: number): Promise<Uint8Array> {
	if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
		await response.body?.cancel();
		throw fileTooLarge(maxBytes);
	}
	const chunks: Uint8Array[] = [];
	let length = 0;
	// Leaving the loop early, by the throw, cancels the stream and so closes the connection.
	for await (const chunk of response.body ?? []) {
		length += chunk.byteLength;
		if (length > maxBytes) throw fileTooLarge(maxBytes);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, length);
}
