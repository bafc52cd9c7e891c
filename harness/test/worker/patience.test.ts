/** How long a worker spins before it parks: longer after waits that ended while it spun, shorter after those that did not. */
import { describe, expect, it } from 'vitest';
import { Patience } from '../../worker/patience.ts';

const ctl = new Int32Array(new SharedArrayBuffer(4));

/** holdsFrom returns a condition that holds from its `polls`-th check on. */
const holdsFrom = (polls: number) => {
  let checks = 0;
  return () => ++checks >= polls;
};

describe('Patience', () => {
  it('spins twice as long after a wait that ended while it spun', () => {
    const patience = new Patience();
    const first = patience.budget;
    patience.until(ctl, 0, holdsFrom(1));
    expect(patience.budget).toBe(first * 2);
  });

  it('spins half as long after a wait that outlasted its spin, and never less than a few polls', () => {
    const patience = new Patience();
    const first = patience.budget;
    patience.until(ctl, 0, holdsFrom(first + 1));
    expect(patience.budget).toBe(first / 2);
    for (let i = 0; i < 20; i++) patience.until(ctl, 0, holdsFrom(patience.budget + 1));
    expect(patience.budget).toBeGreaterThan(0);
    expect(patience.budget).toBeLessThan(first / 2);
  });

  it('never spins longer than its ceiling', () => {
    const patience = new Patience();
    for (let i = 0; i < 20; i++) patience.until(ctl, 0, holdsFrom(1));
    const ceiling = patience.budget;
    patience.until(ctl, 0, holdsFrom(1));
    expect(patience.budget).toBe(ceiling);
  });
});
