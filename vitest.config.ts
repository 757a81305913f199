import { configDefaults, defineConfig } from 'vitest/config';

/** Options both suites share; `vitest.archive.config.ts` runs what `npm test` leaves out. */
export const sharedTestOptions = {
	// Each end-to-end file starts its own Discord stand-in and bot; two cores, so two forks.
	pool: 'forks',
	maxWorkers: 2,
	testTimeout: 20_000,
	hookTimeout: 30_000,
} as const;

export default defineConfig({
	test: {
		...sharedTestOptions,
		include: ['test/**/*.test.ts'],
		globalSetup: ['test/support/currentBuild.ts'],
		// The archive-scale checks take minutes: `npm run test:archive`.
		exclude: [...configDefaults.exclude, 'test/archive/**'],
	},
});
