/**
 * The reports' tests' hand-made check of kata-x: its kata, file and command, and the lost update
 * (test/support/lost-update-run.ts) as a finding with the timeline the reports draw of it at width 60.
 */
import { join } from 'node:path';
import { resolveKata } from '../../curriculum/resolve.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { lostUpdateRun } from '../support/lost-update-run.ts';

export const kata = (concurrency: 'required' | 'lesson') =>
  resolveKata(
    { id: 'kata-x', title: 'the x counter', file: 'counter.ts' },
    {
      concurrency,
      workers: 2,
      deltas: wholeDeltas,
      lesson: 'Two threads, one number: the lesson.',
      allocationBudget: 0,
    },
    process.cwd(),
    'kata-y',
  );
export const implementation = join(process.cwd(), 'katas/kata-x/counter.ts');
export const command = 'npm run check kata-x --';
export const add: Op = { kind: 'add', arg: 1 };
export const lost = lostUpdateRun(kata('required').spec, implementation);
export const finding = {
  detector: 'lost-update' as const,
  summary: 'lost update: 2 adds should sum to 2, but value() is 1',
  details: ['Both adds read 0 before either wrote.'],
  marks: [5],
  expected: '2',
  actual: '1',
};
export const timeline = [
  '    # worker 0                  │ worker 1',
  '      add(1)                    │',
  '    1   read  cell[0] → 0  :7   │',
  '                                │ add(1)',
  '    2                           │   read  cell[0] → 0  :7',
  '    3   write cell[0] ← 1  :8   │',
  '      add(1) returns            │',
  '    4                           │   write cell[0] ← 1  :8 ✗',
  '                                │ add(1) returns',
  '      final value()             │',
  '      final value() returns 1   │',
];
/** findingLines are the lost update's expected value, timeline and details, as every text report draws them under its headline. */
export const findingLines = ['  expected 2, got 1', '', ...timeline, '', '  Both adds read 0 before either wrote.', ''];
