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
	/** The upload's own name, when a file already had it and `replace` was off: the upload is stored as `fileName` instead. */
	nameTaken: string | null;
	/** Existing files the upload replaces (`replace` only): the file of its name, overwritten, and the files of the documents it replaces, removed. */
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

const MAX_NAMED_CLASHES = 10;

function describeClashes(clashes: readonly Article[], existing: ReadonlyMap<string, Article>): string {
	const named = clashes.slice(0, MAX_NAMED_CLASHES).map((article) => `"${article.id}" (in ${existing.get(article.id)!.file})`);
	const more = clashes.length > MAX_NAMED_CLASHES ? ` and ${clashes.length - MAX_NAMED_CLASHES} more` : '';
	return `${named.join(', ')}${more}`;
}

/** `wire-2.jsonl`, `wire-3.jsonl`…: the first name no file has. */
function freshJsonlName(stem: string, isTaken: (name: string) => boolean): string {
	for (let number = 2; ; number++) {
		const name = `${stem}-${number}.jsonl`;
		if (!isTaken(name)) return name;
	}
}

/**
 * Validates an upload against the corpus as it is: its documents and the files in the directory (`filesOnDisk`,
 * broken ones included). Anything wrong is a UserFacingError that says what and where.
 *
 * Without `replace`, nothing that exists is overwritten or removed: a document id the corpus has is refused, and so
 * is a Markdown or text file whose name is taken; a JSON Lines file whose name is taken (a second export named like
 * the first) is stored under a fresh name instead, `wire-2.jsonl`. With `replace`, `replacedFiles` says what goes.
 * Names are compared without case, since on some file systems `Wire.jsonl` is `wire.jsonl`.
 */
export async function prepareUpload(upload: Upload, existing: ReadonlyMap<string, Article>, filesOnDisk: Iterable<string>): Promise<PreparedUpload> {
	const baseName = upload.fileName.split(/[\\/]/).pop() ?? '';
	const kind = formatOf(baseName);
	if (!kind || kind.format === 'jsonl.gz') {
		throw new UserFacingError(ErrorCodes.InvalidDocument, `"${printable(baseName)}" is not a supported file; upload ${SUPPORTED_EXTENSIONS.filter((suffix) => suffix !== '.jsonl.gz').join(', ')}.`);
	}
	const stem = kind.stem.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 100);
	const onDisk = new Map([...filesOnDisk].map((name) => [name.toLowerCase(), name]));
	const isTaken = (name: string) => onDisk.has(name.toLowerCase());
	const ownName = kind.format === 'jsonl' ? `${stem}.jsonl` : `${stem}.md`;
	// Replacing a document keeps what it stated before, unless the new file or the form says otherwise.
	const previous = upload.replace && kind.format !== 'jsonl' ? existing.get(stem) : undefined;
	const defaults = previous ? { ...statedMeta(previous), ...withoutNulls(upload.meta) } : upload.meta;
	const { articles, problems } = await parseCorpusFile(kind.format === 'jsonl' ? ownName : `${stem}${baseName.slice(kind.stem.length)}`, upload.content, defaults);
	if (problems.length > 0) {
		throw new UserFacingError(ErrorCodes.InvalidDocument, `The file was not added: ${problems.map((problem) => `${problem.file}: ${problem.reason}`).join('; ')}.`);
	}
	const clashes = articles.filter((article) => existing.has(article.id));
	const replaceHint = 'Nothing was changed; upload again with replace:True to replace';
	if (clashes.length > 0 && !upload.replace) {
		throw new UserFacingError(ErrorCodes.DocumentExists, `The corpus already has ${describeClashes(clashes, existing)}. ${replaceHint} ${clashes.length === 1 ? 'it' : 'them'}.`);
	}
	let fileName = ownName;
	let nameTaken: string | null = null;
	if (isTaken(ownName) && !upload.replace) {
		if (kind.format !== 'jsonl') throw new UserFacingError(ErrorCodes.DocumentExists, `A file named "${onDisk.get(ownName.toLowerCase())}" is already in the corpus. ${replaceHint} it.`);
		fileName = freshJsonlName(stem, isTaken);
		nameTaken = ownName;
	}
	const existingName = onDisk.get(fileName.toLowerCase());
	if (existingName !== undefined && existingName !== fileName) {
		// Writing one and removing the other would, where case does not count, remove what was just written.
		throw new UserFacingError(ErrorCodes.DocumentExists, `The corpus has a file "${existingName}", named like "${fileName}" but for case. Nothing was changed; upload it under the same name to replace it.`);
	}
	const overwritten = existingName === undefined ? [] : [fileName];
	const replacedFiles = [...new Set([...overwritten, ...clashes.map((article) => existing.get(article.id)!.file)])];
	const content = kind.format === 'jsonl' ? `${articles.map(toJsonLine).join('\n')}\n` : toMarkdown(articles[0]!);
	return { fileName, content, articles: articles.map((article) => ({ ...article, file: fileName })), nameTaken, replacedFiles };
}
