/**
 * What a checked worker records of a run: every event it took part in, the views it made, and,
 * when the run captures source lines, a trail in shared memory with the line of its last step, for
 * the main thread to read if the worker gets stuck. It records with built-ins captured before kata
 * code loads, so kata code that replaces `Array.prototype.push` cannot edit the evidence.
 */
import { ArrayPush, ArraySlice, ObjectDefineProperty } from '../instrument/intrinsics.ts';
import type { Cell, ViewInfo } from '../instrument/steps.ts';
import { TRAIL_BYTES } from '../scheduler/control.ts';
import type { RunEvent, StepAccess, StepEvent } from '../scheduler/protocol.ts';
import { here } from './locations.ts';

const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** own defines a field of a record: an own data property, whatever Object.prototype holds. */
function own<T extends object, K extends keyof T>(record: T, key: K, value: T[K]): void {
  ObjectDefineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

export class RunRecord {
  private events: RunEvent[] = [];
  private views: ViewInfo[] = [];
  private capture = false;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly me: number,
    private readonly trail: Uint8Array,
  ) {}

  /** reset starts the record of a new run; `capture` records each step's source line. */
  reset(capture: boolean): void {
    this.events = [];
    this.views = [];
    this.trail.fill(0, this.me * TRAIL_BYTES, (this.me + 1) * TRAIL_BYTES);
    this.capture = capture;
  }

  /** view registers a view the kata just made, numbered in the order this worker made them. */
  view(info: Omit<ViewInfo, 'id'>): ViewInfo {
    const view: ViewInfo = { ...info, id: this.views.length };
    ArrayPush(this.views, view);
    return view;
  }

  viewsUsed(): readonly ViewInfo[] {
    return this.views;
  }

  /** step records one shared step of operation `op`, at time `t`; `by` is the waker of a wake-up. */
  step(
    t: number,
    op: number,
    access: StepAccess,
    cell: Cell,
    name: string,
    args: readonly unknown[],
    value: unknown,
    by?: number,
  ): void {
    // Built field by field, not with spreads: this runs for every step, and a spread allocates.
    const event: { -readonly [K in keyof StepEvent]: StepEvent[K] } = {
      t,
      type: 'step',
      op,
      access,
      view: cell.view.id,
      index: cell.index,
      offset: cell.offset,
      size: cell.size,
      kind: cell.kind,
      name,
      args: args.length === 0 ? NO_ARGS : ArraySlice(args),
      value,
    };
    // Defined, not assigned: a setter kata code put on Object.prototype must not swallow them.
    if (!cell.littleEndian) own(event, 'littleEndian', false);
    if (cell.half) own(event, 'half', cell.half);
    if (by !== undefined) own(event, 'by', by);
    if (this.capture) {
      const at = here();
      if (at) {
        own(event, 'at', at);
        this.leaveTrail(`${at.file}:${at.line}:${at.column}${at.fn ? `|${at.fn}` : ''}`);
      }
    }
    ArrayPush(this.events, event);
  }

  /** push records an event other than a step: a join, an operation's return. */
  push(event: RunEvent): void {
    ArrayPush(this.events, event);
  }

  /** take hands over the events recorded so far, and starts a new list. */
  take(): RunEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** leaveTrail writes the last step's location where the main thread can read it if this worker gets stuck. */
  private leaveTrail(text: string): void {
    const slot = this.trail.subarray(this.me * TRAIL_BYTES, (this.me + 1) * TRAIL_BYTES - 1);
    const { written } = this.encoder.encodeInto(text, slot);
    slot[written] = 0;
  }
}
