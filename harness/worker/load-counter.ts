import type { CounterClass, SharedMemory } from '../kata.ts';
import { GuardedCounter, type LockClass } from './guarded-counter.ts';

/** KataClass is what a kata file exports: a class built from the SharedMemory, whose methods the workloads call. */
export type KataClass = new (memory: SharedMemory) => object;

/**
 * loadKataClass imports a kata file and returns the class it exports: a counter, a histogram, ...
 * A lock kata's class is wrapped in a counter that runs every operation under the lock.
 */
export async function loadKataClass(implementation: string, subject: 'counter' | 'lock'): Promise<KataClass> {
  const module = (await import(implementation)) as Record<string, unknown>;
  const candidate = module['default'] ?? Object.values(module).find((value) => typeof value === 'function');
  if (typeof candidate !== 'function') {
    throw new TypeError(
      `the kata file must export its class, e.g. \`export default class My${subject === 'lock' ? 'Mutex' : 'Counter'} { ... }\``,
    );
  }
  if (subject === 'lock') {
    const Lock = candidate as LockClass;
    return class extends GuardedCounter {
      constructor(memory: SharedMemory) {
        super(memory, Lock);
      }
    };
  }
  return candidate as KataClass;
}

/** loadCounterClass is loadKataClass for the free-running counter paths, which call a counter's methods by name. */
export async function loadCounterClass(implementation: string, subject: 'counter' | 'lock'): Promise<CounterClass> {
  return (await loadKataClass(implementation, subject)) as CounterClass;
}
