import type { Op } from '../scheduler/protocol.ts';

/** PoolOptions are what a WorkerPool starts with: the kata, its workers, and the limits of a run. */
export interface PoolOptions {
  /** implementation is the path of the kata file to load in every worker. */
  readonly implementation: string;
  readonly workers: number;
  /** budget is the most decisions one run may take before it counts as spinning. */
  readonly budget?: number;
  /** stepTimeoutMs is how long a worker may run without reaching a step before it counts as stuck. */
  readonly stepTimeoutMs?: number;
  readonly memoryBytes?: number;
  /** subject is what the kata exports: a counter class (default), or a lock class. */
  readonly subject?: 'counter' | 'lock';
  /** split64 checks as on a 32-bit machine, where plain 64-bit accesses are two steps. */
  readonly split64?: boolean;
  /** final is the read worker 0 makes once every worker is done (the object spec's read); `value()` by default. */
  readonly final?: Op;
  /** returning names the methods whose results are kept (the spec's reads); `value` by default. */
  readonly returning?: readonly string[];
}

/** withDefaults is every option, the caller's or else the default. */
export function withDefaults(options: PoolOptions): Required<PoolOptions> {
  return {
    budget: 5000,
    stepTimeoutMs: 2000,
    memoryBytes: 4096,
    subject: 'counter',
    split64: false,
    final: { kind: 'value' },
    returning: ['value'],
    ...options,
  };
}
