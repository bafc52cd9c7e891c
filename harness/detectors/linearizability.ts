import type { History, OpRecord } from '../check/history.ts';
import { deltaOf, describeOp } from '../check/history.ts';
import type { Finding } from './finding.ts';

/**
 * linearizable searches for an order of the operations that respects real time (an operation that
 * ended before another began comes first) and in which every `value()` returns the sum of the adds
 * before it (Wing and Gong's search, memoised on the set of operations placed and the sum).
 */
export function linearizable(records: readonly OpRecord[]): boolean {
  const ops = records.filter((record) => !record.error);
  if (ops.length > 30) throw new RangeError('the linearizability search handles at most 30 operations');
  const all = (1 << ops.length) - 1;
  const seen = new Set<string>();
  const search = (placed: number, sum: number): boolean => {
    if (placed === all) return true;
    const key = `${placed}:${sum}`;
    if (seen.has(key)) return false;
    seen.add(key);
    let earliestEnd = Infinity;
    ops.forEach((record, i) => {
      if (!(placed & (1 << i))) earliestEnd = Math.min(earliestEnd, record.end);
    });
    for (let i = 0; i < ops.length; i++) {
      if (placed & (1 << i)) continue;
      const record = ops[i]!;
      if (record.begin > earliestEnd) continue; // another pending op ended before this one began
      if (record.op.kind === 'value') {
        if (record.result === sum && search(placed | (1 << i), sum)) return true;
      } else if (search(placed | (1 << i), sum + deltaOf(record.op))) {
        return true;
      }
    }
    return false;
  };
  return search(0, 0);
}

/**
 * linearizability reports a `value()` that no order of the operations explains, and says why when
 * it can: below the adds that completed before it started, above the adds that had started before
 * it ended, or lower than an earlier read.
 */
export function linearizability(history: History): Finding | undefined {
  const records = history.final ? [...history.ops, history.final] : [...history.ops];
  if (records.some((record) => record.end === Infinity) || linearizable(records)) return undefined;
  const adds = records.filter((record) => record.op.kind !== 'value' && !record.error);
  const reads = records.filter((record) => record.op.kind === 'value' && record.result !== undefined);
  const stepsOf = (read: OpRecord) =>
    history.steps.filter((step) => step.worker === read.worker && step.t >= read.begin && step.t < read.end).map((step) => step.t);
  const who = (read: OpRecord) => (read === history.final ? 'the final value()' : `worker ${read.worker}'s value()`);
  for (const read of reads) {
    const lower = adds.filter((add) => add.end < read.begin).reduce((sum, add) => sum + deltaOf(add.op), 0);
    const upper = adds.filter((add) => add.begin < read.end).reduce((sum, add) => sum + deltaOf(add.op), 0);
    const result = read.result!;
    if (result < lower) {
      return finding(`${who(read)} returned ${result}, but adds worth ${lower} had completed before it started`, `at least ${lower}`, result, stepsOf(read));
    }
    if (result > upper) {
      return finding(`${who(read)} returned ${result}, but only adds worth ${upper} had started before it ended`, `at most ${upper}`, result, stepsOf(read));
    }
    const earlier = reads.find((other) => other !== read && other.end < read.begin && other.result! > result);
    if (earlier) {
      const same = earlier.worker === read.worker ? 'the same worker' : `worker ${earlier.worker}`;
      return finding(
        `${who(read)} returned ${result}, lower than ${earlier.result} read earlier by ${same}`,
        `at least ${earlier.result}`,
        result,
        stepsOf(read),
      );
    }
  }
  const list = reads.map((read) => `${describeOp(read.op)} = ${read.result}`).join(', ');
  // The read to point at: one without which the rest has an order that explains it.
  const culprit = reads.find((read) => linearizable(records.filter((record) => record !== read)));
  return finding(`no order of the operations explains the reads ${list}`, 'reads that some order of the adds explains', list, culprit ? stepsOf(culprit) : []);

  function finding(summary: string, expected: string, actual: number | string, marks: number[]): Finding {
    // The line of the last step of the read that went wrong, when the steps know their lines.
    const at = history.steps.filter((step) => marks.includes(step.t) && step.at).at(-1)?.at;
    return {
      detector: 'linearizability',
      summary,
      expected,
      actual: String(actual),
      details: ['A read must return the count at one instant between its start and its end.'],
      marks,
      ...(at ? { at } : {}),
    };
  }
}
