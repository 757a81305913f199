import type { CorpusStatus } from '../../../src/storyEngine.js';

/** The bundled story's status, as the footers under replies show it. */
export const status: CorpusStatus = {
	documents: 2,
	paragraphs: 40,
	snapshotHash: '74068a930be207c9',
	dateRange: { from: '2025-12-05', to: '2025-12-05' },
	lastRefresh: { added: [], changed: [], removed: [], problems: [], at: new Date('2025-12-06T10:30:00Z'), by: null, durationMs: 12 },
	startedFrom: 'build',
};
