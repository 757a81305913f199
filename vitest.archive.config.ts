import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.config.js';

/** `npm run test:archive`: the evaluation checks over the research archives, which `npm test` leaves out. */
export default defineConfig({
	test: {
		...sharedTestOptions,
		include: ['test/archive/**/*.test.ts'],
	},
});
