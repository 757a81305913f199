import type { Article } from './types.js';

/** The earliest and latest dates the corpus states; null at both ends when no article is dated. */
export interface DateRange {
	readonly from: string | null;
	readonly to: string | null;
}

/**
 * The footer under every answer shows the corpus's date range, and with an archive loaded, reading every article's
 * date cost as much as the answer itself. A corpus state's article map is never changed, only replaced by the
 * next one, so the range is worked out once per map and goes with it.
 */
const ranges = new WeakMap<ReadonlyMap<string, Article>, DateRange>();

export function dateRangeOf(articles: ReadonlyMap<string, Article>): DateRange {
	let range = ranges.get(articles);
	if (!range) {
		let from: string | null = null;
		let to: string | null = null;
		for (const { date } of articles.values()) {
			if (date === null) continue;
			if (from === null || date < from) from = date;
			if (to === null || date > to) to = date;
		}
		ranges.set(articles, (range = Object.freeze({ from, to })));
	}
	return range;
}
