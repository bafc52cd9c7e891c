/**
 * A run's events as a checked worker sends them to the main thread: the numbers of every step in
 * one Float64Array, its strings (access, kind, name) once each, and whatever is not a number (a
 * BigInt read, a wake-up's result, a source location, an operation's return) in a list beside them.
 * Sent as event objects, a kata-3 run's hundred steps cost the main thread about 200 µs per run to
 * receive (a structured clone copies every object's keys and strings one by one, a fifth of its
 * work between two runs of systematic search), and the worker as much to make and send; a
 * Float64Array is copied whole, and `unpackEvents` builds the same objects again, field by field
 * in the same order, in a loop V8 optimises.
 */
import { ArrayPush, ObjectCreate, realConstructors } from '../instrument/intrinsics.ts';
import type { Cell } from '../instrument/steps.ts';
import type { RunEvent, SourceLocation, StepAccess, StepEvent, WorkerReport } from '../scheduler/protocol.ts';

/** PackedEvents are a worker's events of one run, as sent. */
export interface PackedEvents {
  readonly numbers: Float64Array;
  /** strings are the access, kind, name and half of the steps, each once. */
  readonly strings: readonly string[];
  /** others are the values that are not numbers, and every event that is not a step, whole. */
  readonly others: readonly unknown[];
}

/**
 * RecordStep is how a worker records one step (run-record.ts): `by` is the waker of a wake-up, `at`
 * the step's source line (the record finds it itself, when its run captures lines).
 */
export type RecordStep = (
  t: number,
  op: number,
  access: StepAccess,
  cell: Cell,
  name: string,
  args: readonly unknown[],
  value: unknown,
  by?: number,
  at?: SourceLocation,
) => void;

/**
 * The tags in `numbers`: what each entry starts with (a step, packed, or an event kept WHOLE in
 * `others`); whether a value is a NUMBER in the next entry or the index of an OTHER; and which of a
 * step's optional fields follow its flags, in this order.
 */
const Tag = { STEP: 0, WHOLE: 1, NUMBER: 0, OTHER: 1, BIG_ENDIAN: 1, HALF: 2, BY: 4, AT: 8 } as const;
const { STEP, WHOLE, NUMBER, OTHER, BIG_ENDIAN, HALF, BY, AT } = Tag;

/**
 * RealFloat64Array is the engine's own constructor. The global one a checked worker has is the
 * instrumentation's (constructors.ts), whose arrays V8 gives another map: copying a run's numbers
 * from one kind of array into the other cost 30 µs a run, where the same copy between the engine's
 * own arrays costs 4.
 */
const RealFloat64Array = realConstructors.Float64Array;

/** NO_EVENTS is the events of a worker that recorded none (it crashed, or stopped before building). */
export const NO_EVENTS: PackedEvents = { numbers: new Float64Array(0), strings: [], others: [] };

/**
 * EventPacker records one run's events as they happen. It writes only into its own Float64Array
 * (an index setter kata code put on Array.prototype never sees a typed array's elements) and adds
 * to its lists with the captured `push`.
 */
export class EventPacker {
  private numbers = new RealFloat64Array(1024);
  private length = 0;
  private strings: string[] = [];
  private stringIds: Record<string, number> = ObjectCreate(null) as Record<string, number>;
  private others: unknown[] = [];

  /** step records one step, with the fields of a StepEvent. */
  readonly step: RecordStep = (t, op, access, cell, name, args, value, by, at) => {
    const flags =
      (cell.littleEndian ? 0 : BIG_ENDIAN) | (cell.half ? HALF : 0) | (by !== undefined ? BY : 0) | (at ? AT : 0);
    this.put(STEP);
    this.put(t);
    this.put(op);
    this.put(this.string(access));
    this.put(cell.view.id);
    this.put(cell.index);
    this.put(cell.offset);
    this.put(cell.size);
    this.put(this.string(cell.kind));
    this.put(this.string(name));
    this.put(args.length);
    for (let i = 0; i < args.length; i++) this.value(args[i]);
    this.value(value);
    this.put(flags);
    if (cell.half) this.put(this.string(cell.half));
    if (by !== undefined) this.put(by);
    if (at) this.put(this.other(at));
  };

  /** whole records an event other than a step (a join, an operation's return) as it is. */
  whole(event: RunEvent): void {
    this.put(WHOLE);
    this.put(this.other(event));
  }

  /** take hands over what was recorded, and starts again. */
  take(): PackedEvents {
    const numbers = new RealFloat64Array(this.length);
    for (let i = 0; i < this.length; i++) numbers[i] = this.numbers[i]!;
    const packed = { numbers, strings: this.strings, others: this.others };
    this.clear();
    return packed;
  }

  /** clear drops what was recorded. */
  clear(): void {
    this.length = 0;
    this.strings = [];
    this.stringIds = ObjectCreate(null) as Record<string, number>;
    this.others = [];
  }

  private value(value: unknown): void {
    if (typeof value === 'number') {
      this.put(NUMBER);
      this.put(value);
    } else {
      this.put(OTHER);
      this.put(this.other(value));
    }
  }

  private other(value: unknown): number {
    return ArrayPush(this.others, value) - 1;
  }

  private string(text: string): number {
    const id = this.stringIds[text];
    if (id !== undefined) return id;
    const added = ArrayPush(this.strings, text) - 1;
    this.stringIds[text] = added;
    return added;
  }

  private put(number: number): void {
    if (this.length === this.numbers.length) this.grow();
    this.numbers[this.length++] = number;
  }

  /** grow doubles the array: a write past a typed array's end would be dropped without a word. */
  private grow(): void {
    const grown = new RealFloat64Array(this.numbers.length * 2);
    for (let i = 0; i < this.length; i++) grown[i] = this.numbers[i]!;
    this.numbers = grown;
  }
}

/**
 * unpackEvents builds a worker's events again: each step an object with the fields RunRecord gave it,
 * in the same order (the optional ones only when set), each other event as it came.
 */
export function unpackEvents(packed: PackedEvents): RunEvent[] {
  const { numbers, strings, others } = packed;
  const events: RunEvent[] = [];
  let i = 0;
  const value = (): unknown => (numbers[i++] === NUMBER ? numbers[i++] : others[numbers[i++]!]);
  while (i < numbers.length) {
    if (numbers[i++] === WHOLE) {
      events.push(others[numbers[i++]!] as RunEvent);
      continue;
    }
    const t = numbers[i++]!;
    const op = numbers[i++]!;
    const access = strings[numbers[i++]!] as StepAccess;
    const view = numbers[i++]!;
    const index = numbers[i++]!;
    const offset = numbers[i++]!;
    const size = numbers[i++]!;
    const kind = strings[numbers[i++]!] as StepEvent['kind'];
    const name = strings[numbers[i++]!]!;
    const count = numbers[i++]!;
    const args: unknown[] = [];
    for (let k = 0; k < count; k++) args.push(value());
    const result = value();
    const flags = numbers[i++]!;
    const event: { -readonly [K in keyof StepEvent]: StepEvent[K] } = {
      t,
      type: 'step',
      op,
      access,
      view,
      index,
      offset,
      size,
      kind,
      name,
      args,
      value: result,
    };
    if (flags & BIG_ENDIAN) event.littleEndian = false;
    if (flags & HALF) event.half = strings[numbers[i++]!] as 'lo' | 'hi';
    if (flags & BY) event.by = numbers[i++]!;
    if (flags & AT) event.at = others[numbers[i++]!] as SourceLocation;
    events.push(event);
  }
  return events;
}

/** WireReport is a WorkerReport as a worker sends it: its events packed. */
export type WireReport = Omit<WorkerReport, 'events'> & { readonly events: PackedEvents };

/** unpackReport is a report as it came, with its events as objects: the same fields in the same order. */
export function unpackReport(wire: WireReport): WorkerReport {
  return { ...wire, events: unpackEvents(wire.events) };
}
