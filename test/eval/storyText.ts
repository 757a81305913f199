/**
 * A deliberately small, independent reading of the story's Markdown files, used only to check the question set
 * (every expected string must be quotable). It does not go through the engine, so a loader bug cannot hide a bad question.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface StoryParagraph {
	doc: string;
	/** 1-based over body paragraphs; `## ` headings are not paragraphs. */
	number: number;
	text: string;
}

export interface ExpectOccurrence {
	doc: string;
	paragraph: number;
	/** The sentence (Intl.Segmenter) that holds the string, or null when it spans a sentence boundary. */
	sentence: string | null;
}

/** Reads the `.md` files of a corpus directory into body paragraphs. */
export async function readStoryParagraphs(corpusDir: string): Promise<StoryParagraph[]> {
	const files = (await readdir(corpusDir)).filter((name) => name.endsWith('.md')).sort();
	const paragraphs: StoryParagraph[] = [];
	for (const file of files) {
		const doc = path.basename(file, '.md');
		const body = stripFrontMatter(await readFile(path.join(corpusDir, file), 'utf8'));
		const blocks = body
			.split(/\r?\n[ \t]*\r?\n/)
			.map((block) => block.trim())
			.filter((block) => block !== '' && !block.startsWith('## '));
		blocks.forEach((text, index) => paragraphs.push({ doc, number: index + 1, text }));
	}
	return paragraphs;
}

function stripFrontMatter(text: string): string {
	const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
	return match ? text.slice(match[0].length) : text;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Every place an expected string occurs verbatim (exact characters), with the sentence that holds it. */
export function findExpected(paragraphs: readonly StoryParagraph[], expected: string): ExpectOccurrence[] {
	const occurrences: ExpectOccurrence[] = [];
	for (const paragraph of paragraphs) {
		let from = 0;
		for (;;) {
			const at = paragraph.text.indexOf(expected, from);
			if (at === -1) break;
			occurrences.push({ doc: paragraph.doc, paragraph: paragraph.number, sentence: sentenceAround(paragraph.text, at, at + expected.length) });
			from = at + 1;
		}
	}
	return occurrences;
}

function sentenceAround(text: string, start: number, end: number): string | null {
	for (const { segment, index } of sentenceSegmenter.segment(text)) {
		if (index <= start && end <= index + segment.length) return segment.trim();
	}
	return null;
}
