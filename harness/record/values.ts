/**
 * How a value in shared memory reads to a person. A 64-bit element that holds a float's bits (kata-5
 * keeps its float in a BigInt64Array) shows as the float it holds, `0.25`, not as
 * 4598175219545276416n: a location is taken for float bits when some value seen there is far beyond
 * any count (≥ 2⁵²) and is, as a float, a short finite number, NaN or an infinity; and so is every
 * element of the 64-bit field it is in.
 */
import type { History, Step } from './history.ts';
import { bytesKey, written } from './step-effects.ts';

/** formatValue renders a value read or written, e.g. `1`, `-0`, `5n`. */
export function formatValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

const bits = new BigUint64Array(1);
const float = new Float64Array(bits.buffer);

/** bitsToFloat reads a 64-bit integer's bits as a float64, as the kata's own Float64Array view would. */
export function bitsToFloat(value: bigint): number {
  bits[0] = BigInt.asUintN(64, value);
  return float[0]!;
}

const specialBits = new Set(
  [NaN, Infinity, -Infinity].map((special) => {
    float[0] = special;
    return bits[0]!;
  }),
);

/** looksLikeFloatBits is true for a BigInt too large for a count whose bits are a short, finite float. */
function looksLikeFloatBits(value: unknown): boolean {
  if (typeof value !== 'bigint') return false;
  const magnitude = value < 0n ? -value : value;
  if (magnitude < 2n ** 52n) return false;
  const asFloat = bitsToFloat(value);
  // The bits a Float64Array writes for NaN and for ±Infinity: what an unchecked add(NaN) leaves.
  if (!Number.isFinite(asFloat)) return specialBits.has(BigInt.asUintN(64, value));
  return Number.isFinite(asFloat) && Math.abs(asFloat) >= 2 ** -30 && String(asFloat).length <= 12;
}

const floatLocations = new WeakMap<History, ReadonlySet<string>>();

/** floatBitsAt lists the locations of a history (as bytesKey) that hold float bits. */
function floatBitsAt(history: History): ReadonlySet<string> {
  let keys = floatLocations.get(history);
  if (!keys) {
    const found = new Set<string>();
    for (const step of history.steps) {
      if (step.size !== 8 || step.half) continue;
      if ([step.value, ...step.args, written(step)].some(looksLikeFloatBits)) found.add(bytesKey(step));
    }
    keys = wholeFields(history, found);
    floatLocations.set(history, keys);
  }
  return keys;
}

/**
 * wholeFields widens float locations to the whole 64-bit field they are in: a stripe that still
 * holds 0n holds the float 0 as much as its neighbour holds 0.25.
 */
function wholeFields(history: History, found: ReadonlySet<string>): ReadonlySet<string> {
  const keys = new Set(found);
  for (const field of history.layouts[0] ?? []) {
    if (field.kind !== 'bigint64' && field.kind !== 'biguint64') continue;
    const offsets = Array.from({ length: field.length }, (_, i) => field.byteOffset + 8 * i);
    if (offsets.some((offset) => found.has(`${offset}:8`))) for (const offset of offsets) keys.add(`${offset}:8`);
  }
  return keys;
}

/** holdsFloatBits says whether a step's location holds a float's bits. */
export function holdsFloatBits(history: History, step: Pick<Step, 'offset' | 'size'>): boolean {
  return floatBitsAt(history).has(bytesKey(step));
}

/**
 * showValue renders a value seen at a step's location: as the float it holds where the location
 * holds float bits (0n is 0 there), otherwise as formatValue does.
 */
export function showValue(history: History, step: Pick<Step, 'offset' | 'size'>, value: unknown): string {
  if (typeof value === 'bigint' && holdsFloatBits(history, step)) return formatValue(bitsToFloat(value));
  return formatValue(value);
}

/**
 * showArgument renders an argument of an atomic step, as showValue does, except the operand of an
 * Atomics.add or sub on float bits: that adds integers, so it shows as the integer it adds, never as
 * a float it would seem to add.
 */
export function showArgument(history: History, step: Pick<Step, 'offset' | 'size' | 'name'>, arg: unknown): string {
  if (step.name === 'add' || step.name === 'sub') return formatValue(arg);
  return showValue(history, step, arg);
}

/** numeric is a value seen at a step's location as a number: the float for float bits, the integer otherwise. */
export function numeric(history: History, step: Pick<Step, 'offset' | 'size'>, value: unknown): number | undefined {
  if (typeof value === 'bigint') return holdsFloatBits(history, step) ? bitsToFloat(value) : Number(value);
  return typeof value === 'number' ? value : undefined;
}
