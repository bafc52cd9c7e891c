/**
 * SpinDetector notices a worker that repeats the same reads, seeing the same values: a spin loop. Such a worker learns nothing new until another worker writes what
 * it reads, so the scheduler deschedules it until then, as loom does for a thread that calls
 * `yield_now` (and CHESS's fair scheduler for a thread that spins): a spin then costs no steps, and
 * can neither starve the thread it waits for nor hide a deadlock behind a step budget.
 *
 * A cycle of L reads (1 ≤ L ≤ MAX_CYCLE) counts as a spin once it has come round `patience` times
 * in a row (the run's spin patience, control.ts; three by default). Code that reads the same value
 * twice on purpose (a sequence lock's second look) does not repeat three times; a spin does until
 * someone writes. A longer patience lets a bounded spin run out and reach the sleep behind it.
 * The test is O(MAX_CYCLE) a step whatever the patience: for each length L the detector keeps a
 * streak, how many steps in a row were the same as the step L before, and a cycle of L that came
 * round P times is a streak of L·(P − 1).
 *
 * A cycle is a spin only while its bytes still hold what it saw (`stillSees`): another worker may
 * have written them between the cycle's reads and now, and then the next read learns something new.
 * Dekker's lock, whose waiter reads `wants` and `turn` in turn, needs this: without it, a waiter
 * whose partner had just lowered its flag was taken for a spinner and the run for a deadlock.
 *
 * A cycle may write as well as read, if it writes the same values each time round: Eisenberg and
 * McGuire's waiter raises its flag to WAITING, then to ACTIVE, sees its partner ACTIVE and starts
 * again, and so on until its partner runs. Such a loop learns nothing new either until another
 * worker writes what it reads; were it not descheduled, a strategy that seldom preempts (random,
 * with few switch points) would let it run on to the step budget and report a correct lock as a
 * loop that never ends. A cycle must read at least once: one that only writes waits for nobody.
 */
import { cellWord } from './cell-word.ts';
import { DEFAULT_SPIN_PATIENCE, MAX_WATCHES } from './control.ts';

/** MAX_CYCLE is the longest loop body, in reads, that is recognised. */
const MAX_CYCLE = MAX_WATCHES;
/** SIZE is the ring's length: a step and the one MAX_CYCLE before it. */
const SIZE = MAX_CYCLE * 2;

export class SpinDetector {
  private readonly names: string[] = new Array<string>(SIZE).fill('');
  private readonly starts = new Int32Array(SIZE);
  private readonly ends = new Int32Array(SIZE);
  private readonly values: unknown[] = new Array<unknown>(SIZE).fill(undefined);
  /** writes[i] is 1 when step i wrote (and changed) its bytes, 0 when it only read them. */
  private readonly writes = new Uint8Array(SIZE);
  /** seen[2i], seen[2i + 1] are the bytes of step i just after it (at most 8 bytes, as two 32-bit words). */
  private readonly seen = new Int32Array(SIZE * 2);
  /** streaks[L] is how many steps in a row, up to the last, were the same as the step L before. */
  private readonly streaks = new Int32Array(MAX_CYCLE + 1);
  /** count is how many steps were recorded since the last reset; next is where the next one goes in the ring. */
  private count = 0;
  private next = 0;
  /** cycle is the length of the cycle found by the last read, 0 if none. */
  cycle = 0;
  /** patience is how many times in a row a cycle must come round to count as a spin (at least 2). */
  patience = DEFAULT_SPIN_PATIENCE;

  /** bytes is the shared buffer, uninstrumented; without it (unit tests) a cycle's bytes are taken to hold. */
  constructor(private readonly bytes?: Uint8Array) {}

  /** reset forgets every read: at an operation's start, after a write, after a wake-up. */
  reset(): void {
    this.count = 0;
    this.next = 0;
    this.cycle = 0;
    this.streaks.fill(0);
  }

  /** read records a step that changed nothing, and says whether the worker now spins. */
  read(name: string, start: number, end: number, value: unknown): boolean {
    return this.step(name, start, end, value, 0);
  }

  /** write records a step that changed its bytes to `value`, and says whether the worker now spins. */
  write(name: string, start: number, end: number, value: unknown): boolean {
    return this.step(name, start, end, value, 1);
  }

  private step(name: string, start: number, end: number, value: unknown, writes: number): boolean {
    const at = this.next;
    this.writes[at] = writes;
    this.names[at] = name;
    this.starts[at] = start;
    this.ends[at] = end;
    this.values[at] = value;
    this.seen[at * 2] = this.word(start, end, 0);
    this.seen[at * 2 + 1] = this.word(start, end, 4);
    this.next = (at + 1) % SIZE;
    this.count++;
    this.cycle = 0;
    for (let length = 1; length <= MAX_CYCLE; length++) {
      this.streaks[length] = length < this.count && this.same(1, 1 + length) ? this.streaks[length]! + 1 : 0;
    }
    for (let length = 1; length <= MAX_CYCLE; length++) {
      if (this.streaks[length]! >= length * (this.patience - 1) && this.reads(length)) {
        this.cycle = length;
        return true;
      }
    }
    return false;
  }

  /** watches lists the byte ranges the cycle reads, as [start, end) pairs: a write to any of them may end the spin. */
  watches(): number[] {
    const ranges: number[] = [];
    for (let k = 1; k <= this.cycle; k++) {
      const at = this.slot(k);
      if (this.writes[at] === 0) ranges.push(this.starts[at]!, this.ends[at]!);
    }
    return ranges;
  }

  /**
   * stillSees says whether every byte the cycle touched still holds what the cycle's last step on it
   * left there: what it last read, or what it last wrote.
   */
  stillSees(): boolean {
    for (let k = 1; k <= this.cycle; k++) {
      const at = this.slot(k);
      if (this.touchedLater(k)) continue;
      const start = this.starts[at]!;
      const end = this.ends[at]!;
      if (this.seen[at * 2] !== this.word(start, end, 0) || this.seen[at * 2 + 1] !== this.word(start, end, 4)) {
        return false;
      }
    }
    return true;
  }

  /** word is one of a read's two words (cell-word.ts); 0 without the buffer. */
  private word(start: number, end: number, from: number): number {
    return this.bytes === undefined ? 0 : cellWord(this.bytes, start, end, from);
  }

  /** touchedLater says whether a step of the cycle after the k-th most recent one touched the same bytes. */
  private touchedLater(k: number): boolean {
    const at = this.slot(k);
    for (let later = 1; later < k; later++) {
      const other = this.slot(later);
      if (this.starts[other] === this.starts[at] && this.ends[other] === this.ends[at]) return true;
    }
    return false;
  }

  /** reads says whether the last `length` steps read at least once. */
  private reads(length: number): boolean {
    for (let k = 1; k <= length; k++) if (this.writes[this.slot(k)] === 0) return true;
    return false;
  }

  /** slot is the ring index of the k-th most recent read (k = 1 is the last). */
  private slot(k: number): number {
    return (this.next - k + SIZE * 2) % SIZE;
  }

  /** same says whether the j-th and k-th most recent steps did the same thing and saw the same bytes. */
  private same(j: number, k: number): boolean {
    const a = this.slot(j);
    const b = this.slot(k);
    return (
      this.names[a] === this.names[b] &&
      this.starts[a] === this.starts[b] &&
      this.ends[a] === this.ends[b] &&
      this.writes[a] === this.writes[b] &&
      this.seen[a * 2] === this.seen[b * 2] &&
      this.seen[a * 2 + 1] === this.seen[b * 2 + 1] &&
      Object.is(this.values[a], this.values[b])
    );
  }
}
