/** What each worker does in one case, drawn by fast-check: operations, their switch points, and the shapes of the workloads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contractOps,
  describeWorkload,
  loopOp,
  MAX_OPS,
  scheduled,
  singleWriter,
  withoutSwitches,
  withEdges,
  withSwitches,
  workload,
} from '../../engine/workloads.ts';
import { counterSpec } from '../../objects/counter.ts';
import { histogramSpec, observeEdges } from '../../objects/histogram.ts';
import { describeOp } from '../../scheduler/protocol.ts';
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
    // and, beside them, the delta a counter still accepts: add(0)
    expect(alone.flat().some((op) => op.kind === 'add' && Object.is(op.arg, 0))).toBe(true);
    expect(
      sample(workload(2, spec))
        .flat(2)
        .some((op) => op.kind === 'add' && op.arg === 0),
    ).toBe(false);
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

describe('withEdges', () => {
  it('draws every edge the spec accepts (NaN, ±Infinity, -0, each bound and either side of it) beside its ordinary values', () => {
    const drawn = new Set(
      fc.sample(withEdges(histogramSpec.op, histogramSpec), { numRuns: 1000, seed: 11 }).map(describeOp),
    );
    for (const edge of observeEdges) expect(drawn).toContain(describeOp({ kind: 'observe', arg: edge }));
    expect(drawn).toContain('observe(6.5)');
    expect(drawn).toContain('write()');
  });

  it("draws a histogram's edges in every workload, singleWriter's too, and a counter's only where they are rejected", () => {
    const concurrent = sample(workload(2, histogramSpec)).flat(2).map(describeOp);
    const published = sample(singleWriter(2, histogramSpec)).flat(2).map(describeOp);
    for (const drawn of [concurrent, published]) expect(drawn).toContain('observe(NaN)');
    expect(sample(contractOps(histogramSpec, 1)).flat().map(describeOp)).toContain('observe(-0)');
    expect(withEdges(spec.op, spec)).toBe(spec.op);
    expect(sample(contractOps(spec, 1)).flat().map(describeOp)).toContain('add(NaN)');
  });

  it('shrinks a failing edge to an ordinary value when one fails too, else to the first edge listed that fails', () => {
    const shrunk = (fails: (op: Op) => boolean) =>
      (
        fc.check(
          fc.property(withEdges(histogramSpec.op, histogramSpec), (op) => !fails(op)),
          { seed: 5 },
        ).counterexample as [Op]
      )[0];
    expect(describeOp(shrunk((op) => op.kind === 'observe'))).toBe('observe(0.5)');
    expect(describeOp(shrunk((op) => op.kind === 'observe' && !(op.arg! >= 0.25)))).toBe('observe(0)');
    expect(describeOp(shrunk((op) => op.kind === 'observe' && Number.isNaN(op.arg)))).toBe('observe(NaN)');
  });
});

describe('describeWorkload', () => {
  it("names each busy worker's operations, and cuts a long run of one method short", () => {
    expect(describeWorkload([[add, { kind: 'value' }], [], [{ kind: 'inc' }]], true)).toBe(
      'worker 0: add(2), value(); worker 2: inc(), beside the loop',
    );
    const edges = observeEdges.map((arg): Op => ({ kind: 'observe', arg }));
    expect(describeWorkload([[...edges, { kind: 'write' }], []])).toBe(
      `worker 0: observe() of 0, -0, -1, NaN and ${edges.length - 4} more, write()`,
    );
  });
});
