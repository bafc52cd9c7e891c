import type { Region } from '../memory/shared-memory.ts';

/** Access says what kind of shared-memory step a kata is about to take. */
export type Access = 'read' | 'write' | 'atomic' | 'call';

/**
 * StepGate is where instrumented views and the instrumented `Atomics` send every shared access.
 * `step` parks the calling worker until the scheduler grants the step, then runs `perform`
 * (the real access) and records what it did.
 */
export interface StepGate {
  step<T>(access: Access, region: Region, index: number, op: string, args: readonly unknown[], perform: () => T): T;
}
