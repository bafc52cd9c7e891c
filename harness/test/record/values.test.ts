/** A value as a person reads it: BigInts with n, -0 as such, float bits as the float they hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitsToFloat, formatValue, holdsFloatBits, numeric, showArgument, showValue } from '../../record/values.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfSteps, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
/** The bits of 0.25 as a BigInt64Array holds them. */
const quarter = 0x3fd0_0000_0000_0000n;

describe('formatValue', () => {
  it('writes BigInts with n, -0 as -0, and anything else as String does', () => {
    expect([formatValue(5n), formatValue(-0), formatValue(0), formatValue(1.5), formatValue('blocks')]).toEqual([
      '5n',
      '-0',
      '0',
      '1.5',
      'blocks',
    ]);
  });
});

describe('bitsToFloat', () => {
  it("reads a 64-bit integer's bits as a float64, negative BigInts as their unsigned bits", () => {
    expect(bitsToFloat(quarter)).toBe(0.25);
    expect(bitsToFloat(-(2n ** 63n))).toBe(-0);
  });
});

describe('float bits', () => {
  const floatStep = step(0, 1, {
    access: 'atomic',
    name: 'compareExchange',
    kind: 'bigint64',
    offset: 8,
    size: 8,
    args: [0n, quarter],
    value: 0n,
  });
  const countStep = step(1, 2, {
    access: 'atomic',
    name: 'add',
    kind: 'bigint64',
    offset: 16,
    size: 8,
    args: [5n],
    value: 2n ** 60n,
  });
  const history = historyOfSteps(spec, [floatStep, countStep]);

  it('are where some value seen is ≥ 2⁵² and a short finite float, and nowhere else', () => {
    expect(holdsFloatBits(history, { offset: 8, size: 8 })).toBe(true);
    // 2⁶⁰'s bits are a float far below 2⁻³⁰: a count, not float bits.
    expect(holdsFloatBits(history, { offset: 16, size: 8 })).toBe(false);
    expect(holdsFloatBits(history, { offset: 0, size: 4 })).toBe(false);
  });

  it('fill the whole 64-bit field they are in (a stripe still at 0n), and no other field', () => {
    const layouts = [
      [
        { kind: 'bigint64', byteOffset: 0, length: 2 },
        { kind: 'bigint64', byteOffset: 16, length: 2 },
      ],
    ];
    const striped = historyOfSteps(spec, [floatStep, countStep], { layouts });
    expect(holdsFloatBits(striped, { offset: 0, size: 8 })).toBe(true);
    expect(showValue(striped, { offset: 0, size: 8 }, 0n)).toBe('0');
    expect(holdsFloatBits(striped, { offset: 24, size: 8 })).toBe(false);
  });

  it('show as the float they hold, 0n as 0; other BigInts with n', () => {
    expect(showValue(history, floatStep, quarter)).toBe('0.25');
    expect(showValue(history, floatStep, 0n)).toBe('0');
    expect(showValue(history, countStep, 5n)).toBe('5n');
    expect(showValue(history, countStep, -0)).toBe('-0');
  });

  it("show an Atomics.add's operand as the integer it adds, other arguments as showValue does", () => {
    const addsBits = { ...floatStep, name: 'add', args: [quarter] };
    expect(showArgument(history, addsBits, quarter)).toBe('4598175219545276416n');
    expect(showArgument(history, floatStep, quarter)).toBe('0.25');
  });

  it('are numeric as the float, other BigInts as the integer, numbers as themselves, anything else as nothing', () => {
    expect(numeric(history, floatStep, quarter)).toBe(0.25);
    expect(numeric(history, countStep, 5n)).toBe(5);
    expect(numeric(history, countStep, 7)).toBe(7);
    expect(numeric(history, countStep, 'ok')).toBeUndefined();
  });

  it("include NaN's and the infinities' bits, what an unchecked add(NaN) leaves, but no other non-finite bits", () => {
    const nanBits = 0x7ff8_0000_0000_0000n;
    const otherNan = 0x7ff8_0000_0000_0001n;
    const special = historyOfSteps(spec, [
      step(0, 1, {
        access: 'atomic',
        name: 'store',
        kind: 'bigint64',
        offset: 8,
        size: 8,
        args: [nanBits],
        value: nanBits,
      }),
      step(0, 2, {
        access: 'atomic',
        name: 'store',
        kind: 'bigint64',
        offset: 16,
        size: 8,
        args: [otherNan],
        value: otherNan,
      }),
    ]);
    expect(showValue(special, { offset: 8, size: 8 }, nanBits)).toBe('NaN');
    expect(holdsFloatBits(special, { offset: 16, size: 8 })).toBe(false);
  });

  it('are not read from the halves of a split 64-bit access', () => {
    const halves = historyOfSteps(spec, [
      step(0, 1, { access: 'write', name: 'write', kind: 'bigint64', offset: 8, size: 8, half: 'lo', value: quarter }),
    ]);
    expect(holdsFloatBits(halves, { offset: 8, size: 8 })).toBe(false);
  });
});
