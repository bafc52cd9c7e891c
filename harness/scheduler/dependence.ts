/**
 * Which events depend on each other: the relation partial-order reduction is built on. Two events of
 * different workers are independent when running them in either order leads to the same state and
 * the same verdict; then a search needs only one of the two orders.
 *
 * Workers use it online, for sleep sets (from the pending events they publish in the control block);
 * the systematic search uses it after each run, to find races between events.
 */

import { EventKind } from './memory-effect.ts';

/** Footprint is one event as the reduction sees it: its kind, its bytes [start, end), and whether it is its operation's first event. */
export interface Footprint {
  readonly kind: number;
  readonly start: number;
  readonly end: number;
  readonly first: boolean;
}

function writes(kind: number): boolean {
  return kind === EventKind.Write || kind === EventKind.Update;
}

/** touchesValue: reads or writes the bytes' value (a notify only empties waiters). */
function touchesValue(kind: number): boolean {
  return kind >= EventKind.Read && kind <= EventKind.Wait;
}

function queues(kind: number): boolean {
  return kind === EventKind.Wait || kind === EventKind.Notify;
}

/**
 * dependent says whether two events of different workers must be explored in both orders:
 * - they touch overlapping bytes and one writes (a wait reads);
 * - both are waits or notifies on overlapping bytes (who is woken depends on the order);
 * - one ends an operation and the other begins one (which came first in real time).
 * The arguments are flattened, so a worker can call it on control-block fields without allocating.
 */
export function dependent(
  kindA: number,
  startA: number,
  endA: number,
  firstA: boolean,
  kindB: number,
  startB: number,
  endB: number,
  firstB: boolean,
): boolean {
  if ((kindA === EventKind.End && firstB) || (kindB === EventKind.End && firstA)) return true;
  if (startA >= endB || startB >= endA) return false;
  if (touchesValue(kindA) && touchesValue(kindB) && (writes(kindA) || writes(kindB))) return true;
  return queues(kindA) && queues(kindB);
}

/** dependentFootprints is `dependent` on two Footprint records. */
export function dependentFootprints(a: Footprint, b: Footprint): boolean {
  return dependent(a.kind, a.start, a.end, a.first, b.kind, b.start, b.end, b.first);
}
