/**
 * The bars `test/eval.test.ts` holds the engine to. Raise them to the level reached; lower one only with a reason in the commit.
 */

/** Share of answerable questions whose top quote holds the answer (story corpus alone). */
export const TOP1_FLOOR = 0.86;

/**
 * Top-1 accuracy on the held-out set (`heldout.json`), which the engine is not tuned on. Set 10 points below the level
 * reached when the set was written (29.4%, 10/34), rounded down to a multiple of 5 points; never above TOP1_FLOOR.
 */
export const HELDOUT_TOP1_FLOOR = 0.15;

/** Share of out-of-corpus questions the engine must refuse (answered: false). */
export const ABSTENTION_RECALL_FLOOR = 0.9;

/**
 * How far top-1 accuracy may fall, as a fraction (0.03 = 3 points), when the archives are loaded alongside the story:
 * the bar issue 4 sets. Reached: 1.1 points with BBC, 2.2 with BBC + Reuters (one and two questions of 92).
 */
export const ARCHIVE_TOP1_MAX_DROP = 0.03;
