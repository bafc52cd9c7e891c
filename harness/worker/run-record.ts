/**
 * What a checked worker records of a run: every event it took part in, the views it made, and,
 * when the run captures source lines, a trail in shared memory with the line of its last step, for
 * the main thread to read if the worker gets stuck. It records with built-ins captured before kata
 * code loads, so kata code that replaces `Array.prototype.push` cannot edit the evidence.
 */
import { ArrayPush } from '../instrument/intrinsics.ts';
import type { ViewInfo } from '../instrument/steps.ts';
import { TRAIL_BYTES } from '../scheduler/control.ts';
import type { RunEvent, SourceLocation } from '../scheduler/protocol.ts';
import { here } from './locations.ts';
import { EventPacker, type PackedEvents, type RecordStep, unpackEvents } from './packed-events.ts';

export class RunRecord {
  private readonly events = new EventPacker();
  private views: ViewInfo[] = [];
  private capture = false;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly me: number,
    private readonly trail: Uint8Array,
  ) {}

  /** reset starts the record of a new run; `capture` records each step's source line. */
  reset(capture: boolean): void {
    this.events.clear();
    this.views = [];
    this.trail.fill(0, this.me * TRAIL_BYTES, (this.me + 1) * TRAIL_BYTES);
    this.capture = capture;
  }

  /** view registers a view the kata just made, numbered in the order this worker made them. */
  view(info: Omit<ViewInfo, 'id'>): ViewInfo {
    // Field by field, in the order a spread gave them: a spread costs 0.4-1 µs a view more, and a
    // kata-3 counter makes 14 views in each of its three workers, one after another, every run.
    const view: ViewInfo = {
      kind: info.kind,
      byteOffset: info.byteOffset,
      byteLength: info.byteLength,
      made: info.made,
      id: this.views.length,
    };
    ArrayPush(this.views, view);
    return view;
  }

  viewsUsed(): readonly ViewInfo[] {
    return this.views;
  }

  /** step records one shared step of operation `op`, at time `t`; `by` is the waker of a wake-up. */
  readonly step: RecordStep = (t, op, access, cell, name, args, value, by) => {
    let at: SourceLocation | undefined;
    if (this.capture) {
      at = here();
      if (at) this.leaveTrail(`${at.file}:${at.line}:${at.column}${at.fn ? `|${at.fn}` : ''}`);
    }
    // Packed as numbers, not made an object: this runs for every step (packed-events.ts).
    this.events.step(t, op, access, cell, name, args, value, by, at);
  };

  /** push records an event other than a step: a join, an operation's return. */
  push(event: RunEvent): void {
    this.events.whole(event);
  }

  /** takePacked hands over the events recorded so far, as a worker sends them, and starts a new list. */
  takePacked(): PackedEvents {
    return this.events.take();
  }

  /** take hands over the events recorded so far, as objects, and starts a new list. */
  take(): RunEvent[] {
    return unpackEvents(this.events.take());
  }

  /** leaveTrail writes the last step's location where the main thread can read it if this worker gets stuck. */
  private leaveTrail(text: string): void {
    const slot = this.trail.subarray(this.me * TRAIL_BYTES, (this.me + 1) * TRAIL_BYTES - 1);
    const { written } = this.encoder.encodeInto(text, slot);
    slot[written] = 0;
  }
}
