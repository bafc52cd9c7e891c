/** memoryCells: the shared cells as the play page shows them, read back as their views read them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterSpec } from '../../objects/counter.ts';
import { memoryCells } from '../../play/memory-cells.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));

describe('memoryCells', () => {
  it('reads a 16-bit and an 8-bit signed cell back whole, with their sign', () => {
    const steps = [
      step(0, 1, { access: 'write', name: 'write', kind: 'int16', size: 2, offset: 0, args: [-300], value: -300 }),
      step(0, 2, { access: 'write', name: 'write', kind: 'int8', size: 1, offset: 4, args: [-5], value: -5, view: 1 }),
    ];
    const views = [
      [
        view({ kind: 'int16', byteLength: 2, name: 'half' }),
        view({ id: 1, kind: 'int8', byteOffset: 4, byteLength: 1, name: 'byte' }),
      ],
      [],
    ];
    const cells = memoryCells(historyOfSteps(spec, steps, { views }), 2, 8);
    expect(cells.map((cell) => [cell.name, cell.value])).toEqual([
      ['half[0]', '-300'],
      ['byte[0]', '-5'],
    ]);
  });
});
