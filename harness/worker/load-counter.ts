import type { CounterClass, SharedMemory } from '../kata.ts';
import type { CompiledKata } from '../scheduler/protocol.ts';
import { importKata } from './kata-modules.ts';
import { GuardedCounter, type LockClass } from './guarded-counter.ts';

/** KataClass is what a kata file exports: a class built from the SharedMemory, whose methods the workloads call. */
export type KataClass = new (memory: SharedMemory) => object;

/**
 * loadKataClass imports a kata file and returns the class it exports: a counter, a histogram, ...
 * A lock kata's class is wrapped in a counter that runs every operation under the lock.
 */
export async function loadKataClass(
  kata: CompiledKata,
  subject: 'counter' | 'lock',
  loaded?: () => void,
): Promise<KataClass> {
  const module = await importKata(kata, loaded);
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
export async function loadCounterClass(
  kata: CompiledKata,
  subject: 'counter' | 'lock',
  loaded?: () => void,
): Promise<CounterClass> {
  return (await loadKataClass(kata, subject, loaded)) as CounterClass;
}
