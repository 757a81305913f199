import { silentLogger } from '../../src/logger.js';
import { StoryEngine } from '../../src/storyEngine.js';
import { makeTempDir } from './tempDir.js';

/** The engine over the bundled story, with its snapshot in a throwaway cache. */
export async function openStory(): Promise<{ engine: StoryEngine; close: () => Promise<void> }> {
	const cache = await makeTempDir('story-cache-');
	const engine = await StoryEngine.open({ corpusDir: 'corpus', cacheDir: cache.path, logger: silentLogger, persist: false });
	return { engine, close: cache.remove };
}
