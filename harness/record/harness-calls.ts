/**
 * The harness's Mutex and Channel calls a kata made, as it wrote them: a step inside one carries the
 * call (`at.via`, e.g. "Channel.receive"), and the call is on the field that holds the object.
 */
import type { History, Step } from './history.ts';
import { locationName } from './step-effects.ts';

/**
 * callObject names the field a call was made on, from the locations its steps touched: `mu` for
 * `mu.state`, `in` for `in.header`, and `in` again for the channel's own mutex, `in.mu.state`. A
 * Signal is left out: channels share one, and it is named after whichever reached it first.
 */
export function callObject(history: History, via: string, steps: readonly Step[]): string | undefined {
  const owners = steps
    .map((step) => locationName(history, step))
    .filter((name) => !name.includes('signal.'))
    .map((name) => name.slice(0, Math.max(0, name.lastIndexOf('.'))))
    .map((name) => (via.startsWith('Channel.') ? name.replace(/\.mu$/, '') : name))
    .filter((name) => name !== '');
  const depth = (name: string) => name.split('.').length;
  return owners.reduce<string | undefined>(
    (best, name) => (best === undefined || depth(name) < depth(best) ? name : best),
    undefined,
  );
}

/** callSteps are the steps of the call `step` is part of: its worker's steps in the same call, up to it. */
export function callSteps(history: History, step: Step): Step[] {
  const key = (other: Step) => `${other.op}:${other.at?.via}:${other.at?.line}`;
  const own = history.steps.filter((other) => other.worker === step.worker && other.t <= step.t);
  let first = own.length - 1;
  while (first > 0 && key(own[first - 1]!) === key(step)) first--;
  return own.slice(first);
}

/** callText writes a call as the kata did: `mu.lock()`, `out.receive()`, `select()`. */
export function callText(history: History, via: string, steps: readonly Step[]): string {
  const method = via.split('.').pop()!;
  const object = via.includes('.') ? callObject(history, via, steps) : undefined;
  return object ? `${object}.${method}()` : `${method}()`;
}
