/**
 * The buffered channel, Vyukov's ring, on one thread: first in first out, full and empty said
 * without sleeping, and positions that wrap round before an Int32 would, without losing their order.
 * Its hand-offs between threads are kata-3's to check (checks/suite-1-3.test.ts, spin-budget.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { SharedMemory } from '../../kata.ts';
import { Channel, Signal, select } from '../../sync/channel.ts';

/** plainMemory hands out views of one SharedArrayBuffer in order, as the harness's arena does, with its Int32 words. */
function plainMemory(): { memory: SharedMemory; words: Int32Array } {
  const buffer = new SharedArrayBuffer(1024);
  let used = 0;
  const take = (bytes: number, align: number) => {
    used = Math.ceil(used / align) * align;
    const offset = used;
    used += bytes;
    return offset;
  };
  const memory = {
    int32: (length = 1) => new Int32Array(buffer, take(4 * length, 4), length),
    uint32: (length = 1) => new Uint32Array(buffer, take(4 * length, 4), length),
    float64: (length = 1) => new Float64Array(buffer, take(8 * length, 8), length),
  } as unknown as SharedMemory;
  return { memory, words: new Int32Array(buffer) };
}

const drain = (channel: Channel) => {
  const values: number[] = [];
  for (let value = channel.tryReceive(); value !== undefined; value = channel.tryReceive()) values.push(value);
  return values;
};

describe('a buffered channel', () => {
  it('gives back what was sent, in order, and refuses a send when full without sleeping', () => {
    const { memory } = plainMemory();
    const channel = new Channel(memory, { capacity: 3 });
    expect(channel.tryReceive()).toBeUndefined();
    expect([1, 2, 3, 4].map((value) => channel.trySend(value))).toEqual([true, true, true, false]);
    expect(channel.receive()).toBe(1);
    channel.send(5);
    expect(drain(channel)).toEqual([2, 3, 5]);
  });

  it('keeps its order when its positions wrap round', () => {
    const capacity = 3;
    const { memory, words } = plainMemory();
    const channel = new Channel(memory, { capacity });
    // The words as the constructor took them: the signal's two, turn, receivers, then the
    // positions sent and received, then one sequence a slot. Set both positions two short of
    // where they wrap (capacity × laps, laps as channel.ts reckons them), the ring empty there.
    const [sent, received, sequences] = [4, 5, 6];
    const laps = 2 ** (30 - Math.ceil(Math.log2(capacity + 1)));
    const wrap = capacity * laps;
    const start = wrap - 2;
    words[sent] = start;
    words[received] = start;
    for (let k = 0; k < capacity; k++) {
      const position = (start + k) % wrap;
      words[sequences + (position % capacity)] = 2 * Math.floor(position / capacity);
    }
    const sentValues = Array.from({ length: 10 }, (_, i) => i + 0.5);
    const got: number[] = [];
    for (const value of sentValues) {
      if (!channel.trySend(value)) got.push(...drain(channel), ...(channel.trySend(value) ? [] : [Number.NaN]));
    }
    got.push(...drain(channel));
    expect(got).toEqual(sentValues);
    expect(words[sent]).toBeLessThan(start);
  });
});

describe('a synchronous channel', () => {
  it('has nothing to receive, and takes no send in a select, while nobody waits', () => {
    const { memory } = plainMemory();
    const channel = new Channel(memory);
    expect(channel.tryReceive()).toBeUndefined();
    expect(channel.trySend(1)).toBe(false);
  });
});

describe('select', () => {
  it('proceeds with exactly one case, the first that can', () => {
    const { memory } = plainMemory();
    const signal = new Signal(memory);
    const [empty, roomy, other] = [1, 1, 1].map((capacity) => new Channel(memory, { capacity, signal }));
    const received: number[] = [];
    select(
      empty!.onReceive((value) => received.push(value)),
      roomy!.onSend(() => 7),
      other!.onSend(() => 8),
    );
    expect({ received, roomy: drain(roomy!), other: drain(other!) }).toEqual({ received: [], roomy: [7], other: [] });
  });

  it('refuses channels that do not share one Signal', () => {
    const { memory } = plainMemory();
    const [a, b] = [new Channel(memory, { capacity: 1 }), new Channel(memory, { capacity: 1 })];
    expect(() =>
      select(
        a.onSend(() => 1),
        b.onSend(() => 2),
      ),
    ).toThrow('its channels must share one Signal');
  });
});
