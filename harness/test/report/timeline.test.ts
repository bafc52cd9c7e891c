/** The timeline of a run, on hand-made histories: each step as the kata wrote it, in time order, one column per worker. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterSpec } from '../../objects/counter.ts';
import { describeStep, formLegend, stepForm, timeline, wrap } from '../../report/timeline.ts';
import { lostUpdateRun } from '../support/lost-update-run.ts';
import { historyOfSteps, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const file = '/k/counter.ts';
const lost = lostUpdateRun(spec, file);
const atomics = historyOfSteps(spec, [
  step(0, 1, { access: 'atomic', name: 'compareExchange', args: [0, 1], value: 0 }),
  step(1, 2, { access: 'atomic', name: 'store', args: [2], value: 2 }),
  step(1, 3, { access: 'atomic', name: 'wait', args: [0], value: 'blocks' }),
  step(1, 4, { access: 'wake', name: 'wait', value: 'ok' }),
  step(0, 5, { kind: 'uint32', half: 'hi', offset: 4, value: 1 }),
]);

describe('timeline', () => {
  it("draws each operation's start and return, and each step numbered with its line, marking the marked ones", () => {
    expect(timeline(lost, { file, marks: [5], width: 60 })).toEqual([
      '  # worker 0                   │ worker 1',
      '    add(1)                     │',
      '  1   read  cell[0] → 0   :7   │',
      '                               │ add(1)',
      '  2                            │   read  cell[0] → 0   :7',
      '  3   write cell[0] ← 1   :8   │',
      '    add(1) returns             │',
      '  4                            │   write cell[0] ← 1   :8 ✗',
      '                               │ add(1) returns',
      '    final value()              │',
      '    final value() returns 1    │',
    ]);
  });

  it('shows at most maxRows rows, saying how many it left out', () => {
    // Every operation's start and return stays, with the marked step and its neighbours: steps 2 and 3 go.
    expect(timeline(lost, { file, marks: [5], width: 60, maxRows: 8 })).toEqual([
      '  # worker 0                   │ worker 1',
      '    add(1)                     │',
      '  1   read  cell[0] → 0   :7   │',
      '                               │ add(1)',
      '    … 2 more rows …',
      '    add(1) returns             │',
      '  4                            │   write cell[0] ← 1   :8 ✗',
      '                               │ add(1) returns',
      '    final value()              │',
      '    final value() returns 1    │',
    ]);
  });
});

describe('a spin in the timeline', () => {
  it('folds the repeats of one step into one row with ×N, the marked last one too, its value kept by its arrow', () => {
    const cas = (t: number) =>
      step(0, t, {
        access: 'atomic',
        name: 'compareExchange',
        args: [0, 1],
        value: 2,
        at: { file, line: 30, column: 7 },
      });
    const spin = historyOfSteps(spec, [1, 2, 3, 4, 5].map(cas), { workers: 1 });
    expect(timeline(spin, { file, marks: [5], width: 34 })).toEqual([
      '  # worker 0',
      '  1   cas(cell[0], 0, 1)  ×5 :30 ✗',
      '          → 2',
      '    Step numbers skip where one row holds several steps:',
      '    a Mutex or Channel call, or a step repeated ×n.',
      '    "Atomics." is left off; cas is compareExchange.',
    ]);
  });
});

describe('a loop that keeps going in the timeline', () => {
  it('draws a few of its rounds, the same steps with other numbers, not as many as maxRows allows', () => {
    // A compareExchange loop that succeeds and goes round again: load n, cas(n, n + 1) → n, 20 times.
    const rounds = Array.from({ length: 20 }, (_, n) => [
      step(0, 2 * n + 1, { access: 'atomic', name: 'load', value: n, at: { file, line: 35, column: 7 } }),
      step(0, 2 * n + 2, {
        access: 'atomic',
        name: 'compareExchange',
        args: [n, n + 1],
        value: n,
        at: { file, line: 37, column: 7 },
      }),
    ]).flat();
    const loop = historyOfSteps(spec, rounds, { workers: 1 });
    const lines = timeline(loop, { file, marks: [40], width: 40, maxRows: 30 });
    expect(lines.filter((line) => line.includes(':37'))).toHaveLength(3);
    expect(lines.filter((line) => line.includes(':35'))).toHaveLength(3);
    expect(lines.map((line) => line.trim())).toContain('… 34 more rows …');
  });
});

describe('describeStep', () => {
  it('writes Atomics calls as the kata did, or short, and waits, wake-ups and 32-bit halves as they happened', () => {
    expect(atomics.steps.map((shown) => describeStep(atomics, shown))).toEqual([
      'Atomics.compareExchange(cell[0], 0, 1) → 0',
      'Atomics.store(cell[0], 2)',
      'Atomics.wait(cell[0], 0) sleeps',
      '… woken',
      'read  cell[0].hi → 00000001',
    ]);
    expect(atomics.steps.slice(0, 3).map((shown) => describeStep(atomics, shown, 'short'))).toEqual([
      'cas(cell[0], 0, 1) → 0',
      'store(cell[0], 2)',
      'wait(cell[0], 0) sleeps',
    ]);
  });
});

describe('stepForm and formLegend', () => {
  it('writes every step short when one does not fit, and explains the short form only then', () => {
    expect([stepForm(atomics, () => 80), stepForm(atomics, () => 20)]).toEqual(['full', 'short']);
    expect(formLegend(atomics, 'short')).toBe('"Atomics." is left off; cas is compareExchange.');
    expect(formLegend(atomics, 'full')).toBeUndefined();
    expect(formLegend(lost, 'short')).toBeUndefined();
  });
});

describe('wrap', () => {
  it('breaks after a comma or a space, indenting the lines after the first', () => {
    expect(wrap('Atomics.compareExchange(cell[0], 0, 1) → 0', 20, '      ')).toEqual([
      'Atomics.compareExcha',
      '      nge(cell[0],',
      '      0, 1) → 0',
    ]);
    expect(wrap('read  cell[0] → 0', 20, '      ')).toEqual(['read  cell[0] → 0']);
    expect(wrap('cas(bits[0], 0, 0.25) → 0.25', 26, '      ')).toEqual(['cas(bits[0], 0, 0.25)', '      → 0.25']);
  });

  it('ends when the room is no wider than the indent (a narrow column, and a long line number or ×count beside the step)', () => {
    expect(wrap('write cell[0] ← 1', 4, '      ')).toEqual([
      'write c',
      '      e',
      '      l',
      '      l',
      '      [',
      '      0',
      '      ]',
      '      ←',
      '      1',
    ]);
  });
});
