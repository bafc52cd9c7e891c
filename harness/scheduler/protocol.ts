/** The messages and records that pass between the main thread and the workers. */
import type { MessagePort } from 'node:worker_threads';
import type { ElementKind } from '../instrument/steps.ts';
import { argsOf, describeArg, fromJsonArg, jsonArg, type PlainArg } from './op-args.ts';
import type { Switch } from './strategies/switch-points.ts';

/**
 * Op is one operation on the kata's object, a method call: `add(2)`, `value()`, `observe(0.5)`,
 * `write()`; `loop` is a counter's own loop thread. For the random strategy it carries the switch
 * points inside it (see strategies/random.ts). What an operation means is its object's spec
 * (objects/object-spec.ts).
 */
export interface Op {
  /** kind is the method's name. */
  readonly kind: string;
  /** arg is the method's one argument: add's delta, observe's value; absent for a method without one. */
  readonly arg?: number;
  /**
   * args, instead of `arg`, are the arguments of a method that takes any number of plain values
   * (an object checked from its own spec: `put("a", [1, 2])`); see op-args.ts.
   */
  readonly args?: readonly PlainArg[];
  readonly switches?: readonly Switch[];
}

/** describeOp renders an operation as code, e.g. "add(2)", "observe(-0)", "write()" or `put("a", 1)`. */
export function describeOp(op: Pick<Op, 'kind' | 'arg' | 'args'>): string {
  return `${op.kind}(${argsOf(op).map(describeArg).join(', ')})`;
}

/**
 * JsonOp is an operation as JSON keeps it: an argument JSON has no number for (NaN, ±Infinity, and
 * -0, which it writes as 0) is its name, a string, as in "observe(NaN)".
 */
export interface JsonOp {
  readonly kind: string;
  readonly arg?: number | string;
  /** args as op-args.ts's jsonArg writes each. */
  readonly args?: readonly unknown[];
  readonly switches?: readonly Switch[];
}

/** jsonOp is an operation whose arguments survive JSON.stringify: NaN, ±Infinity and -0 as strings. */
export function jsonOp(op: Op): JsonOp {
  const { arg, args } = op;
  if (args) return { ...op, args: args.map(jsonArg) };
  if (arg === undefined || (Number.isFinite(arg) && !Object.is(arg, -0))) return op;
  return { ...op, arg: Object.is(arg, -0) ? '-0' : String(arg) };
}

/** fromJsonOp reads back what jsonOp wrote: "NaN", "Infinity", "-Infinity" and "-0" as those numbers. */
export function fromJsonOp(op: JsonOp): Op {
  if (op.args) return { ...op, args: op.args.map(fromJsonArg) } as Op;
  return (typeof op.arg === 'string' ? { ...op, arg: Number(op.arg) } : op) as Op;
}

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
  /** returned is, for a BadResult, what the operation returned instead of plain data: "a Promise". */
  readonly returned?: string;
  /** details are the harness's own explanation, one line each, when the error carries one (an AlignmentError, a LateAllocationError). */
  readonly details?: readonly string[];
  readonly stack?: string;
  readonly at?: SourceLocation;
}

/** REFUSED names an ErrorInfo that is not a throw: the harness refused what the call did, and the message says what. */
export const REFUSED = 'Refused';

/** OP_FINAL marks the final `value()` read that worker 0 makes after every worker finished. */
export const OP_FINAL = -2;
/** OP_SETUP marks steps taken while a worker builds its counter. */
export const OP_SETUP = -1;

/** StepAccess is a step's kind: a plain read or write, an Atomics call, or a wake-up from Atomics.wait. */
export type StepAccess = 'read' | 'write' | 'atomic' | 'wake';

/**
 * StepEvent is one shared-memory step as the worker that took it recorded it. Its bytes are
 * [offset, offset + size) of the shared buffer; `view` and `index` say how the kata reached them.
 */
export interface StepEvent {
  /** t is the number of the decision that granted it; steps taken while building the counter come before every decision. */
  readonly t: number;
  readonly type: 'step';
  /** op is the index of the operation it belongs to (OP_FINAL for the final read, OP_SETUP while building). */
  readonly op: number;
  readonly access: StepAccess;
  readonly view: number;
  readonly index: number;
  readonly offset: number;
  readonly size: number;
  readonly kind: ElementKind;
  /** littleEndian is false only for a big-endian DataView access. */
  readonly littleEndian?: false;
  /** half is 'lo' or 'hi' for the two halves of a plain 64-bit access on a 32-bit machine. */
  readonly half?: 'lo' | 'hi';
  /** name is "read" or "write", the Atomics function's name, or "woken" for a wake-up. */
  readonly name: string;
  readonly args: readonly unknown[];
  /** value is what the step read, wrote, or returned. */
  readonly value: unknown;
  /** by is, for a wake-up, the time of the notify that woke it (0 when its timeout did). */
  readonly by?: number;
  readonly at?: SourceLocation;
}

/** EndEvent is an operation returning (or throwing): itself a decision, since when it returns is real time. */
export interface EndEvent {
  readonly t: number;
  readonly type: 'end';
  readonly op: number;
  /** result is what the operation returned, copied as plain data (see runtime.ts, plainResult). */
  readonly result?: unknown;
  readonly error?: ErrorInfo;
}

/** JoinEvent is worker 0 going on to the final read once every other worker is done. */
export interface JoinEvent {
  readonly t: number;
  readonly type: 'join';
  readonly op: number;
}

export type RunEvent = StepEvent | EndEvent | JoinEvent;

/** ViewName describes one view a worker used, with the name of the counter field that holds it. */
export interface ViewName {
  readonly id: number;
  readonly kind: string;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly name: string;
}

/** Allocation is one view a worker took from SharedMemory: what every worker must take alike. */
export interface Allocation {
  readonly kind: string;
  readonly byteOffset: number;
  readonly length: number;
}

/** PendingEvent is what a worker would have done next when the run ended (see scheduler/dependence.ts). */
export interface PendingEvent {
  readonly kind: number;
  readonly start: number;
  readonly end: number;
  readonly first: boolean;
}

/** WorkerReport is what a worker sends back after a run. */
export interface WorkerReport {
  readonly worker: number;
  readonly events: readonly RunEvent[];
  /** views names each view the worker used, e.g. "cell". */
  readonly views: readonly ViewName[];
  /** layout is what the worker took from SharedMemory, in order. */
  readonly layout: readonly Allocation[];
  /** setupError is set when the constructor threw. */
  readonly setupError?: ErrorInfo;
  /** stopSwallowed is set when kata code caught the harness's stop signal and carried on. */
  readonly stopSwallowed?: boolean;
  /** crash is set when the worker's own program failed: an error escaped every handler. */
  readonly crash?: ErrorInfo;
}

/** WorkerData is what each worker is started with. */
/**
 * CompiledKata is a kata file as the main thread compiled it, for every thread that loads it: its
 * file URL, and each module of it (the file and the files of its own it imports), in JavaScript,
 * with a source map to its TypeScript.
 */
export interface CompiledKata {
  readonly entry: string;
  readonly modules: readonly { readonly url: string; readonly code: string; readonly map: string }[];
}

export interface WorkerData {
  readonly index: number;
  readonly control: Int32Array;
  readonly path: Int32Array;
  readonly trace: Int32Array;
  readonly changePoints: Int32Array;
  readonly memory: SharedArrayBuffer;
  /** trail holds each worker's last step location while capturing (see `createTrail`). */
  readonly trail: Uint8Array;
  /** implementation is the file URL of the kata module to check. */
  readonly implementation: string;
  /** kata is that module, compiled. */
  readonly kata: CompiledKata;
  /** split64 models a 32-bit machine: plain 64-bit accesses are two 32-bit steps. */
  readonly split64: boolean;
  /** subject is what the kata exports: a counter class, or a lock class to wrap in a counter. */
  readonly subject: 'counter' | 'lock';
  /** final is the read worker 0 makes once every worker is done: the spec's read, `value()` or `write()`. */
  readonly final: Op;
  /** returning names the methods whose results the spec judges (`value`, `write`); what others return is dropped. */
  readonly returning: readonly string[];
  /** reusable: a warm pool may give the thread the next kata, so it writes its realm down before the first (realm-baseline.ts). */
  readonly reusable: boolean;
  readonly port: MessagePort;
  /** core is the one the main thread keeps to while the pool is open (worker/one-core.ts), if any. */
  readonly core: number | undefined;
}
