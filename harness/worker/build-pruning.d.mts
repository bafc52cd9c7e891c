/** The types of build-pruning.mjs: old builds of a checkout, removed. */

/** STALE_AFTER_MS is how long a build has gone unused before it may go. */
export const STALE_AFTER_MS: number;

/** noteUse notes that this process uses the build `dir`, until it exits. */
export function noteUse(dir: string): void;

/** pruneBuilds removes from `folder` the builds of the checkout at `root`, other than `current`, that nothing uses; it returns their names. */
export function pruneBuilds(folder: string, root: string, current: string, now?: number): string[];
