/**
 * What a step does to memory: the one definition that the scheduler's dependence relation, the
 * worker's spin detector and every detector of the record read. A plain read or write does one
 * thing; an Atomics read-modify-write does both; a store only writes; a load or wait only reads; a
 * compareExchange that found other bytes only read (ECMA-262 25.4.3.16: it is a ReadSharedMemory
 * event then), its expected value compared as the element type, as the engine compares it; notify,
 * wake-ups and an operation's return touch no bytes.
 */

/** EventKind classifies what an event does, as far as ordering goes. */
export const EventKind = {
  None: 0,
  /** Read: a plain read, or Atomics.load. */
  Read: 1,
  /** Write: a plain write, or Atomics.store. */
  Write: 2,
  /** Update: an Atomics read-modify-write (add, sub, and, or, xor, exchange, compareExchange), whatever it found. */
  Update: 3,
  /** Wait: Atomics.wait, which reads the value and may join the waiters. */
  Wait: 4,
  /** Notify: Atomics.notify, which empties waiters. */
  Notify: 5,
  /** End: an operation returns. Its order against another operation's first event is real time, which linearizability reads. */
  End: 6,
  /** Resume: a worker wakes from a wait, or worker 0 joins the others: it touches nothing. */
  Resume: 7,
} as const;

/** eventKind classifies a step by its access and name. */
export function eventKind(access: string, name: string): number {
  if (access === 'read') return EventKind.Read;
  if (access === 'write') return EventKind.Write;
  if (access === 'wake') return EventKind.Resume;
  switch (name) {
    case 'load':
      return EventKind.Read;
    case 'store':
      return EventKind.Write;
    case 'wait':
      return EventKind.Wait;
    case 'notify':
      return EventKind.Notify;
    default:
      return EventKind.Update;
  }
}

/** Effect says whether a step read its bytes, wrote them, or both. */
export interface Effect {
  readonly reads: boolean;
  readonly writes: boolean;
}

const NONE: Effect = { reads: false, writes: false };
const READ: Effect = { reads: true, writes: false };
const WRITE: Effect = { reads: false, writes: true };
const BOTH: Effect = { reads: true, writes: true };

/**
 * effectOf says what a step did to its bytes: `event` is its EventKind, `name` the Atomics function,
 * `element` the element kind, `args` the Atomics arguments after the index, `found` what it returned.
 * It allocates nothing, so a worker can call it on every step.
 */
export function effectOf(
  event: number,
  name: string,
  element: string,
  args: readonly unknown[],
  found: unknown,
): Effect {
  switch (event) {
    case EventKind.Read:
    case EventKind.Wait:
      return READ;
    case EventKind.Write:
      return WRITE;
    case EventKind.Update:
      return name === 'compareExchange' && !casSucceeded(element, args[0], found) ? READ : BOTH;
    default:
      return NONE;
  }
}

/** casSucceeded says whether a compareExchange that returned `found` found its `expected` value, compared as the element type: then it wrote. */
export function casSucceeded(element: string, expected: unknown, found: unknown): boolean {
  const asStored = asElement(element, expected);
  return Object.is(asStored, found) || asStored === found;
}

/** asElement converts a number or BigInt as a store into an element of `kind` would (ToInt32 and the like). */
export function asElement(kind: string, value: unknown): unknown {
  switch (kind) {
    case 'int8':
      return ((Number(value) | 0) << 24) >> 24;
    case 'uint8':
      return Number(value) & 0xff;
    case 'int16':
      return ((Number(value) | 0) << 16) >> 16;
    case 'uint16':
      return Number(value) & 0xffff;
    case 'int32':
      return Number(value) | 0;
    case 'uint32':
      return Number(value) >>> 0;
    case 'bigint64':
      return typeof value === 'bigint' ? BigInt.asIntN(64, value) : value;
    case 'biguint64':
      return typeof value === 'bigint' ? BigInt.asUintN(64, value) : value;
    default:
      return value;
  }
}
