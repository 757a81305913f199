/** A sentence as a span of its paragraph, so a quote is always an exact substring of the source. */
export interface SentenceSpan {
	start: number;
	end: number;
	text: string;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Intl.Segmenter keeps "3 a.m." and "Oct. 19" whole, but splits after titles ("Mr. Smith"), initials ("J. Smith")
// and dotted acronyms before a capital ("U.S. Central Command"). A segment ending in one of these is joined to the
// next: in news copy "U.S." ends a sentence far less often than it names the country.
const ENDS_WITH_ABBREVIATION =
	/(?:(?:\p{Lu}\.){2,}\s*$)|(?:^|[\s(“"])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Gov|Sen|Rep|Rev|St|Jr|Sr|No|Nos|vs|etc|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|\p{Lu})\.\s*$/u;

/** How many quotations a piece of text leaves open: curly quotes open and close, a straight one toggles. */
function quoteBalance(text: string, open: number): number {
	let depth = open;
	for (const char of text) {
		if (char === '“') depth++;
		else if (char === '”') depth = Math.max(0, depth - 1);
		else if (char === '"') depth = depth > 0 ? depth - 1 : depth + 1;
	}
	return depth;
}

/** A quotation that closes within this many further segments is kept whole; one left open is a paragraph-long quote. */
const MAX_QUOTED_SEGMENTS = 4;

/** Segments, with runs joined where Intl.Segmenter split after an abbreviation or inside a quotation. */
function segments(paragraph: string): Array<{ start: number; end: number }> {
	const raw: Array<{ start: number; end: number; text: string }> = [];
	let pending: { start: number; end: number } | null = null;
	for (const { segment, index } of segmenter.segment(paragraph)) {
		const start: number = pending?.start ?? index;
		const end = index + segment.length;
		if (ENDS_WITH_ABBREVIATION.test(segment)) {
			pending = { start, end };
			continue;
		}
		pending = null;
		raw.push({ start, end, text: paragraph.slice(start, end) });
	}
	if (pending) raw.push({ ...pending, text: paragraph.slice(pending.start, pending.end) });
	// “How did he die? We don't know,” he said: one sentence, never a quote that starts at "We don't know,".
	const joined: Array<{ start: number; end: number }> = [];
	for (let i = 0; i < raw.length; i++) {
		let depth = quoteBalance(raw[i]!.text, 0);
		let last = i;
		if (depth > 0) {
			for (let j = i + 1; j < raw.length && j <= i + MAX_QUOTED_SEGMENTS; j++) {
				depth = quoteBalance(raw[j]!.text, depth);
				if (depth === 0) {
					last = j;
					break;
				}
			}
		}
		joined.push({ start: raw[i]!.start, end: raw[last]!.end });
		i = last;
	}
	return joined;
}

export function splitSentences(paragraph: string): SentenceSpan[] {
	const spans: SentenceSpan[] = [];
	for (const { start, end } of segments(paragraph)) pushTrimmed(spans, paragraph, start, end);
	return spans;
}

function pushTrimmed(spans: SentenceSpan[], paragraph: string, start: number, end: number): void {
	const raw = paragraph.slice(start, end);
	const text = raw.trim();
	if (text === '') return;
	const offset = start + raw.indexOf(text);
	spans.push({ start: offset, end: offset + text.length, text });
}
