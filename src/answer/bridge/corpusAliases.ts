import type { Article } from '../../corpus/types.js';
import { analyzeTerms, termOf } from '../../search/analyzer.js';

// "the Syrian Democratic Forces (SDF)", "Securities and Exchange Commission (SEC)": a capitalised name, then its
// acronym in brackets, the way copy introduces one.
const DEFINITION = /((?:\p{Lu}[\p{L}'’-]*\s+(?:(?:of|for|and|the|on)\s+)?)+)\(((?:\p{Lu}\.?){2,6})\)/gu;

/** Acronyms the corpus defines, each with the terms of the name it stands for. */
export function learnAcronyms(articles: Iterable<Article>): Map<string, string[]> {
	const acronyms = new Map<string, string[]>();
	for (const article of articles) {
		for (const paragraph of article.paragraphs) {
			if (!paragraph.text.includes('(')) continue;
			for (const match of paragraph.text.matchAll(DEFINITION)) {
				const acronym = termOf(match[2]!);
				const words = analyzeTerms(match[1]!);
				// The name is the acronym's last letters' worth of words ("the group Syrian Free Army (SFA)").
				const letters = match[2]!.replaceAll('.', '').length;
				const name = words.slice(-letters);
				if (acronym && name.length >= 2 && !acronyms.has(acronym)) acronyms.set(acronym, name);
			}
		}
	}
	return acronyms;
}
