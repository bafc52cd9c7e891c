import type { History, OpRecord, Step } from '../record/history.ts';
import { bytesKey, locationName, stepEffect } from '../record/step-effects.ts';
import { isRead } from '../objects/object-spec.ts';
import { describeOp } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';

/**
 * inconsistentRead reports a read whose result is no state of the object at all, whatever order the
 * run's operations took: a histogram whose count disagrees with its buckets (client_golang #275),
 * or a sum that no observations in those buckets make. It needs no search, and it says exactly
 * which parts of the result disagree, so it comes before linearizability.
 */
export function inconsistentRead(history: History): Finding | undefined {
  const { spec } = history;
  if (!spec.inconsistency) return undefined;
  const changing = history.workload.flat().filter((op) => op.kind !== 'loop' && !spec.rejects(op));
  const records = history.final ? [...history.ops, history.final] : history.ops;
  for (const record of records) {
    if (record.result === undefined || record.error || !isRead(spec, record.op)) continue;
    const why = spec.inconsistency(record.op, record.result, changing);
    if (!why) continue;
    const steps = history.steps.filter(
      (step) =>
        step.worker === record.worker && step.op === record.index && step.t >= record.begin && step.t <= record.end,
    );
    const who =
      record === history.final
        ? `the final ${describeOp(record.op)}`
        : `worker ${record.worker}'s ${describeOp(record.op)}`;
    const half = halfSeen(history, record, steps);
    const number = (step: Step) => history.steps.indexOf(step) + 1;
    // The line of the read that went wrong: the field it read too early, or else its last read.
    const at = half?.missedRead.at ?? steps.filter((step) => step.at && !step.at.via).at(-1)?.at;
    const details = half
      ? [
          `${who} saw ${half.by} in ${locationName(history, half.seenRead)} (written at step ${number(half.seen)}), but not in ${locationName(history, half.missedRead)}:`,
          `it read that at step ${number(half.missedRead)}, and ${describeOp(half.op.op)} wrote it at step ${number(half.missed)}. A scrape must see each observation whole, or not at all.`,
        ]
      : [
          `${who} read its fields one by one while other operations changed them: what it returned mixes several states, and no instant had them all.`,
        ];
    return {
      detector: 'inconsistent-read',
      summary: why,
      expected: `a ${spec.name} as it stood at one instant`,
      actual: spec.showResult(record.result),
      details,
      marks: half ? [half.seen.t, half.seenRead.t, half.missedRead.t, half.missed.t] : steps.map((step) => step.t),
      ...(at ? { at } : {}),
    };
  }
  return undefined;
}

/** HalfSeen is another operation that a read saw in one field and missed in another. */
interface HalfSeen {
  readonly op: OpRecord;
  /** by names it: "worker 0's observe(0.5)". */
  readonly by: string;
  /** seen is its write that the read saw, at `seenRead`; missed is its write that came after the read's `missedRead` of that field. */
  readonly seen: Step;
  readonly seenRead: Step;
  readonly missed: Step;
  readonly missedRead: Step;
}

/**
 * halfSeen finds why a read is no state: an operation of another worker that the read saw in one
 * field (its write came before the read of that field) and missed in another (its write came after
 * the read of that field). Steps inside the harness's Mutex and Channel are left out: they are not
 * the object's fields.
 */
function halfSeen(history: History, read: OpRecord, steps: readonly Step[]): HalfSeen | undefined {
  const reads = steps.filter((step) => stepEffect(step).reads && !step.at?.via);
  // Loads first: a read-modify-write (a scrape's own flip) is a read too, but a less telling one.
  return (
    halfSeenBy(
      history,
      read,
      reads.filter((step) => !stepEffect(step).writes),
    ) ?? halfSeenBy(history, read, reads)
  );
}

function halfSeenBy(history: History, read: OpRecord, reads: readonly Step[]): HalfSeen | undefined {
  for (const op of history.ops) {
    if (op.worker === read.worker) continue;
    const writes = history.steps.filter(
      (step) => step.worker === op.worker && step.op === op.index && stepEffect(step).writes && !step.at?.via,
    );
    let seen: { write: Step; read: Step } | undefined;
    let missed: { write: Step; read: Step } | undefined;
    for (const write of writes) {
      for (const step of reads) {
        if (bytesKey(step) !== bytesKey(write)) continue;
        if (write.t < step.t) seen ??= { write, read: step };
        else missed ??= { write, read: step };
      }
    }
    if (seen && missed)
      return {
        op,
        by: `worker ${op.worker}'s ${describeOp(op.op)}`,
        seen: seen.write,
        seenRead: seen.read,
        missed: missed.write,
        missedRead: missed.read,
      };
  }
  return undefined;
}
