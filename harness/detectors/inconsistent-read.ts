import type { History } from '../check/history.ts';
import { describeOp } from '../spec/object-spec.ts';
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
    if (record.result === undefined || record.error) continue;
    const why = spec.inconsistency(record.result, changing);
    if (!why) continue;
    const steps = history.steps.filter((step) => step.worker === record.worker && step.op === record.index && step.t >= record.begin && step.t <= record.end);
    const at = steps.filter((step) => step.at && !step.at.via).at(-1)?.at;
    const who = record === history.final ? `the final ${describeOp(record.op)}` : `worker ${record.worker}'s ${describeOp(record.op)}`;
    return {
      detector: 'inconsistent-read',
      summary: why,
      expected: `a ${spec.name} as it stood at one instant`,
      actual: spec.showResult(record.result),
      details: [`${who} read its fields one by one while other operations changed them: what it returned mixes several states, and no instant had them all.`],
      marks: steps.map((step) => step.t),
      ...(at ? { at } : {}),
    };
  }
  return undefined;
}
