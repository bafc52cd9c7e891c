/** The free worker's side of an allocation request: bytes per call of each operation, each measured in a loop compiled for it. */
import { bytesPerOp, pause, type Measure } from '../alloc/meter.ts';
import type { CounterClass } from '../kata.ts';
import { buildOn } from './build-object.ts';
import type { FreeReply, MeasuredOp } from './free-protocol.ts';
import { methodName, readExpression } from './method-calls.ts';

/**
 * alloc measures bytes per call of each operation in `ops` (cycling through its arguments) on an
 * object of its own. Each operation has its own loop, as a benchmark would, so that V8 can inline
 * the object's methods into it (see `measuringLoop`).
 */
export function alloc(Kata: CounterClass, ops: readonly MeasuredOp[]): FreeReply {
  for (let attempt = 1; ; attempt++) {
    const object = buildOn(Kata, new SharedArrayBuffer(4096));
    const none = new Float64Array([0]);
    const floorBefore = bytesPerOp(measuringLoop(object, none, 'sum += list[i % size];'));
    const figures: Record<string, Measure> = {};
    for (const op of ops)
      figures[op.kind] = bytesPerOp(measuringLoop(object, Float64Array.from(op.args ?? [0]), statementOf(op)));
    const floorAfter = bytesPerOp(measuringLoop(object, none, 'sum += list[i % size];'));
    const floor = floorAfter.bytesPerOp > floorBefore.bytesPerOp ? floorAfter : floorBefore;
    // An empty loop that allocates ran before V8 had optimized it (its compiler thread was starved
    // on a busy machine), and so did the loops around it: measure them all again, after a rest.
    if (floor.bytesPerOp <= SETTLED_FLOOR || attempt === MAX_ATTEMPTS) return { type: 'alloc', floor, ops: figures };
    pause(50 * attempt);
  }
}

/** statementOf is the loop body that calls one operation; a read's result goes into the loop's sum. */
function statementOf(op: MeasuredOp): string {
  if (op.args) return `counter.${methodName(op.kind)}(list[i % size]);`;
  if (!op.returns) return `counter.${methodName(op.kind)}();`;
  return `sum += ${readExpression(op.kind)};`;
}

/** SETTLED_FLOOR is the most an empty loop may read (B/op) for the figures around it to be trusted. */
export const SETTLED_FLOOR = 0.25;
const MAX_ATTEMPTS = 4;

/** BATCH is how many operations one call of a measuring loop runs. */
const BATCH = 100;

/**
 * measuringLoop compiles a fresh loop around one statement, in short batches: a batch function is
 * called often, so V8 optimizes it as a whole function once the counter's methods have feedback,
 * and can inline them, rather than replacing one long loop while it runs (on-stack replacement),
 * which made the figures depend on timing. Fresh code has feedback of its own:
 * loops written once and reused would share feedback between counters and operations, and a
 * polymorphic call site boxes every float it passes or receives.
 */
function measuringLoop(counter: object, list: Float64Array, statement: string): (n: number) => number {
  const make = new Function(
    'counter',
    'list',
    `const size = list.length;
     let at = 0;
     const batch = () => {
       let sum = 0;
       for (let k = 0; k < ${BATCH}; k++, at++) { const i = at; ${statement} }
       return sum > 0 ? 1 : 0;
     };
     return (n) => {
       let ran = 0;
       for (let done = 0; done < n; done += ${BATCH}) ran += batch();
       return ran;
     };`,
  );
  return make(counter, list) as (n: number) => number;
}
