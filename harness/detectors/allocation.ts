import { readFileSync } from 'node:fs';
import type { Measure } from '../alloc/meter.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';

/** AllocationProfile is what the meter measured for one object: bytes per call of each operation (a counter's add, inc and value), and the empty loop's. */
export interface AllocationProfile {
  /** ops holds each measured operation's figure, by method name. */
  readonly ops: Readonly<Record<string, Measure>>;
  /** floor is an empty loop measured the same way: what the measurement itself reads as. */
  readonly floor: Measure;
}

/** AllocationVerdict is a profile held against a kata's budget. */
export interface AllocationVerdict {
  readonly profile: AllocationProfile;
  /** budget is the most bytes per operation the kata may allocate. */
  readonly budget: number;
  /** tolerance is how far above the budget a figure may read and still pass: the meter's noise. */
  readonly tolerance: number;
  /** worst is the costliest operation over the budget, and its figure; unset within the budget. */
  readonly worst?: { readonly op: string; readonly bytesPerOp: number };
  readonly finding?: Finding;
}

/** TOLERANCE is how far above the budget a figure may read (B/op): windows of 20,000 calls read 0.03 for none. */
const TOLERANCE = 0.5;

/** A known cause of allocation, and how to spot it in a kata's source. */
interface Cause {
  readonly pattern: RegExp;
  readonly explain: string;
}

const causes: readonly Cause[] = [
  {
    pattern: /BigInt64Array|BigUint64Array|bigInt64\(|bigUint64\(|\bBigInt\(|\b\d+n\b/,
    explain:
      'BigInt boxing: in Node 20, every Atomics call on a BigInt64Array, and every read of one, returns a new BigInt on the heap (24 bytes); a CAS loop makes several per add.',
  },
  {
    pattern: /Atomics\.(?:add|sub|store|exchange)\([^,]+,[^,]+,\s*[A-Za-z_$][\w$.]*\s*\)/,
    explain:
      'a float handed to Atomics: V8 boxes a number it passes to Atomics.add or Atomics.store unless it knows the number is a small integer, and it may box it on every path, not only where the call is. Write `delta | 0`.',
  },
  {
    pattern: /=>|\bfunction\b/,
    explain:
      'a closure created on every call: a callback built inside a method captures its variables in a fresh heap object.',
  },
  {
    pattern:
      /new (?:Array|Float64Array|Int32Array|Uint32Array|ArrayBuffer|DataView)\b|\[\s*\.\.\.|\.(?:map|slice|concat|reduce)\(/,
    explain: 'an array or typed array per call: build scratch arrays once, outside the methods, and reuse them.',
  },
];

/** lineOf finds the first line of a class's methods that matches, to point at (1-based), skipping comments. */
function lineOf(source: string, pattern: RegExp): number | undefined {
  const lines = source.split('\n');
  const body = lines.findIndex((line) => /\bclass\b/.test(line));
  for (let i = Math.max(0, body); i < lines.length; i++) {
    const code = lines[i]!.replace(/\/\/.*$/, '');
    if (pattern.test(code)) return i + 1;
  }
  return undefined;
}

/**
 * allocationVerdict holds a profile against a budget. Over budget, the finding names the costliest
 * operation and points at the first line that looks like a known cause: BigInt boxing, closures,
 * arrays.
 */
export function allocationVerdict(
  profile: AllocationProfile,
  budget: number,
  file: string,
  kata: string,
): AllocationVerdict {
  const tolerance = TOLERANCE;
  if (profile.floor.bytesPerOp > tolerance) {
    // The meter measures again until an empty loop reads nothing; one that never did was never
    // optimized, and neither were the loops it brackets: their figures say nothing.
    const finding: Finding = {
      detector: 'error',
      summary: `allocations could not be measured: the machine was too busy (an empty loop read ${bytes(profile.floor.bytesPerOp)}, so V8 had not optimized the loops yet)`,
      details: ['Run the check again when the machine is quieter.'],
      marks: [],
    };
    return { profile, budget, tolerance, finding };
  }
  const figure = (op: string) => profile.ops[op]!.bytesPerOp;
  const measured = Object.keys(profile.ops);
  const over = measured.filter((op) => figure(op) > budget + tolerance);
  if (over.length === 0) return { profile, budget, tolerance };
  const op = over.reduce((a, b) => (figure(a) >= figure(b) ? a : b));
  const worst = { op, bytesPerOp: figure(op) };
  let source = '';
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    // No source to point into: the finding still has the figures.
  }
  const found = causes
    .map((cause) => ({ cause, line: lineOf(source, cause.pattern) }))
    .filter((match) => match.line !== undefined);
  const at: SourceLocation | undefined = found[0] ? { file, line: found[0].line!, column: 1 } : undefined;
  const perOp = over.map((op) => `${op}() ${bytes(figure(op))}`).join(', ');
  const finding: Finding = {
    detector: 'allocation',
    summary: `${allocates(worst)}; the budget is ${bytes(budget)}`,
    expected: `at most ${bytes(budget)} per ${measured.length > 1 ? `${measured.slice(0, -1).join(', ')} and ${measured.at(-1)}` : measured[0]}`,
    actual: perOp,
    details: [
      found.length > 0
        ? `Likely cause: ${found[0]!.cause.explain}`
        : 'Something in these methods allocates on every call. The usual causes:',
      ...(found.length > 0 ? [] : causes.map((cause) => `- ${cause.explain}`)),
      `The talk: "Imagine incrementing a counter would require a heap allocation. 300,000 allocations per second, just to count."`,
      `Measure it yourself: npm run bench ${kata} prints ns/op and B/op, like go test -benchmem.`,
    ],
    marks: [],
    ...(at ? { at } : {}),
  };
  return { profile, budget, tolerance, worst, finding };
}

/** allocates says what the costliest operation allocates: "add() allocates 16 B/op per call". */
export function allocates(worst: NonNullable<AllocationVerdict['worst']>): string {
  return `${worst.op}() allocates ${bytes(worst.bytesPerOp)} per call`;
}

/** bytes formats a B/op figure the way `-benchmem` does, with one decimal for fractions. */
export function bytes(perOp: number): string {
  return `${perOp >= 10 || Number.isInteger(perOp) ? Math.round(perOp) : perOp.toFixed(1)} B/op`;
}
