import type { SharedMemory } from '../kata.ts';
import { Mutex } from './mutex.ts';
import { type SpinBudget, spinBudget } from './spin-budget.ts';

/**
 * Signal is a shared version number that channels bump whenever their state changes. A `select`
 * sleeps on it, so channels that one `select` waits on must share one Signal.
 */
export class Signal {
  readonly version: Int32Array;
  /** spin is how long sleep() spins before it sleeps, on real threads; under `npm run check` it never spins (see spin.ts). */
  private readonly spin: SpinBudget | undefined;

  /** Signal takes one Int32 from `memory`. */
  constructor(memory: SharedMemory) {
    this.version = memory.int32(1);
    this.spin = spinBudget();
  }

  /** bump announces a change and wakes every thread sleeping on this signal. */
  bump(): void {
    // Notifying costs a lock inside the engine even when nobody sleeps; a flag saying whether
    // anyone does measured no faster on the bench, so every bump notifies.
    Atomics.add(this.version, 0, 1);
    Atomics.notify(this.version, 0);
  }

  /** sleep sleeps until the version differs from `seen`; on real threads it spins first (see spin.ts). */
  sleep(seen: number): void {
    if (this.spin) {
      const budget = this.spin.loads;
      for (let spent = 1; spent <= budget; spent++) {
        if (Atomics.load(this.version, 0) !== seen) {
          this.spin.won(spent);
          return;
        }
      }
      this.spin.lost();
    }
    Atomics.wait(this.version, 0, seen);
  }

  /** current reads the version; read it before trying, sleep on it after failing, and no wake-up is lost. */
  current(): number {
    return Atomics.load(this.version, 0);
  }
}

// Header fields, all guarded by the channel's mutex.
const COUNT = 0;
const HEAD = 1;
const TAIL = 2;
/** RECEIVERS counts threads waiting to receive: a synchronous send needs one. */
const RECEIVERS = 3;
/** SENT and TAKEN number the values: a synchronous send returns once its value was taken. */
const SENT = 4;
const TAKEN = 5;

export interface ChannelOptions {
  /** capacity 0 is a synchronous channel: a send completes only once a receiver is there to take it. */
  readonly capacity?: number;
  /** signal is shared with the other channels a `select` waits on. */
  readonly signal?: Signal;
}

/**
 * Channel carries numbers between worker threads, like a Go `chan float64`, in shared memory.
 *
 * A buffered channel holds up to `capacity` values. A synchronous one (capacity 0) hands a value
 * over only to a receiver that is already waiting for it. Built on the harness's Mutex and on
 * Atomics.wait/notify, so under `npm run check` the scheduler sees each of its steps.
 */
export class Channel {
  readonly capacity: number;
  readonly signal: Signal;
  private readonly mu: Mutex;
  private readonly header: Int32Array;
  private readonly slots: Float64Array;

  /** Channel takes its memory from `memory`; every worker that builds it the same way shares it. */
  constructor(memory: SharedMemory, options: ChannelOptions = {}) {
    const capacity = options.capacity ?? 0;
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`a channel's capacity is a whole number >= 0, not ${capacity}`);
    this.capacity = capacity;
    this.signal = options.signal ?? new Signal(memory);
    this.mu = new Mutex(memory);
    this.header = memory.int32(6);
    this.slots = memory.float64(Math.max(1, capacity));
  }

  /**
   * send sends `value`, sleeping while the channel is full. On a synchronous channel it waits for a
   * receiver, and returns only once the receiver has taken the value, as a Go rendezvous does.
   */
  send(value: number): void {
    for (;;) {
      const seen = this.signal.current();
      if (this.trySend(value)) return;
      this.signal.sleep(seen);
    }
  }

  /** awaitTaken sleeps until the value with this ticket has been taken by a receiver. */
  private awaitTaken(ticket: number): void {
    for (;;) {
      const seen = this.signal.current();
      this.mu.lock();
      const taken = this.header[TAKEN]! >= ticket;
      this.mu.unlock();
      if (taken) return;
      this.signal.sleep(seen);
    }
  }

  /** receive takes the next value, sleeping until there is one. */
  receive(): number {
    this.waitToReceive(1);
    for (;;) {
      const seen = this.signal.current();
      const value = this.take(true);
      if (value !== undefined) return value;
      this.signal.sleep(seen);
    }
  }

  /** waitToReceive counts this thread in (1) or out (-1) of the receivers a synchronous sender waits for. */
  waitToReceive(change: 1 | -1): void {
    this.mu.lock();
    this.header[RECEIVERS]! += change;
    this.mu.unlock();
    if (change > 0) this.signal.bump(); // a synchronous sender may be waiting for a receiver
  }

  /**
   * trySend sends `value` if it can without sleeping for room, and reports whether it did. On a
   * synchronous channel that needs a receiver already waiting, and it returns once the value has
   * been taken: until then the sender does nothing else, so what it sent is still true when taken.
   */
  trySend(value: number): boolean {
    const ticket = this.put(value);
    if (ticket > 0 && this.capacity === 0) this.awaitTaken(ticket);
    return ticket > 0;
  }

  /** put stores `value` if there is room (and, when synchronous, a receiver) and returns its ticket, or 0. */
  private put(value: number): number {
    this.mu.lock();
    const count = this.header[COUNT]!;
    const room = this.capacity > 0 ? count < this.capacity : count === 0 && this.header[RECEIVERS]! > 0;
    let ticket = 0;
    if (room) {
      const tail = this.header[TAIL]!;
      this.slots[tail] = value;
      this.header[TAIL] = (tail + 1) % this.slots.length;
      this.header[COUNT] = count + 1;
      ticket = ++this.header[SENT]!;
    }
    this.mu.unlock();
    if (room) this.signal.bump();
    return ticket;
  }

  /** tryReceive takes a value if one is there, or returns undefined without sleeping. */
  tryReceive(): number | undefined {
    return this.take(false);
  }

  /**
   * take takes the next value, if any. A receiver counted as waiting stops being counted in the same
   * locked step: a moment later, a synchronous sender could hand it a value it would never take.
   */
  private take(waiting: boolean): number | undefined {
    this.mu.lock();
    let value: number | undefined;
    if (this.header[COUNT]! > 0) {
      const head = this.header[HEAD]!;
      value = this.slots[head];
      this.header[HEAD] = (head + 1) % this.slots.length;
      this.header[COUNT]!--;
      this.header[TAKEN]!++;
      if (waiting) this.header[RECEIVERS]!--;
    }
    this.mu.unlock();
    if (value !== undefined) this.signal.bump();
    return value;
  }

  /** onReceive is a `select` case that receives a value and passes it to `then`. */
  onReceive(then: (value: number) => void): SelectCase {
    let waiting = false;
    return {
      signal: this.signal,
      waiting: (change) => {
        if (change > 0 === waiting) return;
        waiting = change > 0;
        this.waitToReceive(change);
      },
      attempt: () => {
        const value = this.take(waiting);
        if (value === undefined) return false;
        waiting = false;
        then(value);
        return true;
      },
    };
  }

  /** onSend is a `select` case that sends `value()`, computed when the case is tried. */
  onSend(value: () => number): SelectCase {
    return { signal: this.signal, attempt: () => this.trySend(value()) };
  }
}

/** SelectCase is one branch of a `select`: an attempt that proceeds without sleeping, or reports false. */
export interface SelectCase {
  readonly signal: Signal;
  readonly attempt: () => boolean;
  /** waiting counts a receive case in (1) or out (-1) of its channel's receivers while the select sleeps. */
  readonly waiting?: (change: 1 | -1) => void;
}

/**
 * select waits until one of its cases can proceed, and proceeds with exactly one, like Go's
 * `select`. Cases are tried in order; all must share one Signal.
 */
export function select(...cases: SelectCase[]): void {
  const signal = cases[0]?.signal;
  if (!signal || cases.some((branch) => branch.signal !== signal)) {
    throw new TypeError('select needs at least one case, and its channels must share one Signal');
  }
  for (const branch of cases) if (branch.attempt()) return;
  // Nothing is ready: wait as a receiver on every receive case, so synchronous senders can hand over.
  for (const branch of cases) branch.waiting?.(1);
  try {
    for (;;) {
      const seen = signal.current();
      for (const branch of cases) if (branch.attempt()) return;
      signal.sleep(seen);
    }
  } finally {
    for (const branch of cases) branch.waiting?.(-1);
  }
}
