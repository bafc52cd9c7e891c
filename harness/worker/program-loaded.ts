/**
 * The moment a thread's program has loaded its first kata: the code it runs to start has been
 * compiled by then. The loader that ran the program (program-loader.cjs) asks to be told, and keeps
 * V8's code for the next thread to start from.
 */

let listeners: (() => void)[] = [];

/** onProgramLoaded calls `listener` once, when this thread's program has loaded its first kata. */
export function onProgramLoaded(listener: () => void): void {
  listeners.push(listener);
}

/** programLoaded says that the program has loaded its first kata (or failed to): each listener is called, once. */
export function programLoaded(): void {
  const called = listeners;
  listeners = [];
  for (const listener of called) listener();
}
