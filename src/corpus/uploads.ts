import { stringify as toYaml } from 'yaml';
import { ErrorCodes, UserFacingError } from '../errors.js';
import { printable } from '../printable.js';
import { formatOf, parseCorpusFile, SUPPORTED_EXTENSIONS } from './loadCorpus.js';
import { type MetaDefaults, withoutNulls } from './parseArticle.js';
import type { Article } from './types.js';

/** A file as a moderator uploads it, with metadata from the upload form for what the file does not state. */
export interface Upload {
	fileName: string;
	content: Uint8Array;
	meta: MetaDefaults;
	replace: boolean;
}

export interface PreparedUpload {
	/** The file to write in the corpus directory. */
	fileName: string;
	content: string;
	articles: Article[];
	/** Files that held the documents being replaced, to delete when they are not the file written. */
	replacedFiles: string[];
}

/** Markdown with front matter: the canonical form, so metadata from the upload form is kept on disk. */
export function toMarkdown(article: Article): string {
	const meta = Object.fromEntries(
		Object.entries({ title: article.title, publisher: article.publisher, date: article.date, url: article.url }).filter(([, value]) => value !== null),
	);
	const blocks: string[] = [];
	let section: string | null = null;
	for (const paragraph of article.paragraphs) {
		if (paragraph.section !== section && paragraph.section !== null) blocks.push(`## ${paragraph.section}`);
		section = paragraph.section;
		blocks.push(paragraph.text);
	}
	return `---\n${toYaml(meta).trimEnd()}\n---\n\n${blocks.join('\n\n')}\n`;
}

function toJsonLine(article: Article): string {
	const { id, title, date, publisher, url } = article;
	return JSON.stringify({ id, title, date, source: publisher, url, text: article.paragraphs.map((paragraph) => paragraph.text).join('\n\n') });
}

/** What an article itself stated; "unknown" is the absence of a publisher, not a value to carry over. */
function statedMeta(article: Article): MetaDefaults {
	const { title, publisher, date, url } = article;
	return withoutNulls({ title, date, url, ...(publisher === 'unknown' ? {} : { publisher }) });
}

/**
 * Validates an upload against the corpus as it is. Anything wrong is a UserFacingError that says what and where;
 * an existing document is never overwritten unless the upload says `replace`.
 */
export async function prepareUpload(upload: Upload, existing: ReadonlyMap<string, Article>): Promise<PreparedUpload> {
	const baseName = upload.fileName.split(/[\\/]/).pop() ?? '';
	const kind = formatOf(baseName);
	if (!kind || kind.format === 'jsonl.gz') {
		throw new UserFacingError(ErrorCodes.InvalidDocument, `"${printable(baseName)}" is not a supported file; upload ${SUPPORTED_EXTENSIONS.filter((suffix) => suffix !== '.jsonl.gz').join(', ')}.`);
	}
	const stem = kind.stem.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 100);
	const fileName = kind.format === 'jsonl' ? `${stem}.jsonl` : `${stem}.md`;
	// Replacing a document keeps what it stated before, unless the new file or the form says otherwise.
	const previous = upload.replace && kind.format !== 'jsonl' ? existing.get(stem) : undefined;
	const defaults = previous ? { ...statedMeta(previous), ...withoutNulls(upload.meta) } : upload.meta;
	const { articles, problems } = await parseCorpusFile(kind.format === 'jsonl' ? fileName : `${stem}${baseName.slice(kind.stem.length)}`, upload.content, defaults);
	if (problems.length > 0) {
		throw new UserFacingError(ErrorCodes.InvalidDocument, `The file was not added: ${problems.map((problem) => `${problem.file}: ${problem.reason}`).join('; ')}.`);
	}
	const clashes = articles.filter((article) => existing.has(article.id));
	if (clashes.length > 0 && !upload.replace) {
		throw new UserFacingError(ErrorCodes.DocumentExists, `The corpus already has ${clashes.map((article) => `"${article.id}"`).join(', ')}; upload again with replace to update it.`);
	}
	const replacedFiles = [...new Set(clashes.map((article) => existing.get(article.id)!.file))].filter((file) => file !== fileName);
	const content = kind.format === 'jsonl' ? `${articles.map(toJsonLine).join('\n')}\n` : toMarkdown(articles[0]!);
	return { fileName, content, articles: articles.map((article) => ({ ...article, file: fileName })), replacedFiles };
}
