/**
 * Names that news copy uses interchangeably for the same body, where no word of one name gives away the other, so
 * neither WordNet nor the corpus's own "Full Name (ACRONYM)" definitions can link them. General to news, never
 * written for one story: a story's own aliases are learned from its articles (see `corpusAliases.ts`).
 */
export const NEWS_ALIASES: readonly (readonly string[])[] = [
	['Islamic State', 'ISIS', 'ISIL', 'Daesh', 'IS'],
	['Pentagon', 'Defense Department', 'Department of Defense'],
	['United Nations', 'UN'],
	['United States', 'US', 'America'],
	['United Kingdom', 'UK', 'Britain'],
	['European Union', 'EU'],
	['NATO', 'North Atlantic Treaty Organization'],
	['IMF', 'International Monetary Fund'],
	['CIA', 'Central Intelligence Agency'],
	['FBI', 'Federal Bureau of Investigation'],
	['Federal Reserve', 'Fed'],
	['chief executive', 'CEO', 'boss'],
	['prime minister', 'PM', 'premier'],
];

/**
 * Wire copy's abbreviations of units and amounts (Reuters style: "54 pct", "90.25 dlrs", "384 mln"), which a reporter
 * types in full ("what percent…"). General to news copy, like the names above.
 */
export const WIRE_ABBREVIATIONS: readonly (readonly string[])[] = [
	['percent', 'pct'],
	['million', 'mln'],
	['billion', 'bln'],
	['dollars', 'dlrs', 'dlr'],
	['cents', 'cts'],
];
