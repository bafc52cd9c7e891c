/** What each worker does in one case, drawn by fast-check: operations, their switch points, and the shapes of the workloads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contractOps,
  loopOp,
  MAX_OPS,
  scheduled,
  singleWriter,
  withoutSwitches,
  withSwitches,
  workload,
} from '../../engine/workloads.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Op } from '../../scheduler/protocol.ts';

const spec = counterSpec(fc.constant(2));
const add: Op = { kind: 'add', arg: 2 };
const sample = <T>(arbitrary: fc.Arbitrary<T>) => fc.sample(arbitrary, { numRuns: 200, seed: 11 });

describe('scheduled', () => {
  it('attaches switch points, and leaves out an empty list', () => {
    expect(scheduled(add, [{ at: 2, to: 0 }])).toEqual({ kind: 'add', arg: 2, switches: [{ at: 2, to: 0 }] });
    expect(scheduled(add, [])).toBe(add);
    expect(scheduled(add)).toBe(add);
  });
});

describe('withSwitches and loopOp', () => {
  it('draw at most three switch points per operation, in order, targets within the threads', () => {
    const ops = sample(withSwitches(spec.op, 4));
    expect(ops.every((op) => (op.switches ?? []).length <= 3)).toBe(true);
    expect(ops.every((op) => (op.switches ?? []).every((point, i, all) => i === 0 || all[i - 1]!.at < point.at))).toBe(
      true,
    );
    expect(new Set(ops.flatMap((op) => (op.switches ?? []).map((point) => point.to)))).toEqual(new Set([0, 1, 2]));
    expect(ops.some((op) => op.switches === undefined)).toBe(true);
    expect(new Set(sample(loopOp(3)).map((op) => op.kind))).toEqual(new Set(['loop']));
  });

  it('switch only to the next worker with two threads', () => {
    expect(
      new Set(sample(withSwitches(spec.op, 2)).flatMap((op) => (op.switches ?? []).map((point) => point.to))),
    ).toEqual(new Set([0]));
  });
});

describe('contractOps', () => {
  it('draws up to eight operations, some the object must reject, with switch points only beside another thread', () => {
    const alone = sample(contractOps(spec, 1));
    expect(Math.max(...alone.map((ops) => ops.length))).toBe(8);
    expect(alone.flat().some((op) => spec.rejects(op) !== undefined)).toBe(true);
    expect(alone.flat().every((op) => op.switches === undefined)).toBe(true);
    expect(
      sample(contractOps(spec, 2))
        .flat()
        .some((op) => op.switches !== undefined),
    ).toBe(true);
  });
});

describe('workload', () => {
  it('gives each worker one to three operations the object accepts', () => {
    const drawn = sample(workload(3, spec));
    expect(
      drawn.every((lists) => lists.length === 3 && lists.every((list) => list.length >= 1 && list.length <= MAX_OPS)),
    ).toBe(true);
    expect(drawn.flat(2).every((op) => spec.rejects(op) === undefined)).toBe(true);
    expect(new Set(drawn.flat(2).map((op) => op.kind))).toEqual(new Set(['add', 'inc', 'value']));
  });

  it('shrinks a failing workload to one operation per worker, the simplest', () => {
    const details = fc.check(
      fc.property(workload(2, spec), () => false),
      { seed: 3 },
    );
    const [shrunk] = details.counterexample as [Op[][]];
    expect(shrunk).toEqual([[add], [add]]);
    expect(withoutSwitches(shrunk)).toEqual(shrunk);
  });
});

describe('singleWriter', () => {
  it('lets worker 0 only write and every other worker only read', () => {
    const drawn = sample(singleWriter(3, spec));
    expect(
      new Set(drawn.map((lists) => lists.map((list) => [...new Set(list.map((op) => op.kind))].join()).join(' | '))),
    ).toEqual(new Set(['add | value | value']));
    expect(drawn.every((lists) => lists.every((list) => list.length >= 1 && list.length <= MAX_OPS))).toBe(true);
  });
});

describe('withoutSwitches', () => {
  it('strips every switch point, keeping the operations', () => {
    const lists: Op[][] = [[{ ...add, switches: [{ at: 0, to: 0 }] }, { kind: 'value' }], []];
    expect(withoutSwitches(lists)).toEqual([[add, { kind: 'value' }], []]);
    expect(lists[0]![0]!.switches).toEqual([{ at: 0, to: 0 }]);
  });
});
