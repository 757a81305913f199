import { parseIsoDate } from '../corpus/metadata.js';
import { ErrorCodes, UserFacingError } from '../errors.js';
import type { Library } from './library.js';
import type { AsOfCoverage } from './types.js';

/** The as-of date as typed, checked: a real calendar day as YYYY-MM-DD. */
export function parseAsOfDate(text: string): string {
	const date = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? parseIsoDate(text) : null;
	if (date === null) throw new UserFacingError(ErrorCodes.InvalidArgument, `"${text.trim()}" is not a date; give the as-of date as YYYY-MM-DD, e.g. 2025-12-01.`);
	return date;
}

interface LibraryAsOf {
	library: Library;
	coverage: AsOfCoverage;
}

/** The library to answer from: as of the date typed (checked), or the whole of it when none is given. */
export function viewAsOf(library: Library, date: string | undefined): { library: Library; coverage: AsOfCoverage | null } {
	return date === undefined ? { library, coverage: null } : libraryAsOf(library, parseAsOfDate(date));
}

/** Views kept per corpus state: a newsroom asks about a few dates at a time, and a view's document set is what the index caches its paragraphs under. */
const MAX_VIEWS = 16;
const views = new WeakMap<Library, Map<string, LibraryAsOf>>();

/**
 * The library as it stood on `date`: only articles published on or before it. An undated article is left out too,
 * since nothing shows it was already published; the coverage says how many were left out for each reason.
 */
function libraryAsOf(library: Library, date: string): LibraryAsOf {
	let byDate = views.get(library);
	if (!byDate) views.set(library, (byDate = new Map()));
	let view = byDate.get(date);
	if (!view) {
		view = scope(library, date);
		if (byDate.size >= MAX_VIEWS) byDate.delete(byDate.keys().next().value!);
		byDate.set(date, view);
	}
	return view;
}

function scope(library: Library, date: string): LibraryAsOf {
	const articles = new Map([...library.articles].filter(([, article]) => article.date !== null && article.date <= date));
	const undated = [...library.articles.values()].filter((article) => article.date === null).length;
	const within = new Set(articles.keys());
	return {
		library: { ...library, articles, within, corroborated: new Set([...library.corroborated].filter((id) => within.has(id))) },
		coverage: coverageOf(date, articles.size, library.articles.size - articles.size - undated, undated),
	};
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function coverageOf(date: string, documents: number, later: number, undated: number): AsOfCoverage {
	const leftOut = [
		...(later > 0 ? [`${later} published after that date`] : []),
		...(undated > 0 ? [`${plural(undated, 'undated article')} (${undated === 1 ? 'its' : 'their'} publication date is unknown)`] : []),
	];
	const summary = `As of ${date}: ${plural(documents, 'article')} used${leftOut.length > 0 ? `; left out ${leftOut.join(' and ')}` : ''}.`;
	return { date, documents, later, undated, summary };
}
