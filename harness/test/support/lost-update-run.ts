/**
 * A lost update written out by hand, for the reports' tests: both workers read 0 from `cell` and
 * write 1 (lines 7 and 8 of `file`), and the final read says 1.
 */
import type { History } from '../../record/history.ts';
import type { ObjectSpec } from '../../objects/object-spec.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { historyOfSteps, step } from './step-histories.ts';

const add: Op = { kind: 'add', arg: 1 };

export function lostUpdateRun(spec: ObjectSpec, file: string): History {
  const at = (line: number) => ({ file, line, column: 5 });
  return historyOfSteps(
    spec,
    [
      step(0, 1, { at: at(7) }),
      step(1, 2, { at: at(7) }),
      step(0, 3, { access: 'write', name: 'write', args: [1], value: 1, at: at(8) }),
      step(1, 5, { access: 'write', name: 'write', args: [1], value: 1, at: at(8) }),
    ],
    {
      ops: [
        { worker: 0, index: 0, op: add, begin: 1, end: 4 },
        { worker: 1, index: 0, op: add, begin: 2, end: 6 },
      ],
      final: { worker: 0, index: -2, op: { kind: 'value' }, begin: 7, end: 7, result: 1 },
      workload: [[add], [add]],
    },
  );
}
