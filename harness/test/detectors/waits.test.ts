/** What to do when every sleeper waits on a channel: a select that lacks a case, a loop without select. */
import { describe, expect, it } from 'vitest';
import { channelAdvice, type Wait } from '../../detectors/waits.ts';
import { step } from '../support/step-histories.ts';

const who = (worker: number) => (worker === 2 ? 'the loop (worker 2)' : `worker ${worker}`);
const loops = new Set([2]);
const asleep = (worker: number, method: string, object?: string): Wait => ({
  step: step(worker, worker + 1, { access: 'atomic', name: 'wait', value: 'blocks' }),
  method,
  ...(object ? { object } : {}),
});

describe('channelAdvice', () => {
  it('says a select asleep beside a receiver has no case that sends to it', () => {
    expect(channelAdvice([asleep(0, 'receive', 'out'), asleep(2, 'select')], loops, who)).toBe(
      "Nobody answers worker 0 on `out`: the loop (worker 2)'s select() has no case for it. Add this.out.onSend(...) to its cases.",
    );
    expect(channelAdvice([asleep(0, 'send', 'in'), asleep(2, 'select')], loops, who)).toMatch(/this\.in\.onReceive/);
  });

  it('tells a loop that waits on one channel alone to select', () => {
    expect(channelAdvice([asleep(0, 'receive', 'out'), asleep(2, 'receive', 'in')], loops, who)).toMatch(
      /^The loop waits on `in` alone/,
    );
  });

  it('says nothing of a select beside a thread asleep on a lock or a bare wait', () => {
    expect(channelAdvice([asleep(0, 'lock', 'mu'), asleep(2, 'select')], loops, who)).toBeUndefined();
    expect(channelAdvice([{ step: step(0, 1) }, asleep(2, 'select')], loops, who)).toBeUndefined();
  });
});
