import type { Region } from '../memory/shared-memory.ts';

/** Access says what kind of shared-memory step a kata is about to take. */
export type Access = 'read' | 'write' | 'atomic' | 'call' | 'wake';

/** WaitResult is what `Atomics.wait` returns. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/**
 * StepGate is where instrumented views and the instrumented `Atomics` send every shared access.
 * `step` parks the calling worker until the scheduler grants the step, then runs `perform`
 * (the real access) and records what it did.
 */
export interface StepGate {
  step<T>(access: Access, region: Region, index: number, op: string, args: readonly unknown[], perform: () => T): T;
  /**
   * wait is `Atomics.wait` as one step: if the element still holds `expected`, the worker blocks
   * until a notify on the same element wakes it, or, when it has a timeout, until the scheduler
   * lets time pass because nobody else can run.
   */
  wait(region: Region, index: number, expected: unknown, timeout: number, load: () => unknown): WaitResult;
  /** notify is `Atomics.notify` as one step: it wakes up to `count` blocked workers, oldest first. */
  notify(region: Region, index: number, count: number): number;
}
