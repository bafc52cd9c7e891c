import type { History, Step } from '../check/history.ts';
import { locationName } from './lost-update.ts';
import type { Finding } from './finding.ts';

const scratch = new ArrayBuffer(8);
const words = new Uint32Array(scratch);
const float = new Float64Array(scratch);
const bigint = new BigInt64Array(scratch);
const biguint = new BigUint64Array(scratch);

/** Word pairs as "high:low", each a 32-bit number. */
type Pair = string;

function pairOf(lo: number, hi: number): Pair {
  return `${hi >>> 0}:${lo >>> 0}`;
}

function pairOfValue(kind: string, value: unknown): Pair {
  if (kind === 'float64') float[0] = Number(value);
  else if (kind === 'biguint64') biguint[0] = BigInt(value as bigint);
  else bigint[0] = BigInt(value as bigint);
  return pairOf(words[0]!, words[1]!);
}

function valueOfPair(kind: string, pair: Pair): string {
  const [hi, lo] = pair.split(':').map(Number);
  words[0] = lo!;
  words[1] = hi!;
  return kind === 'float64' ? String(float[0]) : kind === 'biguint64' ? `${biguint[0]}n` : `${bigint[0]}n`;
}

const hex = (word: number) => `0x${(word >>> 0).toString(16).padStart(8, '0')}`;

/** atomicResult is the whole value an Atomics step on a BigInt64Array left in memory, or undefined if it wrote nothing. */
function atomicResult(step: Step): bigint | undefined {
  const old = step.value as bigint;
  const arg = step.args[0] as bigint;
  switch (step.name) {
    case 'store':
    case 'exchange':
      return arg;
    case 'compareExchange':
      return old === arg ? (step.args[1] as bigint) : undefined;
    case 'add':
      return old + arg;
    case 'sub':
      return old - arg;
    case 'and':
      return old & arg;
    case 'or':
      return old | arg;
    case 'xor':
      return old ^ arg;
    default:
      return undefined;
  }
}

interface Half {
  readonly word: number;
  /** from is the write the word came from, undefined for the initial zero. */
  readonly from?: Step;
}

/**
 * tornRead checks, as on a 32-bit machine, that every 64-bit value read is a value that was
 * actually written (or the initial 0), and when one is not, says which write each half came from.
 */
export function tornRead(history: History): Finding | undefined {
  const kinds = new Map(history.regions.map((region) => [region.id, region.kind]));
  const written = new Map<string, Set<Pair>>();
  const lastLo = new Map<string, Half>();
  const lastHi = new Map<string, Half>();
  const pendingRead = new Map<string, { step: Step; lo: Half }>();
  for (const step of history.steps) {
    const kind = kinds.get(step.region);
    if (kind !== 'float64' && kind !== 'bigint64' && kind !== 'biguint64') continue;
    const key = `${step.region}:${step.index}`;
    const values = written.get(key) ?? new Set([pairOf(0, 0)]);
    written.set(key, values);
    if (step.name === 'write-lo') {
      lastLo.set(key, { word: step.value as number, from: step });
    } else if (step.name === 'write-hi') {
      lastHi.set(key, { word: step.value as number, from: step });
      values.add(pairOf(lastLo.get(key)?.word ?? 0, step.value as number));
    } else if (step.access === 'atomic' || step.access === 'write') {
      const result = step.access === 'write' ? step.value : atomicResult(step);
      if (result === undefined) continue;
      const pair = pairOfValue(kind, result);
      const [hi, lo] = pair.split(':').map(Number);
      lastLo.set(key, { word: lo!, from: step });
      lastHi.set(key, { word: hi!, from: step });
      values.add(pair);
    } else if (step.name === 'read-lo') {
      pendingRead.set(`${step.worker}@${key}`, { step, lo: lastLo.get(key) ?? { word: 0 } });
    } else if (step.name === 'read-hi') {
      const pending = pendingRead.get(`${step.worker}@${key}`);
      if (!pending) continue;
      pendingRead.delete(`${step.worker}@${key}`);
      const hi = lastHi.get(key) ?? { word: 0 };
      const pair = pairOf(pending.lo.word, step.value as number);
      if (values.has(pair)) continue;
      const where = locationName(history, step);
      const describe = (half: Half, name: string) => {
        if (!half.from) return `${name} word ${hex(half.word)} from the initial 0`;
        return `${name} word ${hex(half.word)} from worker ${half.from.worker}'s write of ${wholeValueOf(history, half.from, kind)}`;
      };
      return {
        detector: 'torn-read',
        summary: `torn read: worker ${step.worker} read ${where} = ${valueOfPair(kind, pair)}, a value nobody wrote`,
        expected: 'a value some write wrote whole',
        actual: `${hex(Number(pair.split(':')[0]))}_${hex(Number(pair.split(':')[1])).slice(2)}`,
        details: [`${describe(hi, 'high')},`, `${describe(pending.lo, 'low')}.`, 'On a 32-bit machine a plain 64-bit access is two: another write fit in between.'],
        marks: [pending.step.t, step.t],
        ...(step.at ? { at: step.at } : {}),
      };
    }
  }
  return undefined;
}

/** wholeValueOf is the 64-bit value the write that `step` belongs to wrote, for the report. */
function wholeValueOf(history: History, step: Step, kind: string): string {
  if (step.name !== 'write-lo' && step.name !== 'write-hi') {
    const pair = step.access === 'write' ? pairOfValue(kind, step.value) : pairOfValue(kind, atomicResult(step));
    return valueOfPair(kind, pair);
  }
  const partner = history.steps.find(
    (other) =>
      other.worker === step.worker &&
      other.region === step.region &&
      other.index === step.index &&
      other.name === (step.name === 'write-lo' ? 'write-hi' : 'write-lo') &&
      Math.abs(other.t - step.t) <= 2,
  );
  const lo = step.name === 'write-lo' ? (step.value as number) : ((partner?.value as number | undefined) ?? 0);
  const hi = step.name === 'write-hi' ? (step.value as number) : ((partner?.value as number | undefined) ?? 0);
  return valueOfPair(kind, pairOf(lo, hi));
}
