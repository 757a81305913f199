import type { Article, Paragraph } from '../corpus/types.js';
import type { SearchIndex } from '../search/searchIndex.js';
import { type AliasIndex, indexAliases } from './bridge/bridge.js';
import { learnAcronyms } from './bridge/corpusAliases.js';
import { findCorroborated } from './corroboration.js';
import type { Citation } from './types.js';

/** What the answer layer reads: the articles, their index, and what is derived from both, always swapped together. */
export interface Library {
	readonly articles: ReadonlyMap<string, Article>;
	readonly index: SearchIndex;
	/** Documents another publisher also reports (see `findCorroborated`): the story, as against an archive around it. */
	readonly corroborated: ReadonlySet<string>;
	/** General news aliases and the acronyms the articles define ("Islamic State (IS)"), indexed by term. */
	readonly aliases: AliasIndex;
	/**
	 * When only some of the indexed documents may be drawn on (an "as of" view, see `libraryAsOf`): their ids, the
	 * same as `articles`' keys. Absent: every indexed document.
	 */
	readonly within?: ReadonlySet<string>;
}

export function openLibrary(articles: ReadonlyMap<string, Article>, index: SearchIndex): Library {
	return { articles, index, corroborated: findCorroborated(articles, index), aliases: indexAliases(learnAcronyms(articles.values())) };
}

/** The story's documents when corroboration sets them apart from an archive around them; null when it does not. */
export function storyDocumentsOf({ corroborated, articles }: Library): ReadonlySet<string> | null {
	return corroborated.size > 0 && corroborated.size < articles.size ? corroborated : null;
}

export interface LocatedParagraph {
	article: Article;
	paragraph: Paragraph;
}

export function locateParagraph(library: Library, id: string): LocatedParagraph | undefined {
	const separator = id.lastIndexOf('#');
	const article = library.articles.get(id.slice(0, separator));
	const paragraph = article?.paragraphs[Number(id.slice(separator + 1)) - 1];
	return article && paragraph ? { article, paragraph } : undefined;
}

export function citationFor({ article, paragraph }: LocatedParagraph): Citation {
	return {
		doc: article.id,
		paragraph: paragraph.number,
		title: article.title,
		publisher: article.publisher,
		date: article.date,
		url: article.url,
		section: paragraph.section,
	};
}

