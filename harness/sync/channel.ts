import type { SharedMemory } from '../kata.ts';
import { type SelectCase, select } from './select.ts';
import { Signal } from './signal.ts';
import { type SpinBudget, spinBudget } from './spin-budget.ts';

export { type SelectCase, Signal, select };

// A synchronous channel's turn goes round four phases, one up at each step, once per value: FREE;
// WRITING, a sender has claimed the slot; OFFERED, its value is there and the sender waits for a
// receiver to claim it; READING, a receiver has claimed it. Then FREE again, a round later.
const FREE = 0;
const OFFERED = 2;
/** phase reads the phase from a turn: Int32 arithmetic wraps at a multiple of 4, so it holds across the wrap. */
const phase = (turn: number) => turn & 3;

/** LAPS bounds the buffered ring's positions, so that they wrap round at a multiple of the capacity. */
const lapsFor = (capacity: number) => 2 ** Math.max(1, 30 - Math.ceil(Math.log2(capacity + 1)));

export interface ChannelOptions {
  /** capacity 0 is a synchronous channel: a send completes only once a receiver has taken the value. */
  readonly capacity?: number;
  /** signal is shared with the other channels a `select` waits on. */
  readonly signal?: Signal;
}

/**
 * Channel carries numbers between worker threads, like a Go `chan float64`, in shared memory.
 *
 * A synchronous one (capacity 0) is a one-slot hand-off: a sender claims the slot, writes its value
 * and offers it; a receiver claims the value, reads it and frees the slot; the sender returns once
 * its value was claimed. A buffered one is Dmitry Vyukov's bounded queue: a ring of slots, each
 * with a sequence number saying whose turn it is, and two positions that senders and receivers
 * claim with compareExchange. Either way an operation that can proceed takes no lock and wakes
 * nobody unless someone sleeps; one that cannot spins briefly on real threads (see spin-budget.ts),
 * then sleeps on the word it waits to see change. Built only on shared memory and Atomics, so under
 * `npm run check` the scheduler sees each of its steps.
 */
export class Channel {
  readonly capacity: number;
  readonly signal: Signal;
  /** turn is a synchronous channel's phase, counting up by one at each step of a hand-off. */
  private readonly turn: Int32Array;
  /** receivers counts the threads waiting to receive: a synchronous send in a select needs one. */
  private readonly receivers: Int32Array;
  /** sent and received are a buffered channel's positions: the next value to send, and to take. */
  private readonly sent: Int32Array;
  private readonly received: Int32Array;
  /** sequences holds, for each slot, twice the lap whose turn it is, plus one while it holds a value. */
  private readonly sequences: Int32Array;
  private readonly slots: Float64Array;
  private readonly laps: number;
  /** spin is how long this thread spins before it sleeps, on real threads; under `npm run check` it never spins. */
  private readonly spin: SpinBudget | undefined;
  /** blockedAt and blockedSequence are the slot a failed buffered attempt looked at, and what it saw there: what to wait on. */
  private blockedAt = 0;
  private blockedSequence = 0;
  /** claimedLap is the lap of the position claimPosition claimed last. */
  private claimedLap = 0;

  /** Channel takes its memory from `memory`; every worker that builds it the same way shares it. */
  constructor(memory: SharedMemory, options: ChannelOptions = {}) {
    const capacity = options.capacity ?? 0;
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`a channel's capacity is a whole number >= 0, not ${capacity}`);
    this.capacity = capacity;
    this.signal = options.signal ?? new Signal(memory);
    this.turn = memory.int32(1);
    this.receivers = memory.int32(1);
    this.sent = memory.int32(1);
    this.received = memory.int32(1);
    this.sequences = memory.int32(Math.max(1, capacity));
    this.slots = memory.float64(Math.max(1, capacity));
    this.laps = lapsFor(capacity);
    this.spin = spinBudget();
  }

  /**
   * send sends `value`, sleeping while the channel is full. On a synchronous channel it returns only
   * once a receiver has taken the value, as a Go rendezvous does.
   */
  send(value: number): void {
    if (this.capacity > 0) {
      while (!this.enqueue(value)) this.awaitBlocked();
      return;
    }
    let turn = Atomics.load(this.turn, 0);
    for (;;) {
      if (phase(turn) !== FREE) turn = this.awaitTurn(turn);
      else if (this.offer(turn, value)) break;
      else turn = Atomics.load(this.turn, 0); // another sender claimed the slot first
    }
    this.awaitClaimed(turn);
  }

  /** receive takes the next value, sleeping until there is one. */
  receive(): number {
    if (this.capacity > 0) {
      for (;;) {
        const value = this.dequeue();
        if (value !== undefined) return value;
        this.awaitBlocked();
      }
    }
    this.waitToReceive(1);
    let turn = Atomics.load(this.turn, 0);
    for (;;) {
      if (phase(turn) === OFFERED) {
        const value = this.claim(turn, true);
        if (value !== undefined) return value;
        turn = Atomics.load(this.turn, 0);
      } else {
        turn = this.awaitTurn(turn);
      }
    }
  }

  /** waitToReceive counts this thread in (1) or out (-1) of the receivers a synchronous sender in a select waits for. */
  waitToReceive(change: 1 | -1): void {
    if (this.capacity > 0) return;
    if (change < 0) {
      Atomics.sub(this.receivers, 0, 1);
      return;
    }
    Atomics.add(this.receivers, 0, 1);
    this.signal.changed(); // a select with a send on this channel may be asleep
  }

  /**
   * trySend sends `value` if it can without sleeping for room, and reports whether it did. On a
   * synchronous channel that needs a receiver already waiting, and it returns once the value has
   * been taken: until then the sender does nothing else, so what it sent is still true when taken.
   */
  trySend(value: number): boolean {
    if (this.capacity > 0) return this.enqueue(value);
    // The turn first: a receiver counted after a free turn has not claimed anything since.
    const turn = Atomics.load(this.turn, 0);
    if (phase(turn) !== FREE || Atomics.load(this.receivers, 0) <= 0 || !this.offer(turn, value)) return false;
    this.awaitClaimed(turn);
    return true;
  }

  /** tryReceive takes a value if one is there, or returns undefined without sleeping. */
  tryReceive(): number | undefined {
    return this.take(false);
  }

  /** take takes the next value, if any; `counted` says this thread is counted among the receivers. */
  private take(counted: boolean): number | undefined {
    if (this.capacity > 0) return this.dequeue();
    const turn = Atomics.load(this.turn, 0);
    return phase(turn) === OFFERED ? this.claim(turn, counted) : undefined;
  }

  /** offer claims the free slot at `turn`, writes `value` there and offers it, or reports that another sender claimed it first. */
  private offer(turn: number, value: number): boolean {
    if (Atomics.compareExchange(this.turn, 0, turn, turn + 1) !== turn) return false; // WRITING
    this.slots[0] = value;
    Atomics.store(this.turn, 0, turn + 2); // OFFERED
    this.signal.changed(this.turn);
    return true;
  }

  /** awaitClaimed sleeps until a receiver has claimed the value offered at the free `turn`. */
  private awaitClaimed(turn: number): void {
    const offered = (turn + OFFERED) | 0;
    let now = Atomics.load(this.turn, 0);
    while (now === offered) now = this.awaitTurn(now);
  }

  /**
   * claim takes the value offered at `turn`, or returns undefined if another receiver claimed it
   * first. A receiver counted as waiting stops being counted before it frees the slot: a moment
   * later, a synchronous sender in a select could offer it a value it would never take.
   */
  private claim(turn: number, counted: boolean): number | undefined {
    if (Atomics.compareExchange(this.turn, 0, turn, turn + 1) !== turn) return undefined; // READING
    if (counted) Atomics.sub(this.receivers, 0, 1);
    const value = this.slots[0]!;
    Atomics.store(this.turn, 0, turn + 2); // FREE, a round later
    this.signal.changed(this.turn);
    return value;
  }

  /** awaitTurn sleeps until the turn differs from `seen`, and returns it. */
  private awaitTurn(seen: number): number {
    return this.signal.awaitChange(this.turn, 0, seen, this.spin);
  }

  /** enqueue puts `value` in the ring if there is room, or notes in `blocked…` what to wait on and returns false. */
  private enqueue(value: number): boolean {
    const index = this.claimPosition(this.sent, 0);
    if (index < 0) return false;
    this.slots[index] = value;
    Atomics.store(this.sequences, index, 2 * this.claimedLap + 1);
    this.signal.changed(this.sequences, index);
    return true;
  }

  /** dequeue takes the oldest value from the ring, or notes in `blocked…` what to wait on and returns undefined. */
  private dequeue(): number | undefined {
    const index = this.claimPosition(this.received, 1);
    if (index < 0) return undefined;
    const value = this.slots[index]!;
    Atomics.store(this.sequences, index, (2 * this.claimedLap + 2) % (2 * this.laps));
    this.signal.changed(this.sequences, index);
    return value;
  }

  /**
   * claimPosition claims the next position in `positions` (sent or received) whose slot is ready:
   * its sequence is twice the position's lap, plus `full` (1 when it must hold a value). It returns
   * the slot's index and leaves the lap in `claimedLap`; or, when the slot is not ready yet (the ring
   * is full, or empty), it notes in `blocked…` what to wait on and returns -1.
   */
  private claimPosition(positions: Int32Array, full: 0 | 1): number {
    let position = Atomics.load(positions, 0);
    for (;;) {
      const index = position % this.capacity;
      const lap = (position - index) / this.capacity;
      const sequence = Atomics.load(this.sequences, index);
      const ahead = this.lapsApart(sequence, 2 * lap + full);
      if (ahead === 0) {
        const seen = Atomics.compareExchange(positions, 0, position, this.next(position));
        if (seen === position) {
          this.claimedLap = lap;
          return index;
        }
        position = seen;
      } else if (ahead < 0) {
        this.blockedAt = index;
        this.blockedSequence = sequence;
        return -1;
      } else {
        position = Atomics.load(positions, 0); // another thread took this position first
      }
    }
  }

  /** awaitBlocked sleeps until the slot a failed enqueue or dequeue saw changes. */
  private awaitBlocked(): void {
    this.signal.awaitChange(this.sequences, this.blockedAt, this.blockedSequence, this.spin);
  }

  /** next is the position after `position`: positions wrap round after `laps` laps, before an Int32 would. */
  private next(position: number): number {
    return position + 1 === this.capacity * this.laps ? 0 : position + 1;
  }

  /** lapsApart is how far `sequence` is ahead of `wanted` (in half laps, negative when behind), round the 2 × laps sequences. */
  private lapsApart(sequence: number, wanted: number): number {
    const round = 2 * this.laps;
    const apart = (sequence - wanted + round) % round;
    return apart >= this.laps ? apart - round : apart;
  }

  /** onReceive is a `select` case that receives a value and passes it to `then`. */
  onReceive(then: (value: number) => void): SelectCase {
    let waiting = false;
    const attempt = () => {
      const value = this.take(waiting);
      if (value === undefined) return false;
      waiting = false;
      then(value);
      return true;
    };
    // Only a synchronous channel's senders need to know who waits to receive.
    if (this.capacity > 0) return { signal: this.signal, attempt };
    const wait = (change: 1 | -1) => {
      if (change > 0 === waiting) return;
      waiting = change > 0;
      this.waitToReceive(change);
    };
    return { signal: this.signal, attempt, waiting: wait };
  }

  /** onSend is a `select` case that sends `value()`, computed when the case is tried. */
  onSend(value: () => number): SelectCase {
    return { signal: this.signal, attempt: () => this.trySend(value()) };
  }
}
