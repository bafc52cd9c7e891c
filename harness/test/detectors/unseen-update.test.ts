/**
 * A read that missed an update, told from the steps: the update changed nothing in memory, or wrote
 * where the read never looked; or the read saw every write and made its result wrong from them.
 * Each has a variant the explanation must not fire on.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../detectors/contract.ts';
import { lostUpdate } from '../../detectors/lost-update.ts';
import { linearizability } from '../../detectors/linearizability.ts';
import { unseenUpdate } from '../../detectors/unseen-update.ts';
import { counterSpec, wholeDeltas } from '../../objects/counter.ts';
import { OP_FINAL } from '../../scheduler/protocol.ts';
import { historyOfSteps, opRecord, step, view } from '../support/step-histories.ts';

const spec = counterSpec(wholeDeltas);
const at = (line: number) => ({ file: 'counter.ts', line, column: 5 });
const cells = [view({ id: 0, kind: 'bigint64', byteOffset: 0, byteLength: 32, name: 'cells' })];
const record = opRecord;
/** cell is an Atomics step on cells[i] (bytes 8i..8i+8) of worker 0. */
const cell = (t: number, op: number, i: number, name: 'add' | 'load', args: unknown[], value: unknown, line: number) =>
  step(0, t, {
    op,
    index: i,
    offset: 8 * i,
    size: 8,
    kind: 'bigint64',
    access: 'atomic',
    name,
    args,
    value,
    at: at(line),
  });

/** oneAdd is add(2) by one Atomics.add of `added` to cells[`wrote`], then value() loading cells[`read`]. */
function oneAdd({ wrote, added, read }: { wrote: number; added: bigint; read: number }, result: number) {
  const add = record(0, 0, { kind: 'add', arg: 2 }, 1, 1);
  const value = record(0, 1, { kind: 'value' }, 2, 2, result);
  const steps = [cell(1, 0, wrote, 'add', [added], 0n, 40), cell(2, 1, read, 'load', [], added, 52)];
  return { history: historyOfSteps(spec, steps, { ops: [add, value], views: [cells, cells] }), value };
}

describe('unseenUpdate', () => {
  it('names the write that changed nothing, at its line', () => {
    const { history, value } = oneAdd({ wrote: 0, added: 0n, read: 0 }, 0);
    const unseen = unseenUpdate(history, value);
    expect(unseen?.kind).toBe('unchanged');
    expect(unseen?.details.join(' ')).toBe(
      'add(2) changed nothing in shared memory: its write at line 40 left cells[0] at 0n, so value() could not see it.',
    );
    expect(unseen?.at?.line).toBe(40);
    expect(contract(history)?.at?.line).toBe(40);
  });

  it('takes a word an update changed and gave back (a lock) for no change', () => {
    const add = record(0, 0, { kind: 'add', arg: 2 }, 1, 2);
    const value = record(0, 1, { kind: 'value' }, 3, 3, 0);
    const steps = [
      cell(1, 0, 0, 'add', [1n], 0n, 30),
      cell(2, 0, 0, 'add', [-1n], 1n, 34),
      cell(3, 1, 1, 'load', [], 0n, 52),
    ];
    const unseen = unseenUpdate(historyOfSteps(spec, steps, { ops: [add, value], views: [cells, cells] }), value);
    expect(unseen?.kind).toBe('unchanged');
    expect(unseen?.at?.line).toBe(34);
  });

  it('names the place written that the read never read, and the read line', () => {
    const { history, value } = oneAdd({ wrote: 1, added: 2n, read: 0 }, 0);
    const unseen = unseenUpdate(history, value);
    expect(unseen?.kind).toBe('unread');
    expect(unseen?.details[0]).toBe(
      'add(2) wrote cells[1] at line 40, but value() read cells[0] at line 52, never cells[1].',
    );
    expect(unseen?.at?.line).toBe(52);
  });

  it('says nothing of a read that saw the write and returned it', () => {
    const { history, value } = oneAdd({ wrote: 0, added: 2n, read: 0 }, 2);
    expect(unseenUpdate(history, value)).toBeUndefined();
    expect(contract(history)).toBeUndefined();
  });

  it('tells a final read that saw every write and summed their bits: no lost update, but a wrong read', () => {
    const bits = (value: number) => new BigInt64Array(new Float64Array([value]).buffer)[0]!;
    const quarter = bits(0.25);
    const sum = new Float64Array(new BigInt64Array([quarter + quarter]).buffer)[0]!;
    const adds = [record(0, 0, { kind: 'add', arg: 0.25 }, 1, 1), record(1, 0, { kind: 'add', arg: 0.25 }, 2, 2)];
    const final = record(0, OP_FINAL, { kind: 'value' }, 3, 4, sum);
    const steps = [
      { ...cell(1, 0, 0, 'add', [quarter], 0n, 40) },
      { ...cell(2, 0, 1, 'add', [quarter], 0n, 40), worker: 1 },
      cell(3, OP_FINAL, 0, 'load', [], quarter, 52),
      cell(4, OP_FINAL, 1, 'load', [], quarter, 52),
    ];
    const history = historyOfSteps(spec, steps, { ops: adds, final, views: [cells, cells] });
    expect(lostUpdate(history)).toBeUndefined();
    const finding = linearizability(history);
    expect(finding?.at?.line).toBe(52);
    expect(finding?.details.join(' ')).toContain(
      'value() read cells[0] = 0.25, cells[1] = 0.25, which sum to 0.5, the count it should return, and returned',
    );
    expect(finding?.details.join(' ')).toContain('is the float whose bits are the sum of the bits value() read');
  });
});
