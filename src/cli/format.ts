import type { Answer, Citation, ParagraphHit, Quote } from '../answer/types.js';
import type { DocumentSummary } from '../storyEngine.js';

/** `— Publisher, date, "Title", ¶N`: what a reporter needs to find the quote again. */
export function formatCitation(citation: Citation): string {
	const publisher = citation.publisher === 'unknown' ? 'Unknown publisher' : citation.publisher;
	return `— ${publisher}, ${citation.date ?? 'undated'}, "${citation.title}", ¶${citation.paragraph}`;
}

function formatQuote(quote: Quote): string {
	return `“${quote.text}”\n  ${formatCitation(quote.citation)}`;
}

export function formatAnswer(answer: Answer): string {
	const lines: string[] = [];
	if (answer.outcome === 'not-covered') {
		lines.push(answer.reason ?? 'The corpus does not cover this.');
	} else {
		if (answer.outcome === 'closest') lines.push('Closest passages (the corpus may not answer this):\n');
		lines.push(answer.quotes.slice(0, 3).map(formatQuote).join('\n\n'));
	}
	for (const conflict of answer.conflicts) {
		lines.push(`\nSources disagree on the ${conflict.kind === 'name' ? `spelling of ${conflict.subject}` : `${conflict.kind} of the ${conflict.subject}`}:`);
		for (const claim of conflict.claims) lines.push(`  • ${claim.value} ${formatCitation(claim.citation)}\n    “${claim.text}”`);
	}
	if (answer.outcome === 'not-covered' && answer.related.length > 0) {
		lines.push('\nRelated passages (not an answer):');
		for (const quote of answer.related) lines.push(`  “${quote.text}”\n    ${formatCitation(quote.citation)}`);
	}
	if (answer.asOf) lines.push(`\n${answer.asOf.summary}`);
	return lines.join('\n');
}

/** One line per answer, for `--batch` without `--json`. */
export function formatAnswerLine(answer: Answer): string {
	const top = answer.quotes[0];
	const label = answer.outcome === 'closest' ? '[closest passage] ' : '';
	const body = top ? `${label}“${top.text}” ${formatCitation(top.citation)}` : (answer.reason ?? '');
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

export function formatSources(documents: readonly DocumentSummary[]): string {
	return documents
		.map((doc) => `${doc.id}\n  ${doc.publisher === 'unknown' ? 'Unknown publisher' : doc.publisher}, ${doc.date ?? 'undated'}, "${doc.title}", ${doc.paragraphs} paragraphs${doc.url ? `\n  ${doc.url}` : ''}`)
		.join('\n');
}
