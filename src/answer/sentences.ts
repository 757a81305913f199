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

export function splitSentences(paragraph: string): SentenceSpan[] {
	const spans: SentenceSpan[] = [];
	let pending: { start: number; end: number } | null = null;
	for (const { segment, index } of segmenter.segment(paragraph)) {
		const start: number = pending?.start ?? index;
		const end = index + segment.length;
		if (ENDS_WITH_ABBREVIATION.test(segment)) {
			pending = { start, end };
			continue;
		}
		pending = null;
		pushTrimmed(spans, paragraph, start, end);
	}
	if (pending) pushTrimmed(spans, paragraph, pending.start, pending.end);
	return spans;
}

function pushTrimmed(spans: SentenceSpan[], paragraph: string, start: number, end: number): void {
	const raw = paragraph.slice(start, end);
	const text = raw.trim();
	if (text === '') return;
	const offset = start + raw.indexOf(text);
	spans.push({ start: offset, end: offset + text.length, text });
}
