import { loadCorpus } from './src/corpus/loadCorpus.js';
import { ParagraphIndex } from './src/search/paragraphIndex.js';
import { openLibrary } from './src/answer/library.js';
import { gatherEvidence } from './src/answer/evidence.js';
import { analyzeQuestion } from './src/answer/question.js';
import { quoteOf } from './src/answer/answerQuestion.js';
import { containsExpected } from './test/eval/evaluate.js';
import { loadStories, makeStoryCorpus, readStoryArticles } from './test/eval/stories.js';
import { defaultArchiveDir } from './test/eval/archiveCorpus.js';
const stories = (await loadStories()).filter((s) => s.split === 'tuning' && s.slug.startsWith(process.argv[2]!));
const arts = (await readStoryArticles(stories, defaultArchiveDir))!;
const f = (o: Record<string, number>) => Object.entries(o).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ');
for (const story of stories) {
  const c = await makeStoryCorpus(story, arts); const load = await loadCorpus(c.dir);
  const lib = openLibrary(new Map(load.articles.map((a) => [a.id, a])), ParagraphIndex.build(load.articles));
  for (const q of story.questions.filter((q) => q.kind === process.argv[3])) {
    const ev = gatherEvidence(lib, analyzeQuestion(q.question));
    const rank = ev.sentences.findIndex((s) => containsExpected(quoteOf(s).text, q.expect));
    if (rank === 0) continue;
    console.log(`\n## ${q.question}  [right at ${rank}]`);
    const top = ev.sentences[0]!; console.log(' TOP', top.score.toFixed(2), top.sentences[top.position]!.text.slice(0, 90), '\n    ', f(top.features));
    if (rank > 0) { const r = ev.sentences[rank]!; console.log(' RIGHT', r.score.toFixed(2), r.sentences[r.position]!.text.slice(0, 90), '\n    ', f(r.features)); }
  }
  await c.cleanup();
}
