/**
 * Fuzz properties are CPU-bound: ~3 s each on an idle core, several times that when the two cores are shared, so
 * they get more than the suite's 20 s before vitest gives up on them.
 */
export const FUZZ_TIMEOUT_MS = 90_000;
