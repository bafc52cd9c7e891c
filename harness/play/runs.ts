/**
 * The runs of a play: each path of decisions run from the start on the check's own sealed workers,
 * by the by-hand strategy through `runCase`, and judged by the same detectors as any check. A page
 * asks for the same few paths again and again (the path so far, and one step further for each
 * worker), so the last runs are kept.
 */
import type { Kata } from '../curriculum/resolve.ts';
import type { Finding } from '../detectors/finding.ts';
import { type PoolLimits, poolOptions } from '../engine/pools.ts';
import { type JudgedRun, runCase } from '../engine/run-case.ts';
import { replayFailsOn } from '../engine/strategies/replay.ts';
import { ByHand } from '../engine/strategies/by-hand.ts';
import { SYSTEMATIC_SEED } from '../engine/strategies/systematic.ts';
import type { Op, ErrorInfo } from '../scheduler/protocol.ts';
import { KataLoadError } from '../worker/kata-loading.ts';
import { WorkerPool } from '../worker/pool.ts';

/** KEPT is how many runs a play keeps: a page's state and lookaheads, and a few steps of undo. */
const KEPT = 256;

/** PlayRun is one path's run, and what fails it as a replay of the check would say. */
export interface PlayRun {
  readonly run: JudgedRun;
  readonly finding?: Finding;
}

/** PlayRuns runs one workload's paths on one pool of workers, started again if a stuck run broke it. */
export class PlayRuns {
  private pool: WorkerPool | undefined;
  private readonly kept = new Map<string, PlayRun>();
  /** loadError is why the kata file could not be loaded, once a start failed. */
  loadError: ErrorInfo | undefined;

  constructor(
    readonly kata: Kata,
    readonly limits: PoolLimits,
    readonly ops: readonly (readonly Op[])[],
    /** seed seeds the kata's Math.random and clocks: systematic search's, unless a film's token says otherwise. */
    readonly seed: number = SYSTEMATIC_SEED,
  ) {}

  /** start starts the workers; false (and `loadError`) when the kata file cannot be loaded. */
  async start(): Promise<boolean> {
    if (this.pool && !this.pool.isBroken) return true;
    if (this.pool) await this.pool.close();
    this.pool = undefined;
    try {
      this.pool = await WorkerPool.start(poolOptions(this.kata, this.limits, this.ops.length));
      this.loadError = undefined;
      return true;
    } catch (error) {
      if (!(error instanceof KataLoadError)) throw error;
      this.loadError = error.error;
      return false;
    }
  }

  /** memoryBytes is the size of the shared memory the workers share. */
  get memoryBytes(): number {
    return this.pool?.options.memoryBytes ?? 0;
  }

  /**
   * run runs `path` and stops where it ends (`stop: false` goes on without preempting, as a token's
   * replay in the check does). The pool must have started.
   */
  async run(path: readonly number[], stop = true): Promise<PlayRun> {
    const key = `${stop ? 's' : 'g'}${path.join('')}`;
    const kept = this.kept.get(key);
    if (kept) return kept;
    if (!(await this.start())) throw new Error(`the kata could not be loaded: ${this.loadError?.message}`);
    const pool = this.pool!;
    const hand = new ByHand(this.ops, path, this.seed, stop);
    const explored = hand.explore(
      (input) => runCase(pool, this.kata, input, { capture: true }),
      replayFailsOn(this.kata),
    );
    const played: PlayRun = {
      run: explored.run,
      ...(explored.failing ? { finding: explored.failing.finding } : {}),
    };
    if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, played);
    return played;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
