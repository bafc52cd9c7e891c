/**
 * The random strategy: fast-check draws, for every operation, the points where it hands the turn to
 * another worker, and shrinks them with the operations. A switch point `{ at, to }` fires at the
 * decision before the operation's event number `at` (its steps, wake-ups and its return, counted
 * from 0), when the operation's worker holds the turn: it then gives the turn to its `to`-th
 * runnable neighbour. Deleting an operation deletes its switches with it, and shrinking goes toward
 * fewer operations and fewer switches. The decision a thread makes at a switch point is
 * switch-choice.ts's, which threads import without fast-check.
 */
import fc from 'fast-check';

/** Switch is one switch point of an operation. */
export interface Switch {
  /** at is the operation's event before which the worker gives up the turn (0: before its first step). */
  readonly at: number;
  /** to picks who runs then: the to-th runnable worker after this one, in round-robin order (0: the next). */
  readonly to: number;
}

/**
 * position draws the event a switch falls before. Any event of any operation can be drawn, however
 * long the operation runs (a loop thread's one operation lasts the whole run); short distances are
 * drawn most, since most operations take a few steps, and 0 most of all: who goes first decides
 * more bugs than anything else.
 */
export const position: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 4 },
  { arbitrary: fc.nat({ max: 7 }), weight: 8 },
  { arbitrary: fc.integer({ min: 8, max: 31 }), weight: 4 },
  { arbitrary: fc.integer({ min: 32, max: 255 }), weight: 2 },
  { arbitrary: fc.integer({ min: 256, max: 4095 }), weight: 1 },
);

/** MAX_SWITCHES is how many switch points one operation may have. */
export const MAX_SWITCHES = 3;

/** switches draws an operation's switch points, at most one per event, for a run of `threads` threads. */
export function switches(threads: number): fc.Arbitrary<Switch[]> {
  const to = threads > 2 ? fc.nat({ max: threads - 2 }) : fc.constant(0);
  return fc
    .uniqueArray(fc.record({ at: position, to }), { maxLength: MAX_SWITCHES, selector: (point) => point.at })
    .map((points) => points.sort((a, b) => a.at - b.at));
}
