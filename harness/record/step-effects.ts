/**
 * What a recorded step did to memory, in the terms of the ECMAScript memory model: the bytes it
 * read or wrote, whether it was atomic (SeqCst), and the value it left there.
 */
import type { Step } from './history.ts';
import type { History } from './history.ts';

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
 * stepEffect says what a step did to its bytes. A plain read or write does one thing; an Atomics
 * read-modify-write does both; a store only writes; a load or wait only reads; a compareExchange that
 * found other bytes only read (ECMA-262 25.4.3.16: it is a ReadSharedMemory event then); notify and
 * wake-ups touch no bytes.
 */
export function stepEffect(step: Step): Effect {
  if (step.access === 'read') return READ;
  if (step.access === 'write') return WRITE;
  if (step.access !== 'atomic') return NONE;
  switch (step.name) {
    case 'load':
    case 'wait':
      return READ;
    case 'notify':
      return NONE;
    case 'store':
      return WRITE;
    case 'compareExchange':
      return casSucceeded(step) ? BOTH : READ;
    default:
      return BOTH;
  }
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

/** casSucceeded says whether a compareExchange found the expected value (compared as the element type, as the engine does) and so wrote. */
export function casSucceeded(step: Step): boolean {
  return Object.is(asElement(step.kind, step.args[0]), step.value) || asElement(step.kind, step.args[0]) === step.value;
}

/** written is the value an atomic step left in its bytes, or undefined if it wrote nothing. */
export function written(step: Step): unknown {
  if (step.access === 'write') return step.value;
  if (step.access !== 'atomic') return undefined;
  const old = step.value;
  const arg = asElement(step.kind, step.args[0]);
  const big = typeof old === 'bigint';
  switch (step.name) {
    case 'store':
    case 'exchange':
      return arg;
    case 'compareExchange':
      return casSucceeded(step) ? asElement(step.kind, step.args[1]) : undefined;
    case 'add':
      return asElement(step.kind, big ? (old as bigint) + (arg as bigint) : (old as number) + (arg as number));
    case 'sub':
      return asElement(step.kind, big ? (old as bigint) - (arg as bigint) : (old as number) - (arg as number));
    case 'and':
      return asElement(step.kind, big ? (old as bigint) & (arg as bigint) : (old as number) & (arg as number));
    case 'or':
      return asElement(step.kind, big ? (old as bigint) | (arg as bigint) : (old as number) | (arg as number));
    case 'xor':
      return asElement(step.kind, big ? (old as bigint) ^ (arg as bigint) : (old as number) ^ (arg as number));
    default:
      return undefined;
  }
}

/** locationName renders a step's location the way the kata wrote it, e.g. "cell[0]". */
export function locationName(history: History, step: Pick<Step, 'worker' | 'view' | 'index'>): string {
  const view = history.views[step.worker]?.find((entry) => entry.id === step.view);
  const name = view?.name ?? `view${step.view}`;
  return view?.kind === 'dataview' ? `${name}@${step.index}` : `${name}[${step.index}]`;
}

/** bytesKey names a step's bytes: the location, whatever view reached it. */
export function bytesKey(step: Pick<Step, 'offset' | 'size'>): string {
  return `${step.offset}:${step.size}`;
}
