// `npm run report`: the questions the corpus could not answer, most frequent first; what to look into next.
import '../currentBuild.js';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, parseSharedConfig } from '../config.js';
import { FeedbackLog, countFeedback, rankUnanswered } from '../discord/feedbackLog.js';
import { printable } from '../printable.js';

/** Longer than any question Discord lets through, so none is cut. */
const MAX_SHOWN_LENGTH = 1_000;

/** Questions are typed by anyone on Discord: no control or bidi characters reach the admin's terminal. */
const shown = (question: string) => printable(question, MAX_SHOWN_LENGTH);

async function report(): Promise<string> {
	const config = parseSharedConfig(process.env);
	const log = FeedbackLog.inDataDir(config.dataDir);
	const { entries, skipped } = await log.read();
	const unanswered = rankUnanswered(entries);
	const { up, down } = countFeedback(entries);
	const lines = [`Feedback log: ${log.file}`, `Votes: ${up} 👍, ${down} 👎`];
	if (skipped > 0) lines.push(`Skipped ${skipped} damaged ${skipped === 1 ? 'line' : 'lines'}.`);
	if (unanswered.length === 0) return [...lines, 'No unanswered questions.'].join('\n');
	lines.push(`Unanswered questions (${unanswered.length}), most asked first:`);
	const width = String(unanswered[0]?.count ?? 1).length;
	for (const { question, continuedFrom, count, lastAsked } of unanswered) {
		const asked = continuedFrom === null ? shown(question) : `${shown(question)}  (follow-up to “${shown(continuedFrom)}”)`;
		lines.push(`  ${String(count).padStart(width)}×  ${asked}  (last asked ${lastAsked.slice(0, 10)})`);
	}
	return lines.join('\n');
}

loadDotenv({ quiet: true });
try {
	console.log(await report());
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : `Could not read the feedback log: ${(error as Error).message}`);
	process.exitCode = 1;
}
