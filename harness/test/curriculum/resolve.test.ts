/** resolveKata: a manifest entry and a definition, resolved once into the Kata everything downstream reads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KataDefinition, ManifestEntry } from '../../curriculum/definition.ts';
import { resolveKata, withLoopThreads } from '../../curriculum/resolve.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { histogramSpec } from '../../objects/histogram.ts';
import { describeOp, type Op } from '../../scheduler/protocol.ts';

const entry: ManifestEntry = { id: 'kata-x', title: 'the x counter', file: 'counter.ts' };
const counter: KataDefinition = { concurrency: 'required', workers: 2, deltas: wholeDeltas };
const add = (arg: number): Op => ({ kind: 'add', arg });
const value: Op = { kind: 'value' };

describe('resolveKata', () => {
  it('titles a bonus kata with "(bonus)", and keeps the next kata the manifest names', () => {
    const bonus = resolveKata({ ...entry, bonus: true }, counter, '/repo', 'kata-y');
    expect([bonus.title, bonus.bonus, bonus.next]).toEqual(['the x counter (bonus)', true, 'kata-y']);
    const plain = resolveKata(entry, counter, '/repo', undefined);
    expect([plain.title, plain.bonus]).toEqual(['the x counter', false]);
    expect('next' in plain).toBe(false);
  });

  it("puts the kata's files under the root", () => {
    expect(resolveKata(entry, counter, '/repo', undefined).paths).toEqual({
      kata: '/repo/katas/kata-x/counter.ts',
      solution: '/repo/solutions/kata-x/counter.ts',
      stub: '/repo/checks/kata-x/stub.ts',
      hints: '/repo/checks/kata-x/hints.md',
      checks: '/repo/checks/kata-x',
    });
  });

  it('counts a loop thread beside the workers', () => {
    expect(resolveKata(entry, counter, '/repo', undefined).threads).toEqual({
      workers: 2,
      loops: 0,
      total: 2,
      pool: 2,
    });
    expect(resolveKata(entry, { ...counter, workers: 3, loop: true }, '/repo', undefined).threads).toEqual({
      workers: 3,
      loops: 1,
      total: 4,
      pool: 4,
    });
  });

  it('starts a pool with enough threads for the widest systematic workload, beside any loop thread', () => {
    const wide = { ...counter, systematic: [[[{ kind: 'inc' }], [{ kind: 'inc' }], [{ kind: 'inc' }]]] };
    expect(resolveKata(entry, wide, '/repo', undefined).threads).toEqual({ workers: 2, loops: 0, total: 2, pool: 3 });
    expect(resolveKata(entry, { ...wide, loop: true }, '/repo', undefined).threads.pool).toBe(4);
  });

  it('defaults to a counter subject on a 64-bit machine that any worker writes', () => {
    const kata = resolveKata(entry, counter, '/repo', undefined);
    expect([kata.subject, kata.platform, kata.writers, kata.spec.name]).toEqual([
      'counter',
      '64-bit',
      'any',
      'counter',
    ]);
    const own = resolveKata(
      entry,
      { ...counter, subject: 'lock', platform: '32-bit', writers: 'single' },
      '/repo',
      undefined,
    );
    expect([own.subject, own.platform, own.writers]).toEqual(['lock', '32-bit', 'single']);
  });

  it("takes a definition's own object spec over a counter, and refuses a definition with neither", () => {
    expect(
      resolveKata(entry, { concurrency: 'required', workers: 2, object: histogramSpec }, '/repo', undefined).spec,
    ).toBe(histogramSpec);
    expect(() => resolveKata(entry, { concurrency: 'required', workers: 2 }, '/repo', undefined)).toThrow(
      new TypeError("kata-x's definition gives neither an object spec nor a counter's deltas"),
    );
  });

  it('defaults the policy: the stub is not solved, and allocations go unchecked without a budget', () => {
    expect(resolveKata(entry, counter, '/repo', undefined).policy).toEqual({
      concurrency: 'required',
      stubShows: 'not-solved',
    });
  });

  it('fails a kata over its allocation budget unless it says "note", and keeps what the budget holds for', () => {
    expect(resolveKata(entry, { ...counter, allocationBudget: 0 }, '/repo', undefined).policy.allocations).toEqual({
      budget: 0,
      mode: 'budget',
    });
    const noted = resolveKata(
      entry,
      {
        ...counter,
        concurrency: 'lesson',
        lesson: 'why',
        stubShows: 'torn-read',
        allocationBudget: 16,
        allocations: 'note',
        budgeted: ['add'],
      },
      '/repo',
      undefined,
    );
    expect(noted.policy).toEqual({
      concurrency: 'lesson',
      lesson: 'why',
      stubShows: 'torn-read',
      allocations: { budget: 16, mode: 'note', budgeted: ['add'] },
    });
  });

  it('explores two writers that read, a read beside three adds, one add on both workers, and an invalid add beside a valid one, by default', () => {
    // The two deltas fast-check draws first with seed 1, and the delta an invalid add shrinks to.
    const [a, b] = fc.sample(wholeDeltas, { numRuns: 2, seed: 1 });
    expect([a, b]).toEqual([3, 4]);
    expect(resolveKata(entry, counter, '/repo', undefined).workloads).toEqual([
      [
        [add(3), value],
        [add(4), value],
      ],
      // A read that reads the counter in parts can see add(4) without the add(3) before it, or the
      // last add(3) without add(4): only one thread's adds, both inside the read, show that.
      [[add(3), add(4), add(3)], [value]],
      // Two adds of 3 at once: two writers of whatever part add(3) takes, which the pair may never have.
      [[add(3)], [add(3), value]],
      [[add(-1)], [add(3)]],
      // The counter's boundary, add(0), which it must accept: on worker 0 alone.
      [[add(0), value], []],
    ]);
  });

  it('explores no invalid add with other than two workers, and one writer beside one reader, then two, for a single writer', () => {
    expect(resolveKata(entry, { ...counter, workers: 3 }, '/repo', undefined).workloads).toEqual([
      [
        [add(3), value],
        [add(4), value],
      ],
      [[add(3), add(4), add(3)], [value]],
      [[add(3)], [add(3), value]],
      [[add(0), value], []],
    ]);
    // Two readers can sleep through one write at once: a notify that wakes one leaves the other asleep.
    expect(resolveKata(entry, { ...counter, writers: 'single' }, '/repo', undefined).workloads).toEqual([
      [[add(3), add(4)], [value, value], []],
      [[add(3)], [value], [value]],
      [[add(0), value], [], []],
    ]);
  });

  it("explores the definition's own workloads when it names them", () => {
    const systematic = [[[add(1)], [value]]];
    expect(resolveKata(entry, { ...counter, systematic }, '/repo', undefined).workloads).toEqual([
      ...systematic,
      [[add(0), value], []],
    ]);
  });

  it('explores, after its own workloads, every edge its spec accepts on worker 0, as wide as the others', () => {
    const write: Op = { kind: 'write' };
    const systematic = [[[write], [write], []]];
    const workloads = resolveKata(
      entry,
      { ...counter, object: histogramSpec, systematic },
      '/repo',
      undefined,
    ).workloads;
    expect(workloads).toHaveLength(2);
    expect(workloads[0]).toBe(systematic[0]);
    const [edges, ...idle] = workloads[1]!;
    expect(idle).toEqual([[], []]);
    expect(edges!.map(describeOp)).toEqual([
      ...['0', '-0', '-1', 'NaN', 'Infinity', '-Infinity'].map((arg) => `observe(${arg})`),
      ...['0.234375', '0.25', '0.265625', '0.984375', '1', '1.015625', '3.984375', '4', '4.015625'].map(
        (arg) => `observe(${arg})`,
      ),
      'write()',
    ]);
  });

  it('draws the default workloads from the spec the deltas make', () => {
    const constant = resolveKata(entry, { ...counter, deltas: fc.constant(2) }, '/repo', undefined);
    expect(constant.workloads[0]).toEqual([
      [add(2), value],
      [add(2), value],
    ]);
  });
});

describe('withLoopThreads', () => {
  it("adds one loop() per loop thread after the workers' lists, copying them", () => {
    const workload = [[add(1)], [value]];
    const looped = resolveKata(entry, { ...counter, loop: true }, '/repo', undefined);
    const ops = withLoopThreads(looped, workload);
    expect(ops).toEqual([[add(1)], [value], [{ kind: 'loop' }]]);
    expect(ops[0]).not.toBe(workload[0]);
    expect(withLoopThreads(resolveKata(entry, counter, '/repo', undefined), workload)).toEqual([[add(1)], [value]]);
  });
});
