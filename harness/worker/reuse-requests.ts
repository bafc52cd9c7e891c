/**
 * What a warm pool (warm-pools.ts) asks of its threads between checks, beside runs: `release` drops
 * the kata and answers whether the thread's realm is as it was before any kata loaded
 * (realm-fingerprint.ts); `load` imports the next kata as new modules, and answers as the first
 * load did (`ready`, or `load-error`).
 */
import type { CompiledKata } from '../scheduler/protocol.ts';

export interface ReleaseRequest {
  readonly type: 'release';
}

export interface LoadRequest {
  readonly type: 'load';
  readonly kata: CompiledKata;
  /** core is the one the main thread keeps to while the pool is open (one-core.ts), if any. */
  readonly core: number | undefined;
}

/** Released is a thread's answer to `release`: clean when nothing kata code did to its realm is left. */
export interface Released {
  readonly type: 'released';
  readonly clean: boolean;
}
