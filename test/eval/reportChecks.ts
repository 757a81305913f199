import type { EvalReport } from './evaluate.js';

/** Ratios are floats: 0.85 computed as 85/100 must not fail a 0.85 floor. */
export const EPSILON = 1e-9;

/** Ids of the questions that failed, answerable ones or out-of-corpus ones, for the assertion message. */
export function failedIds(report: EvalReport, which: 'answerable' | 'out-of-corpus'): string {
	return report.results
		.filter((result) => !result.passed && (result.kind === 'out-of-corpus') === (which === 'out-of-corpus'))
		.map((result) => result.id)
		.join(', ');
}
