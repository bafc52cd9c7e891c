/**
 * What a recorded step did to memory, in the terms of the ECMAScript memory model: the bytes it
 * read or wrote, whether it was atomic (SeqCst), and the value it left there.
 */
import { asElement, casSucceeded, type Effect, effectOf, eventKind } from '../scheduler/memory-effect.ts';
import type { History, Step } from './history.ts';

/** stepEffect says what a recorded step did to its bytes (memory-effect.ts says how). */
export function stepEffect(step: Step): Effect {
  return effectOf(eventKind(step.access, step.name), step.name, step.kind, step.args, step.value);
}

/** stepCasSucceeded says whether a recorded compareExchange found the expected value, and so wrote. */
export function stepCasSucceeded(step: Step): boolean {
  return casSucceeded(step.kind, step.args[0], step.value);
}

/** readsOnly says whether a step read its bytes and wrote nothing: a plain read or an Atomics.load. */
export function readsOnly(step: Step): boolean {
  return step.access === 'read' || (step.access === 'atomic' && step.name === 'load');
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
      return stepCasSucceeded(step) ? asElement(step.kind, step.args[1]) : undefined;
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

/** overlaps says whether two steps' bytes have at least one byte in common. */
export function overlaps(a: Pick<Step, 'offset' | 'size'>, b: Pick<Step, 'offset' | 'size'>): boolean {
  return a.offset < b.offset + b.size && b.offset < a.offset + a.size;
}

/** sameBytes says whether two steps reached the very same bytes, whatever views they went through. */
export function sameBytes(a: Pick<Step, 'offset' | 'size'>, b: Pick<Step, 'offset' | 'size'>): boolean {
  return a.offset === b.offset && a.size === b.size;
}
