/**
 * The one corpus every benchmark runs on, at three scales: the story alone, the story inside the BBC archive, and the
 * story inside BBC + Reuters. The archives are read where they are (research-use data, never copied into the repo):
 * each run gets a temporary corpus directory with copies of the story files and symlinks to the archives.
 */
import path from 'node:path';
import { BBC_ARCHIVE, defaultArchiveDir, fileExists, makeCorpusWithArchives, REUTERS_ARCHIVE, storyCorpusDir, type TempCorpus } from '../test/eval/archiveCorpus.js';

export const SCALE_KEYS = ['story', 'story-bbc', 'story-bbc-reuters'] as const;
export type ScaleKey = (typeof SCALE_KEYS)[number];

export interface Scale {
	key: ScaleKey;
	label: string;
	archives: string[];
}

const ARCHIVES: Record<ScaleKey, { label: string; files: string[] }> = {
	story: { label: 'story', files: [] },
	'story-bbc': { label: '+BBC', files: [BBC_ARCHIVE] },
	'story-bbc-reuters': { label: '+BBC+Reuters', files: [BBC_ARCHIVE, REUTERS_ARCHIVE] },
};

export function scaleOf(key: ScaleKey, dataDir = defaultArchiveDir): Scale {
	const { label, files } = ARCHIVES[key];
	return { key, label, archives: files.map((file) => path.join(dataDir, file)) };
}

/** The scales whose archive files are present, and a message for each one that is skipped. */
export async function availableScales(keys: readonly ScaleKey[], dataDir = defaultArchiveDir): Promise<{ scales: Scale[]; skipped: string[] }> {
	const scales: Scale[] = [];
	const skipped: string[] = [];
	for (const key of keys) {
		const scale = scaleOf(key, dataDir);
		const missing: string[] = [];
		for (const file of scale.archives) if (!(await fileExists(file))) missing.push(file);
		if (missing.length === 0) scales.push(scale);
		else skipped.push(`Skipping ${scale.label}: archive not found (${missing.join(', ')}).`);
	}
	return { scales, skipped };
}

/** A throwaway corpus directory for the scale; refresh benchmarks edit the story copies in it. */
export function makeScaleCorpus(scale: Scale): Promise<TempCorpus> {
	return makeCorpusWithArchives(storyCorpusDir, scale.archives);
}
