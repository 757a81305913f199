import type { Answer, AsOfCoverage, Citation, ParagraphHit, Quote } from '../answer/types.js';
import type { DocumentSummary } from '../storyEngine.js';
import { nestQuoteMarks } from './quoteMarks.js';

function publisherName(citation: Pick<Citation, 'publisher'>): string {
	return citation.publisher === 'unknown' ? 'Unknown publisher' : citation.publisher;
}

const CAPITALS = /^\p{Lu}{2,}$/u;
const NAME_WORD = /^\p{Lu}\p{Ll}+$/u;
const CONNECTOR = /^(?:\p{Ll}+|&)$/u;

/**
 * How a publisher is named after its first mention: a name in capitals it holds ("BBC News" → "BBC"), else the
 * initials of a name of several plain words ("The Associated Press" → "AP", "Agence France-Presse" → "AFP"), else
 * the name without a leading "The" ("Reuters", "U.S. News").
 */
export function shortPublisher(publisher: string): string {
	const words = publisher.replace(/^The\s+/, '').split(/[\s-]+/).filter(Boolean);
	const capitals = words.find((word) => CAPITALS.test(word));
	if (capitals) return capitals;
	const named = words.filter((word) => NAME_WORD.test(word));
	const plain = words.every((word) => NAME_WORD.test(word) || CONNECTOR.test(word));
	return plain && named.length >= 2 ? named.map((word) => word[0]).join('') : publisher.replace(/^The\s+/, '');
}

/** `— Publisher, date, "Title", ¶N`: what a reporter needs to find the quote again. */
export function formatCitation(citation: Citation, { introducing }: { introducing?: string } = {}): string {
	const publisher = introducing ? `${publisherName(citation)} (${introducing})` : publisherName(citation);
	return `— ${publisher}, ${citation.date ?? 'undated'}, "${citation.title}", ¶${citation.paragraph}`;
}

/**
 * The citations of one answer, asked for in the order they are printed. A document's first mention is in full,
 * title included, and introduces the short form it goes by when it is cited again; later mentions read
 * `— AP, 2025-12-05, ¶12`. Two cited documents whose short forms would read alike keep their titles throughout.
 */
export function citationsInOrder(citations: readonly Citation[]): (citation: Citation) => string {
	const label = (citation: Citation) => `${shortPublisher(publisherName(citation))}, ${citation.date ?? 'undated'}`;
	const documentsByLabel = new Map<string, Set<string>>();
	const mentions = new Map<string, number>();
	for (const citation of citations) {
		documentsByLabel.set(label(citation), (documentsByLabel.get(label(citation)) ?? new Set()).add(citation.doc));
		mentions.set(citation.doc, (mentions.get(citation.doc) ?? 0) + 1);
	}
	const mentioned = new Set<string>();
	return (citation) => {
		const distinct = documentsByLabel.get(label(citation))?.size === 1;
		if (mentioned.has(citation.doc) && distinct) return `— ${label(citation)}, ¶${citation.paragraph}`;
		mentioned.add(citation.doc);
		const short = shortPublisher(publisherName(citation));
		// "BBC News" needs no "(BBC)": the short form is visibly part of the name.
		const introducing = distinct && (mentions.get(citation.doc) ?? 0) > 1 && !publisherName(citation).includes(short) ? short : undefined;
		return formatCitation(citation, { introducing });
	};
}

/** A quote between double quotation marks, its own marks nested inside them. */
export function quoted(text: string): string {
	return `“${nestQuoteMarks(text)}”`;
}

export function formatAnswer(answer: Answer): string {
	const quotes = answer.outcome === 'not-covered' ? [] : answer.quotes.slice(0, 3);
	const related = answer.outcome === 'not-covered' ? answer.related : [];
	const cite = citationsInOrder([...quotes, ...answer.conflicts.flatMap((conflict) => conflict.claims), ...related].map((quote) => quote.citation));
	const formatQuote = (quote: Quote, indent = '') => `${indent}${quoted(quote.text)}\n${indent}  ${cite(quote.citation)}`;
	const lines: string[] = [];
	if (answer.continuedFrom) {
		const { question, borrowed } = answer.continuedFrom;
		lines.push(`Follow-up to “${question}”${borrowed.length > 0 ? ` (also searched for: ${borrowed.join(', ')})` : ''}\n`);
	}
	if (answer.outcome === 'not-covered') {
		lines.push(answer.reason ?? 'The corpus does not cover this.');
	} else {
		if (answer.outcome === 'closest') lines.push('Closest passages (the corpus may not answer this):\n');
		lines.push(quotes.map((quote) => formatQuote(quote)).join('\n\n'));
	}
	for (const conflict of answer.conflicts) {
		lines.push(`\nSources disagree on the ${conflict.kind === 'name' ? `spelling of ${conflict.subject}` : `${conflict.kind} of the ${conflict.subject}`}:`);
		for (const claim of conflict.claims) lines.push(`  • ${claim.value} ${cite(claim.citation)}\n    ${quoted(claim.text)}`);
	}
	if (related.length > 0) {
		lines.push('\nRelated passages (not an answer):');
		for (const quote of related) lines.push(formatQuote(quote, '  '));
	}
	if (answer.asOf) lines.push(`\n${answer.asOf.summary}`);
	return lines.join('\n');
}

/** One line per answer, for `--batch` without `--json`. */
export function formatAnswerLine(answer: Answer): string {
	const top = answer.quotes[0];
	const label = answer.outcome === 'closest' ? '[closest passage] ' : '';
	const body = top ? `${label}${quoted(top.text)} ${formatCitation(top.citation)}` : (answer.reason ?? '');
	const disagreement = answer.conflicts.length > 0 ? ` [sources disagree: ${answer.conflicts.map((conflict) => conflict.claims.map((claim) => claim.value).join(' / ')).join('; ')}]` : '';
	return `${answer.question}\t${body}${disagreement}`;
}

export function formatHit(hit: ParagraphHit, mark: (text: string) => string): string {
	let text = '';
	let at = 0;
	for (const { start, end } of hit.highlights) {
		text += hit.text.slice(at, start) + mark(hit.text.slice(start, end));
		at = end;
	}
	text += hit.text.slice(at);
	return `${text}\n  ${formatCitation(hit.citation)} [${hit.citation.doc}]`;
}

export interface SearchPage {
	hits: readonly ParagraphHit[];
	total: number;
	page: number;
	limit: number;
	/** When searched as of a date: what that left out, said last. */
	asOf?: AsOfCoverage;
}

/** The count of matches, which of them this page shows, then the paragraphs. */
export function formatSearchPage({ hits, total, page, limit, asOf }: SearchPage, mark: (text: string) => string): string {
	if (asOf) return `${formatSearchPage({ hits, total, page, limit }, mark)}\n\n${asOf.summary}`;
	if (total === 0) return 'No paragraph matches.';
	const first = (page - 1) * limit + 1;
	const pages = Math.ceil(total / limit);
	const count = `${total.toLocaleString('en-US')} ${total === 1 ? 'paragraph matches' : 'paragraphs match'}`;
	const shown = pages === 1 ? '.' : `; ${first}–${first + hits.length - 1} shown (page ${page} of ${pages}${page < pages ? `; --page ${page + 1} for more` : ''}).`;
	return [`${count}${shown}`, ...hits.map((hit) => formatHit(hit, mark))].join('\n\n');
}

export function formatSources(documents: readonly DocumentSummary[]): string {
	return documents
		.map((doc) => `${doc.id}\n  ${publisherName(doc)}, ${doc.date ?? 'undated'}, "${doc.title}", ${doc.paragraphs} paragraphs${doc.url ? `\n  ${doc.url}` : ''}`)
		.join('\n');
}

/** One line per document, for telling apart the documents a reference could mean. */
export function formatDocumentChoice(doc: DocumentSummary): string {
	return `${doc.id}  "${doc.title}" (${publisherName(doc)}, ${doc.date ?? 'undated'})`;
}
