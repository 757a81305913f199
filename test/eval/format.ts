/** Plain-text rendering of evaluation reports for `npm run eval`. Pure: strings in, strings out. */
import type { EvalMetrics, EvalReport, QuestionResult, Ratio } from './evaluate.js';
import { isAnswerableKind, questionKinds } from './questions.js';

export interface LabelledReport {
	label: string;
	report: EvalReport;
}

const QUOTE_PREVIEW = 180;

export function formatPercent(ratio: Ratio): string {
	return ratio.value === null ? 'n/a' : `${(ratio.value * 100).toFixed(1)}% (${ratio.hits}/${ratio.total})`;
}

/** Baseline minus other, in percentage points: positive means the other run is worse. */
export function dropInPoints(baseline: Ratio, other: Ratio): number | null {
	return baseline.value === null || other.value === null ? null : (baseline.value - other.value) * 100;
}

function formatDrop(points: number | null): string {
	if (points === null) return 'n/a';
	const rounded = Math.round(points * 10) / 10;
	return `${rounded === 0 ? '0.0' : rounded.toFixed(1)} pts`;
}

const rows: Array<[string, (metrics: EvalMetrics) => Ratio]> = [
	['top-1 accuracy', (metrics) => metrics.top1],
	['top-3 accuracy', (metrics) => metrics.top3],
	['answered precision', (metrics) => metrics.answeredPrecision],
	['answerable refused', (metrics) => metrics.answerableRefused],
	['abstention precision', (metrics) => metrics.abstentionPrecision],
	['abstention recall', (metrics) => metrics.abstentionRecall],
	['disagreement recall', (metrics) => metrics.disagreementRecall],
	['unexpected disagreements', (metrics) => metrics.unexpectedDisagreements],
];

function table(lines: string[][]): string {
	const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
	return lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd()).join('\n');
}

/** The metrics of one or more runs side by side; later runs get a "drop" column against the first. */
export function formatMetricsTable(runs: readonly LabelledReport[]): string {
	const [baseline, ...others] = runs;
	if (!baseline) return '';
	const header = ['metric', baseline.label, ...others.flatMap((run) => [run.label, 'drop'])];
	const lines = [header];
	for (const [name, pick] of rows) {
		const base = pick(baseline.report.metrics);
		lines.push([
			name,
			formatPercent(base),
			...others.flatMap((run) => [formatPercent(pick(run.report.metrics)), formatDrop(dropInPoints(base, pick(run.report.metrics)))]),
		]);
	}
	const count = (metrics: EvalMetrics, value: (m: EvalMetrics) => number) => String(value(metrics));
	for (const [name, value] of [
		['verbatim violations', (m: EvalMetrics) => m.verbatim.violations.length],
		['engine errors', (m: EvalMetrics) => m.errors],
	] as const) {
		lines.push([name, count(baseline.report.metrics, value), ...others.flatMap((run) => [count(run.report.metrics, value), ''])]);
	}
	return `${table(lines)}\n(drop = first run minus this run, in percentage points; negative means this run scored higher)`;
}

/** Top-1 and top-3 accuracy per question kind, for one run. */
export function formatKindTable(report: EvalReport): string {
	const lines = [['kind', 'questions', 'top-1', 'top-3', 'refused']];
	for (const kind of questionKinds) {
		const metrics = report.metrics.byKind[kind];
		if (metrics.questions === 0) continue;
		lines.push([kind, String(metrics.questions), formatPercent(metrics.top1), formatPercent(metrics.top3), String(metrics.refused)]);
	}
	return table(lines);
}

function preview(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= QUOTE_PREVIEW ? flat : `${flat.slice(0, QUOTE_PREVIEW - 1)}…`;
}

function describeGot(result: QuestionResult): string {
	if (result.error !== null) return `error: ${result.error}`;
	const inRelated = result.relatedHitRank !== null ? ` [expected text in related passage ${result.relatedHitRank}]` : '';
	if (result.outcome === 'closest') {
		const top = result.quotes[0];
		return `closest passage${top ? ` ${top.doc} ¶${top.paragraph}: "${preview(top.text)}"` : ''}${result.hitRank !== null && result.hitRank > 1 ? ` [expected text at rank ${result.hitRank}]` : ''}`;
	}
	if (result.answered === false) return `not answered${result.reason ? `: ${result.reason}` : ''}${inRelated}`;
	const top = result.quotes[0];
	if (!top) return `answered with no quote${inRelated}`;
	const rank = result.hitRank !== null && result.hitRank > 1 ? ` [expected text at rank ${result.hitRank}]` : inRelated;
	return `${top.doc} ¶${top.paragraph}: "${preview(top.text)}"${rank}`;
}

function describeMiss(result: QuestionResult): string {
	const expected = !isAnswerableKind(result.kind) ? 'a refusal' : result.expect.map((text) => `"${text}"`).join(' | ');
	return [`  ${result.id} (${result.kind}): ${result.question}`, `      expected: ${expected}`, `      got:      ${describeGot(result)}`].join('\n');
}

/** Questions that failed: top-1 misses, answered out-of-corpus questions, missed disagreements, non-verbatim quotes. */
export function formatMisses(report: EvalReport): string {
	const sections: string[] = [];
	const failed = report.results.filter((result) => !result.passed);
	const answerableMisses = failed.filter((result) => isAnswerableKind(result.kind));
	const wronglyAnswered = failed.filter((result) => !isAnswerableKind(result.kind));
	if (answerableMisses.length > 0) sections.push(`Top-1 misses (${answerableMisses.length}):\n${answerableMisses.map(describeMiss).join('\n')}`);
	if (wronglyAnswered.length > 0) sections.push(`Unanswerable questions not refused (${wronglyAnswered.length}):\n${wronglyAnswered.map(describeMiss).join('\n')}`);
	const undetected = report.results.filter(
		(result) => result.expectedConflict !== null && !result.conflictKinds.includes(result.expectedConflict),
	);
	if (undetected.length > 0) {
		sections.push(
			`Disagreements not flagged (${undetected.length}):\n${undetected
				.map(
					(result) =>
						`  ${result.id}: ${result.question}\n      expected a ${result.expectedConflict} conflict; flagged: ${result.conflictKinds.join(', ') || 'none'}`,
				)
				.join('\n')}`,
		);
	}
	const violations = report.metrics.verbatim.violations;
	if (violations.length > 0) {
		sections.push(
			`Quotes not verbatim (${violations.length}):\n${violations
				.map((violation) => `  ${violation.questionId} ${violation.where}[${violation.index}] ${violation.doc} ¶${violation.paragraph}: ${violation.reason}\n      "${preview(violation.text)}"`)
				.join('\n')}`,
		);
	}
	return sections.length > 0 ? sections.join('\n\n') : 'No misses.';
}

/** What changed from a baseline run to another: questions that newly fail, and those that newly pass. */
export function formatChanges(baseline: EvalReport, other: LabelledReport): string {
	const before = new Map(baseline.results.map((result) => [result.id, result]));
	const broke = other.report.results.filter((result) => !result.passed && before.get(result.id)?.passed === true);
	const fixed = other.report.results.filter((result) => result.passed && before.get(result.id)?.passed === false);
	const sections = [`Changes with ${other.label}: ${broke.length} newly failing, ${fixed.length} newly passing.`];
	if (broke.length > 0) sections.push(`Newly failing:\n${broke.map(describeMiss).join('\n')}`);
	if (fixed.length > 0) sections.push(`Newly passing:\n${fixed.map((result) => `  ${result.id}: ${result.question}`).join('\n')}`);
	return sections.join('\n');
}

/** What a story table shows of one report: how often the top quote is right, and what the refusals are worth. */
export interface StoryRow {
	label: string;
	split: string;
	engine: EvalReport;
	baseline: EvalReport;
}

function ratioOf(engine: Ratio, baseline: Ratio): string {
	return engine.value === null || baseline.value === null || baseline.value === 0 ? 'n/a' : `×${(engine.value / baseline.value).toFixed(2)}`;
}

/**
 * One line per story and per pooled split: top-1 and top-3 of the engine and the baseline side by side, their ratio,
 * the share of answerable questions refused, the share of unanswerable ones refused, and answered precision.
 */
export function formatStoryTable(rows: readonly StoryRow[]): string {
	const pct = (ratio: Ratio) => (ratio.value === null ? 'n/a' : `${(ratio.value * 100).toFixed(1)}%`);
	const lines = [['story', 'split', 'questions', 'top-1', 'base top-1', 'ratio', 'top-3', 'base top-3', 'refused ans.', 'refused unans.', 'answered prec.']];
	for (const { label, split, engine, baseline } of rows) {
		const m = engine.metrics;
		const b = baseline.metrics;
		lines.push([label, split, String(m.questions), pct(m.top1), pct(b.top1), ratioOf(m.top1, b.top1), pct(m.top3), pct(b.top3), pct(m.answerableRefused), pct(m.abstentionRecall), pct(m.answeredPrecision)]);
	}
	return table(lines);
}
