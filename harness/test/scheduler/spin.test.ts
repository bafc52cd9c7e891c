/** SpinDetector: the same reads seeing the same values `patience` times in a row (three by default) is a spin; anything less is not. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIN_PATIENCE, LONG_SPIN_PATIENCE, MAX_WATCHES } from '../../scheduler/control.ts';
import { SpinDetector } from '../../scheduler/spin-detector.ts';

describe('SpinDetector', () => {
  it('sees a one-read loop on its third read of the same value, and watches its bytes', () => {
    const spin = new SpinDetector();
    expect([spin.read('load', 0, 4, 0), spin.read('load', 0, 4, 0), spin.read('load', 0, 4, 0)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(spin.cycle).toBe(1);
    expect(spin.watches()).toEqual([0, 4]);
  });

  it('sees a two-read loop on its sixth read, and watches both, the last read first', () => {
    const spin = new SpinDetector();
    const seen: boolean[] = [];
    for (let round = 0; round < 3; round++) seen.push(spin.read('load', 0, 4, 1), spin.read('read', 8, 12, 0));
    expect(seen).toEqual([false, false, false, false, false, true]);
    expect(spin.cycle).toBe(2);
    expect(spin.watches()).toEqual([8, 12, 0, 4]);
  });

  it("does not take a sequence lock's second look, or a value that changed, for a spin", () => {
    const spin = new SpinDetector();
    expect([spin.read('load', 0, 4, 2), spin.read('load', 0, 4, 2)]).toEqual([false, false]);
    expect(spin.read('load', 0, 4, 3)).toBe(false);
    expect(spin.cycle).toBe(0);
  });

  it('tells values apart as Object.is does: NaN repeats, 0 and -0 differ', () => {
    const nan = new SpinDetector();
    expect([0, 1, 2].map(() => nan.read('read', 0, 8, Number.NaN))).toEqual([false, false, true]);
    const zeros = new SpinDetector();
    expect([0, -0, 0].map((value) => zeros.read('read', 0, 8, value))).toEqual([false, false, false]);
  });

  it('forgets every read on reset', () => {
    const spin = new SpinDetector();
    spin.read('load', 0, 4, 0);
    spin.read('load', 0, 4, 0);
    spin.reset();
    expect(spin.read('load', 0, 4, 0)).toBe(false);
  });

  it('recognises a loop of MAX_WATCHES reads, and not a longer one', () => {
    const loop = (length: number) => {
      const spin = new SpinDetector();
      let found = false;
      for (let round = 0; round < 3; round++)
        for (let k = 0; k < length; k++) found = spin.read('load', 4 * k, 4 * k + 4, 0);
      return { found, cycle: spin.cycle };
    };
    expect(loop(MAX_WATCHES)).toEqual({ found: true, cycle: MAX_WATCHES });
    expect(loop(MAX_WATCHES + 1)).toEqual({ found: false, cycle: 0 });
  });

  it("still sees a cycle while its bytes hold what it read, and not once another worker has changed them (Dekker's waiter)", () => {
    const bytes = new Uint8Array(8);
    const spin = new SpinDetector(bytes);
    bytes[0] = 1;
    for (let round = 0; round < 3; round++) {
      spin.read('load', 0, 4, 1 << 24);
      spin.read('load', 4, 8, 0);
    }
    expect([spin.cycle, spin.stillSees()]).toEqual([2, true]);
    // The partner lowers its flag after the waiter's last look at it: the next look learns something new.
    bytes[0] = 0;
    expect(spin.stillSees()).toBe(false);
  });

  it("sees a loop that writes the same values each time round (Eisenberg and McGuire's waiter), and watches only its reads", () => {
    const spin = new SpinDetector();
    const found: boolean[] = [];
    for (let round = 0; round < 3; round++)
      found.push(
        spin.write('store', 0, 4, 1),
        spin.read('load', 8, 12, 0),
        spin.write('store', 0, 4, 2),
        spin.read('load', 4, 8, 2),
      );
    expect(found).toEqual([...new Array<boolean>(11).fill(false), true]);
    expect(spin.cycle).toBe(4);
    expect(spin.watches()).toEqual([4, 8, 8, 12]);
  });

  it('does not take a loop that only writes, or one that writes a new value each time, for a spin', () => {
    const writesOnly = new SpinDetector();
    for (let round = 0; round < 3; round++) {
      writesOnly.write('store', 0, 4, 1);
      writesOnly.write('store', 0, 4, 2);
    }
    expect(writesOnly.cycle).toBe(0);
    const counts = new SpinDetector();
    for (let round = 0; round < 3; round++) {
      counts.read('load', 4, 8, 1);
      counts.write('add', 0, 4, round);
    }
    expect(counts.cycle).toBe(0);
  });

  it('no longer sees a writing loop once another worker has changed a cell it last wrote', () => {
    const bytes = new Uint8Array(8);
    const spin = new SpinDetector(bytes);
    for (let round = 0; round < 3; round++) {
      bytes[3] = 1;
      spin.write('store', 0, 4, 1);
      spin.read('load', 4, 8, 0);
    }
    expect([spin.cycle, spin.stillSees()]).toEqual([2, true]);
    bytes[3] = 0;
    expect(spin.stillSees()).toBe(false);
  });

  it("at a long patience lets Rust std's 100 looks run out, and sees a spin only on the patience-th time round", () => {
    const spin = new SpinDetector();
    spin.patience = LONG_SPIN_PATIENCE;
    // Rust's futex mutex: 100 loads of LOCKED, then a swap to CONTENDED, which is no spin.
    const looks = Array.from({ length: 100 }, () => spin.read('load', 0, 4, 1));
    expect(looks.includes(true)).toBe(false);
    expect(spin.write('exchange', 0, 4, 2)).toBe(false);
    // An unbounded spin is one all the same, the patience-th time round, whatever its length.
    for (const length of [1, 3, MAX_WATCHES]) {
      spin.reset();
      const seen: boolean[] = [];
      for (let round = 0; round < LONG_SPIN_PATIENCE; round++)
        for (let k = 0; k < length; k++) seen.push(spin.read('load', 4 * k, 4 * k + 4, k));
      expect(seen.indexOf(true)).toBe(length * LONG_SPIN_PATIENCE - 1);
      expect(spin.cycle).toBe(length);
    }
  });

  it('counts the rounds afresh from the look that saw a value change, at a long patience as at the default', () => {
    for (const patience of [DEFAULT_SPIN_PATIENCE, LONG_SPIN_PATIENCE]) {
      const spin = new SpinDetector();
      spin.patience = patience;
      for (let k = 0; k < patience - 1; k++) spin.read('load', 0, 4, 1);
      expect(spin.read('load', 0, 4, 2)).toBe(false);
      const again = Array.from({ length: patience - 1 }, () => spin.read('load', 0, 4, 2));
      expect(again.indexOf(true)).toBe(patience - 2);
    }
  });
});
