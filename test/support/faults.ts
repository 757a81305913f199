/**
 * Fault injection at the engine's edges, for tests that `vi.mock` these modules with the wrappers below: each hook
 * runs before the real call and may throw (the fault) or wait (to hold a refresh partway). Null hooks pass through.
 */
type FsOperation = 'readFile' | 'rename' | 'open' | 'rm';

export const faults: {
	/** Before `readFile`, `rename`, `open` and `rm` of `node:fs/promises`, with the path and (for `open`) the flags. */
	fs: ((operation: FsOperation, file: string, flags?: unknown) => void | Promise<void>) | null;
	/** Before a Markdown file is parsed, with its name. */
	parse: ((file: string) => void) | null;
	/** Before text is analyzed into terms (questions and indexing alike). */
	analyze: ((text: string) => void) | null;
} = { fs: null, parse: null, analyze: null };

export function clearFaults(): void {
	faults.fs = faults.parse = faults.analyze = null;
}

type FsPromises = typeof import('node:fs/promises');

export function faultyFsPromises(original: FsPromises): FsPromises {
	const wrap = <K extends FsOperation>(operation: K) =>
		(async (...args: Parameters<FsPromises[K]>) => {
			await faults.fs?.(operation, String(args[0]), args[1]);
			return (original[operation] as (...inner: unknown[]) => unknown)(...args);
		}) as FsPromises[K];
	const wrapped = { ...original, readFile: wrap('readFile'), rename: wrap('rename'), open: wrap('open'), rm: wrap('rm') };
	return { ...wrapped, default: wrapped } as FsPromises;
}

type ParseArticle = typeof import('../../src/corpus/parseArticle.js');

export function faultyParser(original: ParseArticle): ParseArticle {
	return {
		...original,
		parseMarkdownArticle: (...args) => {
			faults.parse?.(args[1]);
			return original.parseMarkdownArticle(...args);
		},
	};
}

type Analyzer = typeof import('../../src/search/analyzer.js');

export function faultyAnalyzer(original: Analyzer): Analyzer {
	return {
		...original,
		analyzeTerms: (text) => {
			faults.analyze?.(text);
			return original.analyzeTerms(text);
		},
	};
}

/** Whether an fs operation reads a file's contents: article files are opened for reading (numeric flags, no write). */
export function readsFile(operation: FsOperation, flags: unknown): boolean {
	return operation === 'readFile' || (operation === 'open' && !/[wa+]/.test(String(flags ?? 'r')));
}
