import { createHash } from 'node:crypto';
import { parseFrontMatter } from './frontMatter.js';
import { completeMeta, META_LIMITS, tooLong, validateMeta } from './metadata.js';
import { type Block, classifyMarkdownBlocks, classifyPlainBlocks, splitBlocks, unifyLineBreaks } from './paragraphs.js';
import { printable } from '../printable.js';
import type { Article, ArticleMeta, CorpusProblem, Paragraph } from './types.js';

/** Ids appear in citations and in Discord autocomplete values (≤ 100 characters). */
const DOCUMENT_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u;

export type ParseResult = { articles: Article[]; problems: CorpusProblem[] };

export function isValidDocumentId(id: string): boolean {
	return DOCUMENT_ID.test(id);
}

function hashArticle(meta: ArticleMeta, paragraphs: readonly Paragraph[]): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify(meta));
	for (const paragraph of paragraphs) hash.update(`\u0000${paragraph.section ?? ''}\u0000${paragraph.text}`);
	return hash.digest('hex').slice(0, 16);
}

function buildArticle(id: string, file: string, meta: ArticleMeta, blocks: readonly Block[]): Article | CorpusProblem {
	const paragraphs: Paragraph[] = [];
	let section: string | null = null;
	for (const block of blocks) {
		if (block.kind === 'heading' && block.text.length > META_LIMITS.heading) {
			return { file, reason: tooLong('a sub-heading', block.text.length, META_LIMITS.heading) };
		}
		if (block.kind === 'heading') section = block.text;
		else paragraphs.push({ doc: id, number: paragraphs.length + 1, section, text: block.text });
	}
	if (paragraphs.length === 0) return { file, reason: 'the article has no body text' };
	return { id, file, ...meta, paragraphs, contentHash: hashArticle(meta, paragraphs) };
}

function single(result: Article | CorpusProblem): ParseResult {
	return 'paragraphs' in result ? { articles: [result], problems: [] } : { articles: [], problems: [result] };
}

/** Options that fill metadata the file itself does not state (a moderator's upload form). */
export type MetaDefaults = Partial<ArticleMeta>;

function parseWithFrontMatter(
	id: string,
	file: string,
	text: string,
	defaults: MetaDefaults,
	toBlocks: (bodyBlocks: string[], statesTitle: boolean) => { title: string | null; blocks: Block[] },
): ParseResult {
	if (!isValidDocumentId(id)) {
		return single({ file, reason: `"${printable(id)}" cannot be a document id: use letters, digits, ".", "_" or "-" (at most 100)` });
	}
	const frontMatter = parseFrontMatter(text);
	if ('problem' in frontMatter) return single({ file, reason: frontMatter.problem });
	const validated = validateMeta({ ...withoutNulls(defaults), ...frontMatter.data });
	if ('problem' in validated) return single({ file, reason: validated.problem });
	const { title, blocks } = toBlocks(splitBlocks(frontMatter.body), validated.meta.title != null);
	if (validated.meta.title == null && title !== null && title.length > META_LIMITS.title) {
		return single({ file, reason: `${tooLong('the title read from the first line', title.length, META_LIMITS.title)}; state a title in front matter` });
	}
	return single(buildArticle(id, file, completeMeta(validated.meta, title ?? id), blocks));
}

/** Only the fields that hold a value, so they can be spread over defaults without erasing them. */
export function withoutNulls(defaults: MetaDefaults): MetaDefaults {
	return Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}

/** Markdown with YAML front matter. A leading `# Heading` is the title when the front matter has none. */
export function parseMarkdownArticle(id: string, file: string, text: string, defaults: MetaDefaults = {}): ParseResult {
	return parseWithFrontMatter(id, file, text, defaults, (bodyBlocks) => {
		const blocks = classifyMarkdownBlocks(bodyBlocks);
		const first = blocks[0];
		const leadingTitle = first?.kind === 'heading' && /^#\s/.test(bodyBlocks[0] ?? '') ? first.text : null;
		return { title: leadingTitle, blocks: leadingTitle === null ? blocks : blocks.slice(1) };
	});
}

/** Plain text. Without a stated title (front matter or upload form), the first line is the title. */
export function parsePlainTextArticle(id: string, file: string, text: string, defaults: MetaDefaults = {}): ParseResult {
	return parseWithFrontMatter(id, file, text, defaults, (bodyBlocks, statesTitle) => {
		if (statesTitle) return { title: null, blocks: classifyPlainBlocks(bodyBlocks) };
		const [firstLine = '', ...restOfFirstBlock] = (bodyBlocks[0] ?? '').split('\n');
		const rest = [restOfFirstBlock.join(' ').trim(), ...bodyBlocks.slice(1)].filter((block) => block !== '');
		return { title: firstLine.trim() || null, blocks: classifyPlainBlocks(rest) };
	});
}

interface JsonlRecord {
	id?: unknown;
	title?: unknown;
	date?: unknown;
	source?: unknown;
	publisher?: unknown;
	url?: unknown;
	text?: unknown;
}

/**
 * One JSON Lines record, `id`, `title`, `date`, `source`, `text` (paragraphs separated by a blank line), as an article,
 * or the problem with it, reported with its 1-based line number; null for a blank line.
 */
export function parseJsonlLine(file: string, line: string, number: number, defaults: MetaDefaults = {}): Article | CorpusProblem | null {
	const trimmed = line.trim();
	if (trimmed === '') return null;
	const where = `${file}:${number}`;
	let record: JsonlRecord;
	try {
		record = JSON.parse(trimmed) as JsonlRecord;
	} catch {
		return { file: where, reason: 'the line is not valid JSON' };
	}
	if (typeof record !== 'object' || record === null || Array.isArray(record)) return { file: where, reason: 'the line is not a JSON object' };
	if (typeof record.id !== 'string' || !isValidDocumentId(record.id)) {
		return { file: where, reason: 'the record has no usable "id" (letters, digits, ".", "_" or "-")' };
	}
	if (typeof record.text !== 'string' || record.text.trim() === '') return { file: where, reason: `record "${record.id}" has no "text"` };
	const validated = validateMeta({
		...withoutNulls(defaults),
		title: record.title,
		publisher: record.publisher ?? record.source,
		date: record.date,
		url: record.url,
	});
	if ('problem' in validated) return { file: where, reason: `record "${record.id}": ${validated.problem}` };
	const blocks = unifyLineBreaks(record.text).split(/\n[ \t]*\n/).map((block): Block => ({ kind: 'paragraph', text: block.trim() }));
	const article = buildArticle(record.id, file, completeMeta(validated.meta, record.id), blocks.filter((block) => block.text !== ''));
	return 'paragraphs' in article ? article : { file: where, reason: article.reason };
}

/** Adds a parsed line to a file's result. */
export function collectParsed(result: ParseResult, parsed: Article | CorpusProblem | null): void {
	if (parsed === null) return;
	if ('paragraphs' in parsed) result.articles.push(parsed);
	else result.problems.push(parsed);
}

/** JSON Lines, one article a line. A bad line is reported with its line number; the other lines still load. */
export function parseJsonlArticles(file: string, text: string, defaults: MetaDefaults = {}): ParseResult {
	const result: ParseResult = { articles: [], problems: [] };
	text.split('\n').forEach((line, index) => collectParsed(result, parseJsonlLine(file, line, index + 1, defaults)));
	return result;
}
