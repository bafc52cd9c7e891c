import type { History, Step } from '../record/history.ts';
import { locationName, stepEffect } from '../record/step-effects.ts';
import { OP_FINAL, OP_SETUP } from '../scheduler/protocol.ts';
import { atLine } from './source-line.ts';
import type { Finding } from './finding.ts';
import { separateLocks } from './separate-locks.ts';

/** Access is a byte's access as the race detector remembers it: the step, its worker's clock then, and how it was made. */
interface Access {
  readonly step: Step;
  readonly clock: number;
  readonly atomic: boolean;
  /** range names the bytes: offset and size in one number (`rangeOf`). */
  readonly range: number;
}

/** ByteState is what the detector remembers of one byte of the shared buffer. */
interface ByteState {
  write?: Access;
  /** release is the clock an atomic write left, for an atomic read of the same range to acquire. */
  release?: Release | undefined;
  /** reads since the last write, one per worker, in the order the workers first read (as a Map keeps keys). */
  readonly reads: Access[];
}

/** Release is the clock an atomic write left on its bytes, and the range it wrote. */
interface Release {
  readonly range: number;
  readonly clock: readonly number[];
}

/** keepRead remembers a worker's latest read of a byte, in the place of its earlier one if it had one. */
function keepRead(reads: Access[], access: Access): void {
  for (let i = 0; i < reads.length; i++) {
    if (reads[i]!.step.worker === access.step.worker) {
      reads[i] = access;
      return;
    }
  }
  reads.push(access);
}

/**
 * dataRace is a happens-before race detector in the style of FastTrack, run over a finished run. It
 * follows the ECMAScript memory model (ECMA-262 §29, see harness/README.md): two accesses to
 * overlapping bytes, from different workers, at least one a write, that nothing orders, race; it is
 * a data race unless both are Atomics with exactly the same bytes. What orders them:
 * - each worker's own order;
 * - an atomic write and an atomic read of the same bytes that reads what it wrote (§29.6.5);
 * - the critical section of each waiter list: every wait, wake-up and notify on the same bytes is
 *   ordered after the previous one, including a notify that woke nobody (§25.4.3.6, §25.4.15);
 * - the harness: workers build their counters one after another, all before the first operation, and
 *   the final read comes after every worker is done.
 * A load orders nothing after it, and neither does a store before a later store. It finds a race
 * even in a run that lost nothing: the other order of the two steps is another run.
 */
export function dataRace(history: History): Finding | undefined {
  const workers = history.workers;
  const clocks: number[][] = Array.from({ length: workers }, (_, w) =>
    Array.from({ length: workers }, (_, u) => (u === w ? 1 : 0)),
  );
  // Indexed by byte: an array, not a Map, since this runs for every byte of every step of every run.
  const bytes: (ByteState | undefined)[] = [];
  const waiterLists = new Map<number, number[]>();
  const join = (into: number[], from: readonly number[]) => {
    for (let u = 0; u < workers; u++) into[u] = Math.max(into[u]!, from[u]!);
  };
  const setup = Array.from({ length: workers }, () => 0);
  let started = false;
  let finalJoined = false;
  for (const step of history.steps) {
    const w = step.worker;
    const clock = clocks[w]!;
    if (step.op === OP_SETUP) {
      // Workers build one after another: each building starts after every earlier one.
      join(clock, setup);
    } else if (!started) {
      // Every counter is built before the first operation runs.
      for (const other of clocks) join(setup, other);
      clocks.forEach((other, u) => {
        join(other, setup);
        other[u]!++;
      });
      started = true;
    }
    if (step.op === OP_FINAL && !finalJoined) {
      // The final read starts after every worker finished.
      for (const other of clocks) join(clock, other);
      clock[w]!++;
      finalJoined = true;
    }
    const atomic = step.access === 'atomic';
    const range = rangeOf(step);
    let released = false;
    if (step.name === 'wait' || step.name === 'notify' || step.access === 'wake') {
      // The waiter list's critical section: enter (acquire), then leave (release) below.
      const list = waiterLists.get(step.offset);
      if (list) join(clock, list);
    }
    const effect = stepEffect(step);
    if (atomic && effect.reads) {
      // An atomic read acquires from the atomic write it read from, when the ranges are equal.
      for (let b = step.offset; b < step.offset + step.size; b++) {
        const release = bytes[b]?.release;
        if (release && release.range === range) join(clock, release.clock);
      }
    }
    if (effect.reads || effect.writes) {
      const access: Access = { step, clock: clock[w]!, atomic, range };
      // One release for every byte an atomic write wrote: the clock as it was at the write.
      const release: Release | undefined = effect.writes && atomic ? { range, clock: [...clock] } : undefined;
      for (let b = step.offset; b < step.offset + step.size; b++) {
        let state = bytes[b];
        if (!state) {
          state = { reads: [] };
          bytes[b] = state;
        }
        if (races(state.write, access, clock)) return report(history, state.write!.step, step);
        if (effect.writes) {
          for (const read of state.reads) if (races(read, access, clock)) return report(history, read.step, step);
          state.write = access;
          state.reads.length = 0;
          state.release = release;
          released ||= atomic;
        } else {
          keepRead(state.reads, access);
        }
      }
    }
    if (step.name === 'wait' || step.name === 'notify' || step.access === 'wake') {
      waiterLists.set(step.offset, [...clock]);
      released = true;
    }
    if (step.op === OP_SETUP) join(setup, clock);
    if (released) clock[w]!++;
  }
  return undefined;
}

/** rangeOf names a step's bytes by one number, as bytesKey does by a string: a step is at most 8 bytes. */
function rangeOf(step: Step): number {
  return step.offset * 16 + step.size;
}

/**
 * races says whether an earlier access `other` races with `access`, made at `clock`: another
 * worker's, not ordered before it, and not both atomic on the same bytes. A function of its own,
 * not a closure in the loop: the loop runs for every byte of every step of every run.
 */
function races(other: Access | undefined, access: Access, clock: readonly number[]): boolean {
  return (
    other !== undefined &&
    other.step.worker !== access.step.worker &&
    other.clock > clock[other.step.worker]! &&
    !(other.atomic && access.atomic && other.range === access.range)
  );
}

function pointAt(earlier: Step, later: Step): Step {
  if (earlier.access === 'atomic' && later.access !== 'atomic') return later;
  if (later.access === 'atomic' && earlier.access !== 'atomic') return earlier;
  return earlier.at ? earlier : later;
}

/** fixFor says what to write instead: the plain access made an Atomics call, or one view for both. */
function fixFor(earlier: Step, later: Step, kind: (step: Step) => string, place: (step: Step) => string): string {
  const plain = [later, earlier].find((step) => step.access !== 'atomic');
  if (!plain) return 'Give both the same view of the same bytes, and use Atomics on it in both.';
  const instead = plain.access === 'read' ? 'Atomics.load' : 'Atomics.store, or Atomics.add for a read-then-write';
  return `Make the plain ${kind(plain)}${place(plain)} an Atomics call (${instead}), or hold one lock around both.`;
}

function report(history: History, earlier: Step, later: Step): Finding {
  const where = locationName(history, later);
  const kind = (step: Step) =>
    step.access === 'atomic' ? `Atomics.${step.name}` : step.access === 'write' ? 'write' : 'read';
  const place = (step: Step) => atLine(step.at);
  const bothAtomic = earlier.access === 'atomic' && later.access === 'atomic';
  // Two accesses each made holding a lock, two different locks, are told so: "no lock" would not be true.
  const locks = separateLocks(history, earlier, later);
  return {
    detector: 'data-race',
    summary: `WARNING: DATA RACE on ${where}`,
    details: [
      `${kind(later)} by worker ${later.worker}${place(later)}`,
      `previous ${kind(earlier)} by worker ${earlier.worker}${place(earlier)}`,
      ...(locks
        ? [...locks.details, ...locks.advice]
        : [
            bothAtomic
              ? `Both are Atomics, but on different bytes of the same memory (${earlier.size} and ${later.size} bytes): only Atomics on exactly the same bytes are ordered.`
              : 'Nothing orders the two: no Atomics write read by the other thread, no lock, no channel.',
            fixFor(earlier, later, kind, place),
          ]),
      'Another order of the same steps may lose an update or tear a value, even where this one did not.',
    ],
    marks: [earlier.t, later.t],
    // Point at the plain access (an Atomics call is rarely the mistake), the earlier if both are.
    ...(pointAt(earlier, later)?.at ? { at: pointAt(earlier, later)!.at! } : {}),
  };
}
