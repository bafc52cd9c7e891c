import type { Op } from '../scheduler/protocol.ts';
import type { Schedule } from '../scheduler/schedule.ts';

/** RunSpec is one run: each worker's operations, and how they are interleaved. */
export interface RunSpec {
  readonly ops: readonly (readonly Op[])[];
  /** loops is how many of the last workers run the counter's `loop()` instead of operations. */
  readonly loops?: number;
  /** schedule defaults to the operations' own switch points. */
  readonly schedule?: Schedule;
  /** seed seeds the kata's Math.random and clock for this run. */
  readonly seed?: number;
  /** capture makes every step record its source line (slower; used to replay a failure for its report). */
  readonly capture?: boolean;
  /** patience is the run's spin patience (scheduler/control.ts), DEFAULT_SPIN_PATIENCE when unset. */
  readonly patience?: number;
}
