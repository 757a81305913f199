import { parse as parseYaml } from 'yaml';

export type FrontMatterResult = { data: Record<string, unknown>; body: string } | { problem: string };

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---\nyaml\n---\nbody`. Text with no front matter is all body. */
export function parseFrontMatter(text: string): FrontMatterResult {
	if (!OPENING.test(text)) return { data: {}, body: text };
	const rest = text.replace(OPENING, '');
	const closing = CLOSING.exec(rest);
	if (!closing) return { problem: 'front matter starts with "---" but has no closing "---" line' };
	let data: unknown;
	try {
		// 'error', not the default 'warn': a warning (an unknown tag such as `!!js/function`) would go to
		// process.emitWarning, printing the file's text on the bot's stderr once per load.
		data = parseYaml(rest.slice(0, closing.index), { logLevel: 'error' }) ?? {};
	} catch (error) {
		const reason = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(/:\s*$/, '');
		return { problem: `front matter is not valid YAML (${reason})` };
	}
	if (typeof data !== 'object' || Array.isArray(data)) return { problem: 'front matter must be a set of "key: value" lines' };
	return { data: data as Record<string, unknown>, body: rest.slice(closing.index + closing[0].length) };
}
