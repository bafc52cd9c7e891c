/** The messages and records that pass between the main thread and the workers. */
import type { MessagePort } from 'node:worker_threads';
import type { Access } from '../instrument/steps.ts';

/**
 * Op is one counter operation a worker performs. `preempt` lists the points inside it where the
 * worker hands the turn to the next one: at `k`, after the operation's first k shared-memory steps
 * (counted again from 0 after each wake-up from Atomics.wait);
 * `yieldOnWake` adds one after every notify that woke a sleeper, so the woken thread runs at once.
 */
export type Op = (
  | { readonly kind: 'inc' }
  | { readonly kind: 'add'; readonly delta: number }
  | { readonly kind: 'value' }
  | { readonly kind: 'loop' }
) & {
  readonly preempt?: readonly number[];
  /** yieldOnWake makes the worker hand over the turn after each notify that woke someone. */
  readonly yieldOnWake?: boolean;
};

/** RunRequest tells one worker what to do in the next run. */
export interface RunRequest {
  readonly type: 'run';
  readonly ops: readonly Op[];
}

export interface ExitRequest {
  readonly type: 'exit';
}

/** SourceLocation is where in the kata a step or error happened. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** fn is the function the frame is in, e.g. "NaiveCounter.add". */
  readonly fn?: string;
  /** via is the harness Mutex or Channel call the kata made there, e.g. "Channel.receive", if any. */
  readonly via?: string;
}

/** ErrorInfo is a thrown value, flattened so it can cross threads. */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly at?: SourceLocation;
}

/** OP_FINAL marks the final `value()` read that the last worker makes after everyone finished. */
export const OP_FINAL = -2;

export type RunEvent =
  | { readonly t: number; readonly type: 'begin'; readonly op: number }
  | { readonly t: number; readonly type: 'end'; readonly op: number; readonly result?: number; readonly error?: ErrorInfo }
  | StepEvent;

/** StepEvent is one shared-memory step as the worker that took it recorded it. */
export interface StepEvent {
  readonly t: number;
  readonly type: 'step';
  /** op is the index of the operation it belongs to (OP_FINAL for the final read). */
  readonly op: number;
  readonly access: Access;
  readonly region: number;
  readonly index: number;
  /** name is "read", "write", "read-lo" and the like, or the Atomics or method name. */
  readonly name: string;
  readonly args: readonly unknown[];
  /** value is what the step read, wrote, or returned. */
  readonly value: unknown;
  readonly at?: SourceLocation;
}

/** WorkerReport is what a worker sends back after a run. */
export interface WorkerReport {
  readonly worker: number;
  readonly events: readonly RunEvent[];
  /** regions names each view by the counter field that holds it, e.g. "cell". */
  readonly regions: readonly RegionInfo[];
  /** setupError is set when the constructor threw. */
  readonly setupError?: ErrorInfo;
  /** stopSwallowed is set when kata code caught the harness's stop signal and carried on. */
  readonly stopSwallowed?: boolean;
  readonly crash?: ErrorInfo;
}

export interface RegionInfo {
  readonly id: number;
  readonly kind: string;
  readonly name: string;
}

/** WorkerData is what each worker is started with. */
export interface WorkerData {
  readonly index: number;
  readonly control: Int32Array;
  readonly memory: SharedArrayBuffer;
  /** trail holds each worker's last step location while capturing (see `createTrail`). */
  readonly trail: Uint8Array;
  /** implementation is the file URL of the kata module to check. */
  readonly implementation: string;
  /** split64 models a 32-bit machine: plain 64-bit accesses are two 32-bit steps. */
  readonly split64: boolean;
  /** subject is what the kata exports: a counter class, or a lock class to wrap in a counter. */
  readonly subject: 'counter' | 'lock';
  readonly port: MessagePort;
}
