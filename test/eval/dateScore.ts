/** Scoring for `npm run eval:dates`: which found dates match the stated ones, and whether each falls where stated. */
import type { DateContext } from '../../src/answer/eventDates.js';
import type { DateExtractor, ExtractedDate } from './dateExtractors.js';

export type Category = 'absolute' | 'relative' | 'event-relative';
export type Split = 'tuning' | 'heldout';

export interface StatedDate {
	text: string;
	category: Category;
	/** Where it falls: one value, any of several, a day range "A..B", or null when the sentence and article cannot place it. */
	at: string | string[] | null;
}

export interface DateCase {
	id: string;
	split: Split;
	/** A bundled corpus file (`corpus/…`) or an archive record id. */
	article: string;
	articleDate: string | null;
	sentence: string;
	dates: StatedDate[];
}

/** Each stated date's category, with relative dates told apart by whether their article has a date to resolve them against. */
function groupOf(date: StatedDate, dated: boolean): string {
	return date.category === 'relative' ? `relative, ${dated ? 'dated' : 'undated'} article` : date.category;
}

export function isRight(expected: StatedDate['at'], found: string | null): boolean {
	if (expected === null || found === null) return expected === found;
	return (Array.isArray(expected) ? expected : [expected]).some((value) => {
		const [from, to] = value.split('..');
		return to === undefined ? value === found : found.length === 10 && from! <= found && found <= to;
	});
}

export interface Tally {
	stated: number;
	found: number;
	right: number;
}

export interface Score {
	groups: Map<string, Tally>;
	extracted: number;
	matched: number;
	misses: string[];
}

export function score(cases: readonly DateCase[], extract: DateExtractor, contexts: ReadonlyMap<string, DateContext>): Score {
	const result: Score = { groups: new Map(), extracted: 0, matched: 0, misses: [] };
	for (const c of cases) {
		const context = contexts.get(c.article)!;
		if (context.published !== c.articleDate) throw new Error(`eval:dates: ${c.id} says its article is dated ${c.articleDate}, the article says ${context.published}`);
		const found: Array<ExtractedDate | null> = extract(c.sentence, context);
		result.extracted += found.length;
		let from = 0;
		for (const date of c.dates) {
			const start = c.sentence.indexOf(date.text, from);
			from = start + 1;
			const end = start + date.text.length;
			const index = found.findIndex((f) => f !== null && f.start < end && start < f.end);
			const match = index < 0 ? null : found[index]!;
			if (index >= 0) found[index] = null;
			const group = groupOf(date, c.articleDate !== null);
			const tally = result.groups.get(group) ?? { stated: 0, found: 0, right: 0 };
			tally.stated++;
			if (match) {
				tally.found++;
				result.matched++;
				if (isRight(date.at, match.at)) tally.right++;
				else result.misses.push(`${c.id} "${date.text}": expected ${JSON.stringify(date.at)}, got ${match.at} from "${match.text}"`);
			} else result.misses.push(`${c.id} "${date.text}": not found`);
			result.groups.set(group, tally);
		}
		for (const extra of found) if (extra) result.misses.push(`${c.id} "${extra.text}": found, but states no date`);
	}
	return result;
}

