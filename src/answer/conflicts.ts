import type { Article } from '../corpus/types.js';
import { normalizeText } from '../corpus/normalize.js';
import { analyzeTerms, termOf } from '../search/analyzer.js';
import { editDistance } from './editDistance.js';
import { type DateMention, findDates, findNames, findQuantities, type Mention, subjectOf } from './entities.js';
import { citationFor, type Library, type LocatedParagraph } from './library.js';
import { bodyHas } from './articleTerms.js';
import { RECENT_ARTICLES, RecentArticles } from './recentArticles.js';
import { sameEvent } from './sameEvent.js';
import { type SentenceSpan, splitSentences } from './sentences.js';
import type { Claim, Conflict, ConflictKind, Quote } from './types.js';

/** Documents at most this many are compared: the ones the question retrieved. */
const DOCUMENTS_COMPARED = 5;

interface SentenceInDocument {
	located: LocatedParagraph;
	span: SentenceSpan;
}

const sentenceCache = new RecentArticles<SentenceInDocument[]>(RECENT_ARTICLES);

function sentencesOf(article: Article): SentenceInDocument[] {
	return sentenceCache.get(article, () => article.paragraphs.flatMap((paragraph) => splitSentences(paragraph.text).map((span) => ({ located: { article, paragraph }, span }))));
}

function claim(value: string, { located, span }: SentenceInDocument): Claim {
	return { value, text: span.text, citation: citationFor(located) };
}

interface Fact {
	kind: Extract<ConflictKind, 'date' | 'number'>;
	/** The search term of the noun the value is attached to: "raid" in "the Oct. 19 raid". */
	subject: string;
	subjectWord: string;
	mention: Mention;
	compatible: (other: Fact) => boolean;
	sentence: SentenceInDocument;
}

function datesAgree(a: DateMention, b: DateMention): boolean {
	return (['year', 'month', 'day'] as const).every((part) => a[part] === null || b[part] === null || a[part] === b[part]);
}

function factsIn(sentence: SentenceInDocument): Fact[] {
	const { text } = sentence.span;
	const facts: Fact[] = [];
	for (const date of findDates(text)) {
		const subject = subjectOf(text, date);
		if (!subject || date.day === null) continue;
		facts.push({
			kind: 'date', subject: subject.term, subjectWord: subject.word, mention: date, sentence,
			compatible: (other) => other.kind === 'date' && datesAgree(date, other.mention as DateMention),
		});
	}
	for (const quantity of findQuantities(text)) {
		const subject = subjectOf(text, quantity);
		if (!subject) continue;
		facts.push({
			kind: 'number', subject: subject.term, subjectWord: subject.word, mention: quantity, sentence,
			compatible: (other) => other.kind === 'number' && (other.mention as typeof quantity).value === quantity.value,
		});
	}
	return facts;
}

const factCache = new RecentArticles<Fact[]>(RECENT_ARTICLES);

/** Every dated or counted noun in an article; the same for every question, so found once while the article is in use. */
function factsOf(article: Article): Fact[] {
	return factCache.get(article, () => sentencesOf(article).flatMap(factsIn));
}

/** Dates or numbers attached to the same noun that two reports of the same event state differently; `subjects` null: any noun. */
function factConflicts(articles: Article[], subjects: ReadonlySet<string> | null, pairs: [Article, Article][]): Conflict[] {
	// Only articles in a pair are compared; reading every sentence of the others for facts would be wasted.
	const paired = new Set(pairs.flat());
	const factsByArticle = new Map(
		articles.filter((article) => paired.has(article)).map((article) => [article, factsOf(article).filter((fact) => subjects === null || subjects.has(fact.subject))]),
	);
	const conflicts: Conflict[] = [];
	const seen = new Set<string>();
	for (const [a, b] of pairs) {
		for (const fact of factsByArticle.get(a)!) {
			const others = factsByArticle.get(b)!.filter((other) => other.kind === fact.kind && other.subject === fact.subject);
			const disagreeing = others.find((other) => !fact.compatible(other));
			if (!disagreeing || others.some((other) => fact.compatible(other))) continue;
			const key = `${fact.kind}:${fact.subject}:${a.id}:${b.id}`;
			if (seen.has(key)) continue;
			seen.add(key);
			conflicts.push({
				kind: fact.kind,
				subject: fact.subjectWord,
				claims: [claim(fact.mention.text, fact.sentence), claim(disagreeing.mention.text, disagreeing.sentence)],
			});
		}
	}
	return conflicts;
}

/** Name words worth comparing: long enough that one edit is a spelling variant, not another word. */
const MIN_NAME_WORD_LENGTH = 4;

function nameWords(name: Mention): { word: string; key: string }[] {
	return name.text
		.split(/[\s‐‑-]+/)
		.filter((word) => /^\p{Lu}/u.test(word))
		.map((word) => ({ word: word.replace(/['’]s$/, ''), key: termOf(word.replace(/['’]s$/, '')) ?? '' }))
		.filter(({ word, key }) => key !== '' && word.length >= MIN_NAME_WORD_LENGTH);
}

/**
 * British and American spellings ("Defence"/"Defense", "Centre"/"Center") are a house style, not a disagreement
 * about a name.
 */
function spellingConvention(word: string): string {
	return word.toLowerCase().replace(/ence$/, 'ense').replace(/our$/, 'or').replace(/tre$/, 'ter').replace(/is(e|ation)$/, 'iz$1');
}

function allowedEdits(key: string): number {
	return key.length >= 8 ? 2 : 1;
}

/**
 * A name in a quote that another report of the same event spells differently ("al-Masud" / "al-Masoud"): the other
 * source never uses the quote's spelling, and uses a word one or two edits away that starts with the same letter
 * and is not a derivation of it. The quoting source may use both spellings ("Ahmed" and "Ahmad"): that is still a
 * difference a reporter must settle.
 */
function nameConflicts(library: Library, quotes: readonly Quote[], articles: Article[], questionTerms: ReadonlySet<string>): Conflict[] {
	const conflicts: Conflict[] = [];
	const seen = new Set<string>();
	for (const [rank, quote] of quotes.entries()) {
		const source = library.articles.get(quote.citation.doc);
		if (!source) continue;
		const names = findNames(quote.text).filter((name) => rank === 0 || analyzeTerms(name.text).some((term) => questionTerms.has(term)));
		for (const name of names) {
			for (const { word, key } of nameWords(name)) {
				for (const other of articles) {
					if (other === source || bodyHas(other)(key) || !sameEvent(library, source, other)) continue;
					const variant = findVariant(other, word, key);
					if (!variant) continue;
					const pairKey = [key, variant.key].sort().join('/');
					if (seen.has(pairKey)) continue;
					seen.add(pairKey);
					const quoted = { located: { article: source, paragraph: source.paragraphs[quote.citation.paragraph - 1]! }, span: { start: 0, end: 0, text: quote.text } };
					conflicts.push({ kind: 'name', subject: name.text.replace(/['’]s$/, ''), claims: [claim(word, quoted), claim(variant.word, variant.sentence)] });
				}
			}
		}
	}
	return conflicts;
}

/** "Iraq" / "Iraqi", "Kurd" / "Kurds": one word built on the other is a derivation, not another spelling. */
function isDerivation(a: string, b: string): boolean {
	return a.startsWith(b) || b.startsWith(a);
}

interface NameWord {
	word: string;
	key: string;
	/** The word as written, normalized: spelling is compared on it, since stems hide it ("Ahmed" stems to "ahm"). */
	written: string;
	sentence: SentenceInDocument;
}

const nameWordCache = new RecentArticles<NameWord[]>(RECENT_ARTICLES);

/** The name words of every sentence, in order: the same for every question, so found once while the article is in use. */
function nameWordsOf(article: Article): NameWord[] {
	return nameWordCache.get(article, () =>
		sentencesOf(article).flatMap((sentence) =>
			findNames(sentence.span.text).flatMap((name) => nameWords(name).map((candidate) => ({ ...candidate, written: normalizeText(candidate.word), sentence }))),
		),
	);
}

function findVariant(article: Article, word: string, key: string): NameWord | null {
	const written = normalizeText(word);
	const edits = allowedEdits(written);
	for (const candidate of nameWordsOf(article)) {
		const variant = candidate.written;
		if (candidate.key === key || variant[0] !== written[0] || isDerivation(variant, written)) continue;
		if (spellingConvention(variant) === spellingConvention(written)) continue;
		if (editDistance(variant, written, edits) <= edits) return candidate;
	}
	return null;
}

/**
 * Disagreements between sources on what the answer is about: the values of facts the question (or its quotes)
 * concern, and the spelling of names in the quotes. Only documents that report the same event are compared.
 */
export function findConflicts(
	library: Library,
	documents: readonly string[],
	subjects: ReadonlySet<string>,
	quotes: readonly Quote[],
	questionTerms: ReadonlySet<string>,
): Conflict[] {
	const articles = documents.slice(0, DOCUMENTS_COMPARED).flatMap((id) => library.articles.get(id) ?? []);
	return [...factConflicts(articles, subjects, sameEventPairs(library, articles)), ...nameConflicts(library, quotes, articles, questionTerms)];
}

function sameEventPairs(library: Library, articles: readonly Article[]): [Article, Article][] {
	const pairs: [Article, Article][] = [];
	for (const [i, a] of articles.entries()) {
		for (const b of articles.slice(i + 1)) if (sameEvent(library, a, b)) pairs.push([a, b]);
	}
	return pairs;
}

/** Events that reports of the same event date differently ("the Oct. 19 raid" / "the October 29 raid"), on any noun. */
export function findDateConflicts(library: Library, articles: Article[]): Conflict[] {
	return factConflicts(articles, null, sameEventPairs(library, articles)).filter((conflict) => conflict.kind === 'date');
}
