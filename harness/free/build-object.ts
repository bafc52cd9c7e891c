/**
 * buildOn builds a kata's object on a free-running thread as a checked thread builds it
 * (worker/entry.ts): its constructor asks for memory, and once it returns the layout is fixed, so
 * that memory asked for later, in a method, is refused with LateAllocationError here too. Without
 * it, stress and bench would run a counter the check refuses, on memory shared only by chance.
 */
import { Arena } from '../instrument/arena.ts';
import type { Counter, CounterClass } from '../kata.ts';

export function buildOn(Kata: CounterClass, buffer: SharedArrayBuffer): Counter {
  const arena = new Arena(buffer);
  const object = new Kata(arena.memory);
  arena.close();
  return object;
}
