/**
 * Systematic search: partial-order reduction prunes executions, never behaviours. Against plain
 * depth-first search over every decision, it must reach every equivalence class plain search
 * reaches, with and without a preemption bound, with blocking, spinning, three threads, and the
 * 32-bit model; and run fewer executions doing it.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../scheduler/protocol.ts';
import { explore } from '../support/reduction.ts';

const add = (delta: number): Op => ({ kind: 'add', arg: delta });
const value: Op = { kind: 'value' };

const cases: { name: string; kata: string; file?: string; ops: Op[][]; bound: number }[] = [
  {
    name: 'the naive counter, two adds and reads',
    kata: 'kata-1',
    ops: [
      [add(1), value],
      [add(2), value],
    ],
    bound: Infinity,
  },
  { name: 'the naive counter, three threads', kata: 'kata-1', ops: [[add(1)], [value], [add(2)]], bound: Infinity },
  {
    name: 'the naive counter, three threads, one preemption',
    kata: 'kata-1',
    ops: [[add(1)], [value], [add(2)]],
    bound: 1,
  },
  {
    name: 'the atomic counter, two preemptions',
    kata: 'kata-4',
    ops: [
      [add(1), value],
      [add(2), value],
    ],
    bound: 2,
  },
  { name: 'the mutex counter: blocking in Atomics.wait', kata: 'kata-2', ops: [[add(1)], [add(2)]], bound: Infinity },
  {
    name: 'the futex mutex, three threads, two preemptions',
    kata: 'kata-2b',
    ops: [[add(1)], [value], [add(2)]],
    bound: 2,
  },
  {
    name: 'a spin lock: spinning workers step aside',
    kata: 'kata-2b',
    file: 'checks/kata-2b/correct/spin-lock.ts',
    ops: [[add(1)], [add(2)]],
    bound: Infinity,
  },
  {
    name: 'halves of 64-bit accesses on a 32-bit machine',
    kata: 'kata-6',
    file: 'checks/kata-6/mutants/aligned-but-plain.ts',
    ops: [[add(2 ** 32 + 1)], [value]],
    bound: Infinity,
  },
  {
    name: 'a sequence lock on a 32-bit machine, two preemptions',
    kata: 'kata-6',
    ops: [[add(2 ** 32 + 1)], [value]],
    bound: 2,
  },
];

describe('partial-order reduction', () => {
  it.each(cases)('reaches every class plain search reaches: $name', async ({ kata, file, ops, bound }) => {
    const { reduced, plain } = await explore(kata, file, ops, bound);
    const missing = [...plain.classes].filter((found) => !reduced.classes.has(found));
    expect(missing).toEqual([]);
    expect(reduced.classes.size).toBe(plain.classes.size);
    expect(reduced.executions).toBeLessThanOrEqual(plain.executions);
  });
});
