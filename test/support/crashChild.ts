/**
 * The process `test/crashSafety.test.ts` kills: it uploads and reloads in a loop, and prints `added <ids>` on standard
 * output (synchronous on a pipe) once the engine has acknowledged an upload. Arguments: corpus dir, cache dir, round.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
import { article, upload } from './corpusFixtures.js';

const [corpusDir, cacheDir, round] = process.argv.slice(2) as [string, string, string];
const engine = await StoryEngine.open({ corpusDir, cacheDir, logger: silentLogger });
process.stdout.write('ready\n');

const jsonLine = (id: string) => JSON.stringify({ id, title: `Wire ${id}`, date: '2025-11-03', source: 'Wire', text: `Wire copy ${id} about the harbour.` });

for (let step = 0; ; step++) {
	const id = `r${round}-${step}`;
	switch (step % 4) {
		case 0:
			process.stdout.write(`added ${(await engine.addDocument(upload(`${id}.md`, article(`Story ${id}`, `Report ${id} on the harbour fire.`)))).added.join(' ')}\n`);
			break;
		case 1:
			// The name is taken after the first round: stored as batch-2.jsonl, batch-3.jsonl…
			process.stdout.write(`added ${(await engine.addDocument(upload('batch.jsonl', `${jsonLine(`${id}a`)}\n${jsonLine(`${id}b`)}\n`))).added.join(' ')}\n`);
			break;
		case 2:
			await engine.addDocument(upload(`r${round}-0.md`, article(`Story r${round}-0`, `Report ${id} replaced the first one.`), true));
			break;
		default:
			await engine.reload('crash test');
			// A pause lets the snapshot of this state be saved (the next change would abandon it), so kills also land in saves.
			await sleep(40);
	}
}
