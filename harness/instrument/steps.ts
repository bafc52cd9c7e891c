/**
 * The contract between kata code's shared-memory accesses and the scheduler. Instrumented views,
 * DataViews and the replacement `Atomics` turn every access into a call on a StepGate; the
 * scheduler (harness/scheduler/) implements the gate. A location is bytes in the shared buffer,
 * never a view: two views over the same bytes are the same memory.
 */

/** ElementKind names how bytes are read or written: a typed array's element type, or a DataView method's. */
export type ElementKind =
  | 'int8'
  | 'uint8'
  | 'uint8c'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'float32'
  | 'float64'
  | 'bigint64'
  | 'biguint64';

/** ViewInfo describes one instrumented view a worker made during a run. */
export interface ViewInfo {
  /** id numbers the worker's views in the order it made them in this run; only for naming steps. */
  readonly id: number;
  /** kind is the element type, or 'dataview'. */
  readonly kind: ElementKind | 'dataview';
  /** byteOffset and byteLength place the view in the shared buffer. */
  readonly byteOffset: number;
  readonly byteLength: number;
  /** made says where it came from: SharedMemory (int32(), float64(), ...) or an alias over its bytes (`new X(view.buffer, ...)`, `subarray`, `new DataView(...)`). */
  readonly made: 'memory' | 'alias';
}

/** Cell is what one step touches: bytes [offset, offset + size) of the shared buffer, through a view. */
export interface Cell {
  readonly view: ViewInfo;
  /** index is the element's index in the view, or the byte offset a DataView method was given: for the report. */
  readonly index: number;
  /** offset is the first byte in the shared buffer; size how many bytes (1, 2, 4 or 8). */
  readonly offset: number;
  readonly size: number;
  /** kind says how the bytes are read or written (a DataView's getFloat64 is 'float64'). */
  readonly kind: ElementKind;
  /** littleEndian is false only for a big-endian DataView access. */
  readonly littleEndian: boolean;
  /** half is set on the two 32-bit steps a plain 64-bit access takes on a 32-bit machine (split64): 'lo' first, then 'hi'. Their kind is 'uint32'. */
  readonly half?: 'lo' | 'hi';
}

/** Access says what kind of step it is: a plain read, a plain write, or an Atomics operation. */
export type Access = 'read' | 'write' | 'atomic';

/** WaitResult is what `Atomics.wait` returns. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/**
 * StepGate is where instrumented views and the instrumented `Atomics` send every shared access.
 */
export interface StepGate {
  /** view registers a view the kata just made (or received) and returns it with its id. */
  view(info: Omit<ViewInfo, 'id'>): ViewInfo;
  /**
   * step parks the calling worker until the scheduler grants the step, then runs `perform` (the real
   * access) and records it. `op` is 'read' or 'write' for plain accesses (whatever method or trap
   * made them), or the Atomics function's name. `args` are the Atomics arguments after the index, or
   * [value] for a plain write. It returns what `perform` returned: the value read, the value
   * written (as stored, read back), or the Atomics result.
   */
  step<T>(access: Access, cell: Cell, op: string, args: readonly unknown[], perform: () => T): T;
  /**
   * wait is `Atomics.wait` as one step: if the element still holds `expected` (as `load` reads it),
   * the worker blocks until a notify on the same bytes wakes it, or, when it has a timeout, until the
   * scheduler lets time pass because nobody else can run.
   */
  wait(cell: Cell, expected: unknown, timeout: number, load: () => unknown): WaitResult;
  /** notify is `Atomics.notify` as one step: it wakes up to `count` workers blocked on the same bytes, oldest first. */
  notify(cell: Cell, count: number): number;
}
