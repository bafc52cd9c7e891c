/**
 * Callbacks that kata code queues for later run after its operation returned: outside the
 * schedule, where a check sees nothing (on Node 20 a timer's callback in a checked worker runs
 * only once the worker idles, in the middle of a later run, or never). sealDeferredCallbacks
 * refuses them where they are queued. Node's own modules queue through the same globals (the
 * stream behind `console.log` calls `process.nextTick`), so only kata code's calls are refused.
 */
import { refuseToKataCode } from './refuse-to-kata.ts';
import { deferredCallback } from './refusals.ts';

/** The globals that queue a callback for later, and `process.nextTick`. */
const queues = ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask'] as const;

/**
 * sealDeferredCallbacks refuses setTimeout, setInterval, setImmediate, queueMicrotask,
 * process.nextTick and FinalizationRegistry to kata code. A finalizer runs whenever the engine
 * collects its object: after the operation, and on a warm thread perhaps during a later kata's check.
 */
export function sealDeferredCallbacks(): void {
  for (const name of queues) refuseToKataCode(globalThis, name, deferredCallback(name));
  refuseToKataCode(process, 'nextTick', deferredCallback('process.nextTick'));
  refuseToKataCode(globalThis, 'FinalizationRegistry', deferredCallback('new FinalizationRegistry'));
}
