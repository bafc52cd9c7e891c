import type { CounterClass, SharedMemory } from '../kata.ts';
import { GuardedCounter, type LockClass } from './guarded-counter.ts';

/**
 * loadCounterClass imports a kata file and returns the counter class it exports. A lock kata's
 * class is wrapped in a counter that runs every operation under the lock.
 */
export async function loadCounterClass(implementation: string, subject: 'counter' | 'lock'): Promise<CounterClass> {
  const module = (await import(implementation)) as Record<string, unknown>;
  const candidate = module['default'] ?? Object.values(module).find((value) => typeof value === 'function');
  if (typeof candidate !== 'function') {
    throw new TypeError(`the kata file must export its ${subject} class, e.g. \`export default class My${subject === 'lock' ? 'Mutex' : 'Counter'} { ... }\``);
  }
  if (subject === 'lock') {
    const Lock = candidate as LockClass;
    return class extends GuardedCounter {
      constructor(memory: SharedMemory) {
        super(memory, Lock);
      }
    };
  }
  return candidate as CounterClass;
}
