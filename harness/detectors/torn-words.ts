/**
 * tornWords finds a read that returned a 64-bit value it assembled from two 32-bit words, each read
 * whole (kata-6's sequence lock keeps a float as two Int32 words), when the two words never held
 * that value together: a write came between the two reads. It says which write each word came
 * from, and, when the reader read a sequence before the words, that it never read it again after.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { locationName, readsOnly, written } from '../record/step-effects.ts';
import type { Finding } from './finding.ts';
import { passedRecheck } from './passed-recheck.ts';

const word = (value: unknown) => Number(value) >>> 0;
const hex = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;
const scratch = new DataView(new ArrayBuffer(8));

/** assemble reads a low and a high word as the float64 and the int64 they make. */
function assemble(lo: number, hi: number): { readonly float: number; readonly int: number } {
  scratch.setUint32(0, lo, true);
  scratch.setUint32(4, hi, true);
  return { float: scratch.getFloat64(0, true), int: Number(scratch.getBigInt64(0, true)) };
}

const isWordRead = (step: Step) => step.size === 4 && !step.half && readsOnly(step);

/** tornWords is the torn-read finding for a read assembled from two words that never held it together. */
export function tornWords(history: History): Finding | undefined {
  const reads = [...history.ops, ...(history.final ? [history.final] : [])].filter(
    (record) => typeof record.result === 'number' && record.end !== Infinity,
  );
  for (const read of reads) {
    const own = history.steps.filter(
      (step) => step.worker === read.worker && step.t >= read.begin && step.t <= read.end,
    );
    const words = own.filter(isWordRead);
    // The words a read returns are the last it read of each: earlier ones were read and retried.
    for (const offset of new Set(words.map((step) => step.offset))) {
      const lo = words.findLast((step) => step.offset === offset)!;
      const hi = words.findLast((step) => step.offset === offset + 4);
      if (!hi) continue;
      const made = assemble(word(lo.value), word(hi.value));
      if (!Object.is(made.float, read.result) && made.int !== read.result) continue;
      const [first, second] = lo.t < hi.t ? [lo, hi] : [hi, lo];
      if (heldTogether(history, lo.offset, word(lo.value), word(hi.value), first.t, second.t)) continue;
      return finding(history, read, { lo, hi, first, second, own });
    }
  }
  return undefined;
}

/** heldTogether says whether the two words held `lo` and `hi` at one instant between times `from` and `to`. */
function heldTogether(history: History, at: number, lo: number, hi: number, from: number, to: number): boolean {
  let low = 0;
  let high = 0;
  for (const step of history.steps) {
    if (step.t > to) break;
    const value = written(step);
    if (value !== undefined && step.size === 4 && step.offset === at) low = word(value);
    if (value !== undefined && step.size === 4 && step.offset === at + 4) high = word(value);
    if (step.t >= from && low === lo && high === hi) return true;
  }
  return false;
}

interface Pair {
  readonly lo: Step;
  readonly hi: Step;
  readonly first: Step;
  readonly second: Step;
  readonly own: readonly Step[];
}

function finding(history: History, read: OpRecord, { lo, hi, first, second, own }: Pair): Finding {
  const from = (step: Step, name: string) => {
    const writer = history.steps.findLast(
      (other) => other.t < step.t && other.offset === step.offset && written(other) !== undefined,
    );
    const source = writer ? `worker ${writer.worker}'s ${writeOf(history, writer)}` : 'the initial 0';
    return `${name} word ${locationName(history, step)} = ${hex(word(step.value))} from ${source}`;
  };
  const who = read === history.final ? 'the final value()' : `worker ${read.worker}'s value()`;
  // A sequence the reader checked before the words and never after them.
  const checked = own.find((step) => step.t < first.t && !isPartOf(step, lo) && step.access !== 'write');
  const again = checked && own.some((step) => step.t > second.t && step.offset === checked.offset);
  const recheck = again ? passedRecheck(history, read) : undefined;
  const at = recheck?.at ?? second.at;
  const advice =
    checked && !again
      ? `It read ${locationName(history, checked)} before the words and never after them: read it again after both, and retry if it moved.`
      : 'Two 32-bit reads are two steps: check, after both, that no write began in between, and retry if one did.';
  return {
    detector: 'torn-read',
    summary: `torn read: ${who} returned ${String(read.result)}, half of one value and half of another`,
    expected: 'one value, whole',
    actual: `${hex(word(hi.value))} ${hex(word(lo.value))}`,
    details: [`${from(hi, 'high')},`, `${from(lo, 'low')}.`, ...(recheck?.details ?? [])],
    ...(recheck ? {} : { advice: [advice] }),
    marks: [first.t, second.t, ...(recheck?.marks ?? [])],
    ...(at ? { at } : {}),
  };
}

/** isPartOf says whether a step touched the two words that start at `lo`. */
function isPartOf(step: Step, lo: Step): boolean {
  return step.offset >= lo.offset && step.offset < lo.offset + 8;
}

/** writeOf names a write of one word by the value of the operation that made it: "write of 4294967297". */
function writeOf(history: History, writer: Step): string {
  const record = history.ops.find((op) => op.worker === writer.worker && op.index === writer.op);
  return record ? `${record.op.kind}(${String(record.op.arg ?? '')})` : 'write';
}
