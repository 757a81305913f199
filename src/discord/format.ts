import { ButtonStyle, time, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Answer, AsOfCoverage, Citation, ClaimCheck, Conflict, ContinuedFrom, Highlight, ParagraphHit, Quote } from '../answer/types.js';
import { type CorpusStatus, describeCorrection, type DocumentSummary, type RefreshReport, type UploadReport } from '../storyEngine.js';
import { MAX_CORRECTION_NOTE_LENGTH } from './commands/definitions.js';
import { type ButtonKind, ButtonKinds, encodeCustomId, ModalKinds } from './customId.js';
import type { FeedbackCounts } from './feedbackLog.js';
import {
	MAX_CONTENT_LENGTH,
	MAX_EMBED_DESCRIPTION_LENGTH,
	MAX_EMBED_FIELD_NAME_LENGTH,
	MAX_EMBED_FIELD_VALUE_LENGTH,
	MAX_EMBED_TITLE_LENGTH,
	MAX_EMBEDS,
	buttonRow,
	type ButtonRow,
	type ButtonSpec,
	type Reply,
	type TextModal,
} from './reply.js';
import { ELLIPSIS, escapeMarkdown, joinWithin, renderWithin, sentenceStart, singleLine, trimText } from './text.js';

export const PASSAGES_PER_PAGE = 3;
export const SEARCH_HITS_PER_PAGE = 5;
// Three passages, their citations and a heading share one description.
const MAX_PASSAGE_LENGTH = 1_300;
const MAX_SEARCH_HIT_LENGTH = Math.floor((MAX_EMBED_DESCRIPTION_LENGTH - 100) / SEARCH_HITS_PER_PAGE);
const MAX_CITED_TITLE_LENGTH = 90;
const MAX_CONFLICTS_SHOWN = 5;

export const Colors = {
	Answer: 0x2563eb,
	Closest: 0xd97706,
	NoAnswer: 0x6b7280,
	Found: 0x16a34a,
	NotFound: 0xdc2626,
	Moderation: 0xd97706,
} as const;

const NOT_COVERED = 'The corpus does not cover this.';
const RELATED_HEADING = '**Related passages (not an answer)**';
const CLOSEST_HEADING = '**Closest passages.** The corpus may not answer this; the best match is first.';

function colorOf(answer: Answer): number {
	return answer.outcome === 'answered' ? Colors.Answer : answer.outcome === 'closest' ? Colors.Closest : Colors.NoAnswer;
}

/** What sits above the passages: nothing for an answer, else a plain label saying what they are. */
function headingOf(answer: Answer): string[] {
	return answer.outcome === 'answered' ? [] : answer.outcome === 'closest' ? [CLOSEST_HEADING] : [RELATED_HEADING];
}

/** Only http(s) links, with the characters that would end a Markdown link encoded. */
function safeUrl(url: string | null): string | null {
	if (!url) return null;
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
		return parsed.href.replaceAll('(', '%28').replaceAll(')', '%29');
	} catch {
		return null;
	}
}

function citationParts(citation: Citation, escape: (text: string) => string): string {
	const title = escape(trimText(singleLine(citation.title), MAX_CITED_TITLE_LENGTH));
	return `— ${[escape(singleLine(citation.publisher)), citation.date ?? 'undated', `"${title}"`, `¶${citation.paragraph}`].join(', ')}`;
}

/** A note is a moderator's words: one line, bounded (as /corpus correct bounds it), and escaped wherever Markdown renders. */
export function shortNote(note: string): string {
	return trimText(singleLine(note), MAX_CORRECTION_NOTE_LENGTH);
}

/** "Corrected 2025-12-08: …" on its own line under a citation of a corrected paragraph; nothing for any other. */
function correctionLine({ corrected }: Citation, escape: (text: string) => string): string {
	if (!corrected) return '';
	return `\n${describeCorrection({ ...corrected, note: corrected.note && escape(shortNote(corrected.note)) })}`;
}

/**
 * "— The Associated Press, 2025-12-05, "Title", ¶4 · [link](…)": the same shape as the command line's citations.
 * In message content the link is wrapped in <> so Discord does not unfurl a preview under the quote.
 */
export function formatCitation(citation: Citation, { inContent = false } = {}): string {
	const href = safeUrl(citation.url);
	const link = href ? ` · [link](${inContent ? `<${href}>` : href})` : '';
	return `${citationParts(citation, escapeMarkdown)}${link}${correctionLine(citation, escapeMarkdown)}`;
}

/** For embed footers and autocomplete names, which show text as is: no Markdown, so no escaping. */
function plainCitation(citation: Citation): string {
	const asIs = (text: string) => text;
	return `${citationParts(citation, asIs)}${correctionLine(citation, asIs)}`;
}

export function blockQuote(text: string): string {
	return text
		.split('\n')
		.map((line) => `> ${escapeMarkdown(line)}`)
		.join('\n');
}

function mergeHighlights(highlights: readonly Highlight[], length: number): Highlight[] {
	const merged: Highlight[] = [];
	const sorted = highlights
		.map(({ start, end }) => ({ start: Math.max(0, start), end: Math.min(length, end) }))
		.filter(({ start, end }) => end > start)
		.sort((a, b) => a.start - b.start);
	for (const span of sorted) {
		const last = merged.at(-1);
		if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
		else merged.push({ ...span });
	}
	return merged;
}

/** Escapes `text` and puts the highlighted spans in bold. */
function highlight(text: string, highlights: readonly Highlight[]): string {
	let rendered = '';
	let at = 0;
	for (const { start, end } of mergeHighlights(highlights, text.length)) {
		rendered += `${escapeMarkdown(text.slice(at, start))}**${escapeMarkdown(text.slice(start, end))}**`;
		at = end;
	}
	return rendered + escapeMarkdown(text.slice(at));
}

/**
 * A paragraph with its matches in bold, within `max`. When the first match lies beyond the first half of the room,
 * the excerpt starts at the sentence that holds it, so the reader sees why the paragraph matched.
 */
function excerpt(text: string, highlights: readonly Highlight[], max: number): string {
	const firstMatch = Math.min(...highlights.map((span) => span.start));
	const start = firstMatch > max / 2 && firstMatch < text.length ? sentenceStart(text, firstMatch) : 0;
	const shifted = highlights.map((span) => ({ start: span.start - start, end: span.end - start }));
	const lead = start > 0 ? `${ELLIPSIS} ` : '';
	return lead + renderWithin(text.slice(start), max - lead.length, (kept) => highlight(kept, shifted));
}

/** A quote as a block quote, followed by its citation on the next line. */
export function formatPassage(quote: Quote, max = MAX_PASSAGE_LENGTH): string {
	const citation = formatCitation(quote.citation);
	return `${renderWithin(quote.text, max - citation.length - 1, blockQuote)}\n${citation}`;
}

/** `reserved`: room kept in the description for a line above the heading (a follow-up's, see `continuedLine`). */
function formatPassages(quotes: readonly Quote[], reserved = 0): string {
	return joinWithin(
		quotes.map((quote) => formatPassage(quote)),
		MAX_EMBED_DESCRIPTION_LENGTH - RELATED_HEADING.length - 2 - reserved,
		{ separator: '\n\n' },
	);
}

function formatTime(date: Date): string {
	return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function formatDateRange({ from, to }: CorpusStatus['dateRange']): string {
	if (!from || !to) return from ?? to ?? 'undated';
	return from === to ? from : `${from} to ${to}`;
}

/** The footer under every answer: how much the bot knows, and how fresh it is; first, what an as-of date left out. */
export function formatCoverage(status: CorpusStatus, asOf?: AsOfCoverage): string {
	const articles = `${status.documents} ${status.documents === 1 ? 'article' : 'articles'}`;
	const corpus = `Corpus: ${articles} · ${formatDateRange(status.dateRange)} · refreshed ${formatTime(status.lastRefresh.at)}`;
	return asOf ? `${asOf.summary} ${corpus}` : corpus;
}

/** What "More passages" pages through: the quotes of an answer or of the closest passages, else the related passages. */
export function answerPassages(answer: Answer): Quote[] {
	return answer.outcome === 'not-covered' ? answer.related : answer.quotes;
}

/** The first page of an answer also takes votes and follow-ups; later pages only turn. */
function answerButtons(session: string, offset: number, total: number, { firstPage }: { firstPage: boolean }): ButtonRow[] {
	const buttons: ButtonSpec[] = [];
	if (offset + PASSAGES_PER_PAGE < total) {
		buttons.push({ customId: encodeCustomId(ButtonKinds.MorePassages, session, offset + PASSAGES_PER_PAGE), label: 'More passages' });
	}
	if (offset < total) {
		buttons.push({ customId: encodeCustomId(ButtonKinds.FullParagraphs, session, offset), label: 'Full paragraphs' });
	}
	if (firstPage) {
		buttons.push(
			{ customId: encodeCustomId(ButtonKinds.Vote, session, 'up'), label: 'Helpful', emoji: '👍' },
			{ customId: encodeCustomId(ButtonKinds.Vote, session, 'down'), label: 'Not helpful', emoji: '👎' },
			{ customId: encodeCustomId(ButtonKinds.FollowUp, session, 'open'), label: 'Ask a follow-up', emoji: '💬' },
		);
	}
	return buttons.length > 0 ? [buttonRow(...buttons)] : [];
}

/** The value each source gives, in bold inside the sentence that carries it. */
export function formatClaimLine(claim: Conflict['claims'][number], max: number): string {
	const at = claim.text.toLowerCase().indexOf(claim.value.toLowerCase());
	const spans = at >= 0 ? [{ start: at, end: at + claim.value.length }] : [];
	const lead = at >= 0 ? '' : `**${escapeMarkdown(singleLine(claim.value))}**: `;
	const citation = formatCitation(claim.citation);
	const room = max - lead.length - citation.length - 3;
	return `> ${lead}${renderWithin(singleLine(claim.text), room, (kept) => highlight(kept, spans))}\n${citation}`;
}

function formatConflict(conflict: Conflict): APIEmbedField {
	const perClaim = Math.floor(MAX_EMBED_FIELD_VALUE_LENGTH / Math.max(1, conflict.claims.length)) - 1;
	return {
		name: renderWithin(`⚠️ Sources disagree: ${singleLine(conflict.subject)} (${conflict.kind})`, MAX_EMBED_FIELD_NAME_LENGTH),
		value: joinWithin(
			conflict.claims.map((claim) => formatClaimLine(claim, perClaim)),
			MAX_EMBED_FIELD_VALUE_LENGTH,
		),
	};
}

function questionTitle(prefix: string, question: string): string {
	return renderWithin(`${prefix}${singleLine(question)}`, MAX_EMBED_TITLE_LENGTH);
}

export interface AnswerReplyOptions {
	/** Key of the stored question, carried by the buttons. */
	session: string;
	ephemeral: boolean;
}

/** "↪️ Follow-up to “Who was killed in the raid?” · also searched for: killed, raid", above a follow-up's answer. */
function continuedLine({ question, borrowed }: ContinuedFrom): string {
	const also = borrowed.length > 0 ? ` · also searched for: ${escapeMarkdown(borrowed.join(', '))}` : '';
	return `↪️ Follow-up to “${renderWithin(singleLine(question), MAX_EMBED_TITLE_LENGTH)}”${also}`;
}

export function formatAnswer(answer: Answer, status: CorpusStatus, { session, ephemeral }: AnswerReplyOptions): Reply {
	const passages = answerPassages(answer);
	const shown = passages.slice(0, PASSAGES_PER_PAGE);
	const notAnswered = `**Not answered.** ${escapeMarkdown(answer.reason ?? NOT_COVERED)}`;
	const lead = answer.continuedFrom ? [continuedLine(answer.continuedFrom)] : [];
	const reserved = lead.reduce((length, line) => length + line.length + 2, 0);
	const body =
		answer.outcome === 'answered'
			? [formatPassages(shown, reserved)]
			: answer.outcome === 'closest'
				? [CLOSEST_HEADING, formatPassages(shown, reserved)]
				: [notAnswered, ...(shown.length > 0 ? [RELATED_HEADING, formatPassages(shown, reserved)] : [])];
	const description = [...lead, ...body].join('\n\n');
	return {
		ephemeral,
		embeds: [
			{
				title: questionTitle('', answer.question),
				description,
				color: colorOf(answer),
				fields: answer.conflicts.slice(0, MAX_CONFLICTS_SHOWN).map(formatConflict),
				footer: { text: formatCoverage(status, answer.asOf) },
			},
		],
		components: answerButtons(session, 0, passages.length, { firstPage: true }),
	};
}

/** The next page of passages, for the person who asked for them only. */
export function formatMorePassages(answer: Answer, offset: number, session: string): Reply {
	const passages = answerPassages(answer);
	const shown = passages.slice(offset, offset + PASSAGES_PER_PAGE);
	if (shown.length === 0) return { ephemeral: true, content: 'There are no more passages for this question.' };
	const heading = headingOf(answer);
	return {
		ephemeral: true,
		embeds: [
			{
				title: questionTitle('More passages: ', answer.question),
				description: [...heading, formatPassages(shown)].join('\n\n'),
				color: colorOf(answer),
				footer: { text: `Passages ${offset + 1}–${offset + shown.length} of ${passages.length}` },
			},
		],
		components: answerButtons(session, offset, passages.length, { firstPage: false }),
	};
}

function paragraphEmbed(hit: ParagraphHit): APIEmbed {
	const href = safeUrl(hit.citation.url);
	return {
		title: renderWithin(singleLine(hit.citation.title), MAX_EMBED_TITLE_LENGTH),
		...(href ? { url: href } : {}),
		description: renderWithin(hit.text, MAX_EMBED_DESCRIPTION_LENGTH),
		footer: { text: plainCitation(hit.citation) },
	};
}

/** The cited paragraphs in full and verbatim, one embed each. */
export function formatFullParagraphs(hits: readonly ParagraphHit[]): Reply {
	return { ephemeral: true, embeds: hits.slice(0, MAX_EMBEDS).map(paragraphEmbed) };
}

/** One paragraph as message content (which, unlike an embed, can be copied on every device), with its citation. */
export function formatQuote(hit: ParagraphHit): Reply {
	const citation = formatCitation(hit.citation, { inContent: true });
	return { content: `${renderWithin(hit.text, MAX_CONTENT_LENGTH - citation.length - 1, blockQuote)}\n${citation}` };
}

export const FOLLOW_UP_FIELD = 'question';

/** The modal the "Ask a follow-up" button opens. */
export function followUpModal(session: string, earlier: string, maxLength: number): TextModal {
	return {
		customId: encodeCustomId(ModalKinds.FollowUp, session, 'ask'),
		title: 'Ask a follow-up',
		label: `After: ${singleLine(earlier)}`,
		fieldId: FOLLOW_UP_FIELD,
		maxLength,
		placeholder: 'e.g. and the date? what about his mother?',
	};
}

/** Previous / Next, when there is more than one page; they turn the page in place. */
export function pageButtons(kind: ButtonKind, session: string, offset: number, perPage: number, total: number): ButtonRow[] {
	if (total <= perPage) return [];
	return [
		buttonRow(
			{ customId: encodeCustomId(kind, session, Math.max(0, offset - perPage)), label: 'Previous', emoji: '◀️', disabled: offset === 0 },
			{ customId: encodeCustomId(kind, session, offset + perPage), label: 'Next', emoji: '▶️', disabled: offset + perPage >= total },
		),
	];
}

export interface SearchPage {
	query: string;
	hits: readonly ParagraphHit[];
	total: number;
	offset: number;
	session: string;
	ephemeral: boolean;
	asOf?: AsOfCoverage | undefined;
}

export function formatSearchPage({ query, hits, total, offset, session, ephemeral, asOf }: SearchPage): Reply {
	const title = questionTitle('Search: ', query);
	if (total === 0 || hits.length === 0) {
		return {
			ephemeral,
			embeds: [
				{
					title,
					description: 'No paragraph matches these words. Try fewer or other words, or `/ask` a question.',
					color: Colors.NoAnswer,
					...(asOf ? { footer: { text: asOf.summary } } : {}),
				},
			],
		};
	}
	const entries = hits.map((hit, index) => {
		const citation = formatCitation(hit.citation);
		const lead = `**${offset + index + 1}.** `;
		return `${lead}${excerpt(hit.text, hit.highlights, MAX_SEARCH_HIT_LENGTH - lead.length - citation.length - 1)}\n${citation}`;
	});
	const pages = Math.ceil(total / SEARCH_HITS_PER_PAGE);
	const page = Math.floor(offset / SEARCH_HITS_PER_PAGE) + 1;
	const components = pageButtons(ButtonKinds.SearchPage, session, offset, SEARCH_HITS_PER_PAGE, total);
	return {
		ephemeral,
		embeds: [
			{
				title,
				description: joinWithin(entries, MAX_EMBED_DESCRIPTION_LENGTH, { separator: '\n\n' }),
				color: Colors.Answer,
				footer: { text: `Page ${page} of ${pages} · ${total} matching ${total === 1 ? 'paragraph' : 'paragraphs'}${asOf ? ` · ${asOf.summary}` : ''}` },
			},
		],
		components,
	};
}

export function formatSources(documents: readonly DocumentSummary[], status: CorpusStatus): Reply {
	const lines = documents.map((doc) => {
		const publisher = escapeMarkdown(singleLine(doc.publisher));
		const paragraphs = `${doc.paragraphs} ${doc.paragraphs === 1 ? 'paragraph' : 'paragraphs'}`;
		return `**${escapeMarkdown(trimText(singleLine(doc.title), MAX_CITED_TITLE_LENGTH))}**\n${publisher}, ${doc.date ?? 'undated'} · ${paragraphs} · id: ${escapeMarkdown(doc.id)}`;
	});
	return {
		embeds: [
			{
				title: `Sources (${documents.length})`,
				description: lines.length > 0 ? joinWithin(lines, MAX_EMBED_DESCRIPTION_LENGTH, { separator: '\n\n' }) : 'The corpus is empty.',
				color: Colors.Answer,
				footer: { text: `Last refresh ${formatTime(status.lastRefresh.at)}` },
			},
		],
	};
}

function refreshedBy(report: RefreshReport): string {
	return `${time(report.at, 'f')}${report.by ? ` by ${escapeMarkdown(report.by)}` : ' (start-up)'}`;
}

export function formatStatus(status: CorpusStatus, feedback: FeedbackCounts): Reply {
	const { lastRefresh } = status;
	const field = (name: string, value: string): APIEmbedField => ({ name, value, inline: true });
	return {
		ephemeral: true,
		embeds: [
			{
				title: 'Corpus status',
				color: Colors.Moderation,
				fields: [
					field('Documents', String(status.documents)),
					field('Paragraphs', String(status.paragraphs)),
					field('Dates', formatDateRange(status.dateRange)),
					field('Snapshot', `\`${status.snapshotHash.slice(0, 12)}\``),
					field('Last refresh', refreshedBy(lastRefresh)),
					field('Files with problems', String(lastRefresh.problems.length)),
					field('Feedback', `👍 ${feedback.up} · 👎 ${feedback.down}`),
					field('Unanswered questions', `${feedback.unanswered} (see \`npm run report\`)`),
				],
			},
		],
	};
}

function listField(name: string, items: readonly string[]): APIEmbedField[] {
	if (items.length === 0) return [];
	return [{ name: `${name} (${items.length})`, value: joinWithin(items.map(escapeMarkdown), MAX_EMBED_FIELD_VALUE_LENGTH, { separator: ', ' }) }];
}

/** What a reload, upload or removal changed, and which files could not be read (and why). */
export function formatRefreshReport(heading: string, report: RefreshReport, { changed = 'Changed', notes = [] }: { changed?: string; notes?: string[] } = {}): Reply {
	const problems = report.problems.map(({ file, reason }) => `${file}: ${reason}`);
	const fields = [
		...listField('Added', report.added),
		...listField(changed, report.changed),
		...listField('Removed', report.removed),
		...listField('Corrections recorded', report.corrections.map((correction) => `${correction.doc} ¶${correction.paragraph}`)),
		...(problems.length > 0
			? [{ name: `Problems (${problems.length})`, value: joinWithin(problems.map((line) => `• ${escapeMarkdown(line)}`), MAX_EMBED_FIELD_VALUE_LENGTH) }]
			: []),
	];
	return {
		ephemeral: true,
		embeds: [
			{
				title: heading,
				...(notes.length > 0 ? { description: notes.join('\n') } : fields.length === 0 ? { description: 'No document changed.' } : {}),
				fields,
				color: problems.length > 0 ? Colors.NotFound : Colors.Moderation,
				footer: { text: `Took ${Math.round(report.durationMs)} ms${report.by ? ` · by ${report.by}` : ''}` },
			},
		],
	};
}

const articles = (count: number) => `${count} ${count === 1 ? 'article' : 'articles'}`;

/** A refresh report that also says where the upload went and what it replaced: documents it replaced are "Replaced". */
export function formatUploadReport(heading: string, report: UploadReport): Reply {
	const file = (name: string) => `\`${name.replaceAll('`', "'")}\``;
	const notes: string[] = [];
	if (report.nameTaken) {
		notes.push(`The corpus already has a file ${file(report.nameTaken)}, so this one was stored as ${file(report.file)} and nothing existing changed. To replace ${file(report.nameTaken)} instead, upload again with replace:True.`);
	}
	if (report.replacedFiles.length > 0) {
		const removed = report.removed.length > 0 ? `: removed ${articles(report.removed.length)} the upload does not have` : '';
		notes.push(`Replaced ${report.replacedFiles.map(file).join(', ')}${removed}.`);
	}
	return formatRefreshReport(heading, report, { changed: 'Replaced', notes });
}

const verdictHeadings: Record<ClaimCheck['verdict'], { title: string; lead: string; color: number }> = {
	verbatim: { title: '✅ Found verbatim in the story', lead: '**Source:**', color: Colors.Found },
	'near-verbatim': { title: '☑️ Found almost verbatim in the story', lead: "**Source** (the source's exact words):", color: Colors.Found },
	'not-found': {
		title: '❌ Not found in the story',
		lead: 'The corpus does not contain this claim. **Closest passages** (for context, not a match):',
		color: Colors.NotFound,
	},
};

const MAX_CHECKED_TEXT_LENGTH = 600;

export function formatClaimCheck(text: string, check: ClaimCheck): Reply {
	const heading = verdictHeadings[check.verdict];
	const checked = `**Checked text:**\n${renderWithin(text, MAX_CHECKED_TEXT_LENGTH, blockQuote)}`;
	const passages = check.quotes.length > 0 ? [heading.lead, formatPassages(check.quotes.slice(0, PASSAGES_PER_PAGE))] : [];
	return {
		ephemeral: true,
		embeds: [{ title: heading.title, description: [checked, ...passages].join('\n\n'), color: heading.color }],
	};
}

export function formatHelp(): Reply {
	const lines = [
		'Answers come only from the articles in the corpus, quoted verbatim and cited (publisher, date, ¶ paragraph).',
		'',
		'`/ask question:` a question, e.g. *Who was killed in the raid?* Buttons show more passages, the full paragraphs, take 👍 / 👎 feedback, and let you ask a follow-up such as *and the date?*. Add `hide:True` to see the answer alone.',
		'`/search query:` the paragraphs that mention some words, matches in bold, page by page.',
		'`/timeline about:` the story’s events in date order, each a cited sentence; dates the sources give differently side by side.',
		'`as_of:` on `/ask`, `/search` and `/timeline` (YYYY-MM-DD): only articles published by that day.',
		'`/quote source: paragraph:` one paragraph verbatim with its citation, ready to paste.',
		'`/sources` every article with its publisher, date and paragraph count.',
		'**Check against the story**: right-click (or long-press) a message › Apps: is its text in the corpus?',
		'`/corpus reload | add | remove | status | correct | corrections` moderators only: manage the articles and record corrections, which show under every quote of the corrected paragraph.',
		'',
		'When sources disagree (a date, a number, a spelling), the answer shows both, each cited.',
	];
	return { ephemeral: true, embeds: [{ title: 'Story bot: help', description: lines.join('\n'), color: Colors.Answer }] };
}
