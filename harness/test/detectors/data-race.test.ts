/**
 * The happens-before race detector follows ECMAScript's memory model (ECMA-262 §29, and the waiter
 * lists of §25.4): each edge it uses, and each it must not use, is pinned here on a small history.
 */
import { counterSpec } from '../../objects/counter.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { describe, expect, it } from 'vitest';
import type { History } from '../../record/history.ts';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { dataRace } from '../../detectors/data-race.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';
import type { StepAccess } from '../../scheduler/protocol.ts';

/** A step as [worker, access, name, offset, size, value, args]: `cell` is bytes 0..8, `flag` bytes 8..12. */
type Spec = [number, StepAccess, string, number, number, unknown?, unknown[]?];

function history(specs: Spec[], workers = 2): History {
  const steps = specs.map(([worker, access, name, offset, size, value = 0, args = []], i) =>
    step(worker, i + 1, {
      access,
      view: offset === 0 ? 0 : 1,
      offset,
      size,
      kind: size === 8 ? 'float64' : 'int32',
      name,
      args,
      value,
    }),
  );
  const views = [view({ kind: 'float64', byteLength: 8 }), view({ id: 1, byteOffset: 8, name: 'flag' })];
  return historyOfSteps(counterSpec(wholeDeltas), steps, {
    workers,
    views: Array.from({ length: workers }, () => views),
  });
}

const race = (specs: Spec[]) => dataRace(history(specs))?.detector;

describe('dataRace, edge by edge', () => {
  it('flags a plain write and a plain read from two workers with nothing between them', () => {
    const found = dataRace(
      history([
        [0, 'write', 'write', 0, 8, 1],
        [1, 'read', 'read', 0, 8],
      ]),
    );
    expect(found?.detector).toBe('data-race');
    expect(found?.summary).toBe('WARNING: DATA RACE on cell[0]');
    // What to write instead: the later plain access, made an Atomics call.
    expect(found?.details[3]).toBe('Make the plain read an Atomics call (Atomics.load), or hold one lock around both.');
  });

  it('says to make a plain write atomic when the race is an Atomics read against it', () => {
    const found = dataRace(
      history([
        [0, 'write', 'write', 0, 8, 1],
        [1, 'atomic', 'load', 0, 8],
      ]),
    );
    expect(found?.details[3]).toBe(
      'Make the plain write an Atomics call (Atomics.store, or Atomics.add for a read-then-write), or hold one lock around both.',
    );
  });

  it.each<[string, Spec[], 'data-race' | undefined]>([
    [
      'ignores two reads',
      [
        [0, 'read', 'read', 0, 8],
        [1, 'read', 'read', 0, 8],
      ],
      undefined,
    ],
    [
      'orders through an atomic store that an atomic load reads (§29.6.5 synchronizes-with)',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'store', 8, 4, 1, [1]],
        [1, 'atomic', 'load', 8, 4, 1],
        [1, 'read', 'read', 0, 8],
      ],
      undefined,
    ],
    [
      'does not order through a load: a load releases nothing',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'load', 8, 4, 0],
        [1, 'atomic', 'load', 8, 4, 0],
        [1, 'read', 'read', 0, 8],
      ],
      'data-race',
    ],
    [
      'does not order through a store followed by another store: a store acquires nothing',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'store', 8, 4, 1, [1]],
        [1, 'atomic', 'store', 8, 4, 2, [2]],
        [1, 'read', 'read', 0, 8],
      ],
      'data-race',
    ],
    [
      'orders through a chain of read-modify-writes',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'add', 8, 4, 0, [1]],
        [1, 'atomic', 'add', 8, 4, 1, [1]],
        [1, 'read', 'read', 0, 8],
      ],
      undefined,
    ],
    [
      'does not order through a compareExchange that failed: it only read (§25.4.3.16)',
      [
        [1, 'read', 'read', 0, 8],
        [1, 'atomic', 'compareExchange', 8, 4, 5, [0, 1]],
        [0, 'atomic', 'load', 8, 4, 5],
        [0, 'write', 'write', 0, 8, 1],
      ],
      'data-race',
    ],
    [
      'does not order through Atomics on other bytes',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'store', 8, 4, 1, [1]],
        [1, 'atomic', 'load', 0, 4, 0],
        [1, 'read', 'read', 0, 8],
      ],
      'data-race',
    ],
    [
      'never flags two Atomics on exactly the same bytes',
      [
        [0, 'atomic', 'store', 8, 4, 1, [1]],
        [1, 'atomic', 'store', 8, 4, 2, [2]],
        [1, 'atomic', 'load', 8, 4, 2],
      ],
      undefined,
    ],
    [
      'orders a notify that woke nobody before a later wait on the same bytes (§25.4.15: the critical section)',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'notify', 8, 4, 0],
        [1, 'atomic', 'wait', 8, 4, 'not-equal', [7]],
        [1, 'read', 'read', 0, 8],
      ],
      undefined,
    ],
    [
      'orders a notify before the wake-up it caused',
      [
        [1, 'atomic', 'wait', 8, 4, 'blocks', [0]],
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'notify', 8, 4, 1],
        [1, 'wake', 'woken', 8, 4, 'ok'],
        [1, 'read', 'read', 0, 8],
      ],
      undefined,
    ],
    [
      'does not order a notify before a plain load of the same bytes: loads do not enter the critical section',
      [
        [0, 'write', 'write', 0, 8, 1],
        [0, 'atomic', 'notify', 8, 4, 0],
        [1, 'atomic', 'load', 8, 4, 0],
        [1, 'read', 'read', 0, 8],
      ],
      'data-race',
    ],
    [
      'treats the bytes as the location, whichever view reached them',
      [
        [0, 'write', 'write', 4, 4, 1],
        [1, 'read', 'read', 0, 8],
      ],
      'data-race',
    ],
  ])('%s', (_, specs, detector) => {
    expect(race(specs)).toBe(detector);
  });

  it('flags Atomics of different sizes on overlapping bytes: they never synchronize, and they race', () => {
    const found = dataRace(
      history([
        [0, 'atomic', 'store', 0, 8, 1, [1]],
        [1, 'atomic', 'load', 0, 4, 1],
      ]),
    );
    expect(found?.detector).toBe('data-race');
    expect(found?.details[2]).toMatch(/different bytes of the same memory/);
  });
});

describe('the races property', () => {
  it('catches an unlocked read that lost-update and linearizability detection miss', async () => {
    const check = await loadKata('kata-2');
    const result = await examine(check, { implementation: `${root}checks/kata-2/mutants/unlocked-read.ts`, seed: 5 });
    const races = result.properties.find((property) => property.property === 'races')!;
    expect(races.status).toBe('fail');
    expect(races.failure!.finding.details[0]).toMatch(
      /^(read|write) by worker \d at line \d+ \(UnlockedRead\.(value|add)\)$/,
    );
  });

  it('passes the mutex solution, whose plain accesses the lock orders', async () => {
    const check = await loadKata('kata-2');
    const result = await examine(check, { implementation: check.paths.solution, seed: 5 });
    expect(result.properties.find((property) => property.property === 'races')?.status).toBe('pass');
  });

  it('starts from the very run that raced, under PCT too, and shrinks it', async () => {
    const check = await loadKata('kata-2');
    const result = await examine(check, {
      implementation: `${root}checks/kata-2/mutants/unlocked-read.ts`,
      seed: 5,
      pct: 3,
    });
    const concurrency = result.properties.find((property) => property.property === 'concurrency')!;
    const races = result.properties.find((property) => property.property === 'races')!;
    expect(concurrency.racy).toBeDefined();
    expect(races.failure?.finding.detector).toBe('data-race');
    expect(races.failure?.counterexample.pct).toBeDefined();
  });
});
