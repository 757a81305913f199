import type { Article } from '../corpus/types.js';
import { analyze, type Token } from '../search/analyzer.js';
import { gloVe } from './bridge/embeddings.js';
import { findDurations, findMoney, findOrganizations, findPersons, findPlaces, findQuantities, findReasons, findStatements, findTimes, type Mention } from './entities.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';
import { type SentenceSpan, splitSentences } from './sentences.js';
import type { ExpectedAnswerType } from './types.js';

export type MentionKind = Exclude<ExpectedAnswerType, 'other'>;

const RECOGNIZERS: Record<MentionKind, (text: string) => Mention[]> = {
	time: findTimes,
	duration: findDurations,
	quantity: findQuantities,
	money: findMoney,
	reason: findReasons,
	statement: findStatements,
	place: findPlaces,
	person: findPersons,
	organization: findOrganizations,
};

/** A sentence with what every question asks of it, worked out once while its article is in use. */
export class AnalyzedSentence {
	readonly #mentions = new Map<MentionKind, Mention[]>();
	#vectors: Int32Array | undefined;

	constructor(
		readonly span: SentenceSpan,
		readonly tokens: Token[],
	) {}

	/** The GloVe vector handles of its distinct terms that have one. */
	get vectors(): Int32Array {
		if (!this.#vectors) {
			const embeddings = gloVe();
			this.#vectors = Int32Array.from(new Set(this.tokens.map((token) => embeddings.vectorOf(token.term)))).filter((vector) => vector >= 0);
		}
		return this.#vectors;
	}

	/** Its mentions of one kind (dates, quantities, names…), recognized on first asking. */
	mentions(kind: MentionKind): Mention[] {
		let found = this.#mentions.get(kind);
		if (!found) this.#mentions.set(kind, (found = RECOGNIZERS[kind](this.span.text)));
		return found;
	}
}

const byArticle = new RecentArticles<Array<AnalyzedSentence[] | undefined>>(RECENT_ARTICLES);

/** The sentences of one paragraph (1-based), analyzed; each paragraph only when first asked for. */
export function paragraphSentences(article: Article, paragraph: number): AnalyzedSentence[] {
	const paragraphs = byArticle.get(article, () => []);
	let sentences = paragraphs[paragraph - 1];
	if (!sentences) {
		sentences = splitSentences(article.paragraphs[paragraph - 1]!.text).map((span) => new AnalyzedSentence(span, analyze(span.text)));
		paragraphs[paragraph - 1] = sentences;
	}
	return sentences;
}
