import type { Measure } from '../alloc/meter.ts';
import type { MethodSites } from '../alloc/method-sites.ts';
import { NOISE_BYTES_PER_CALL } from '../alloc/noise.ts';
import { allocationAdvice } from './allocation-advice.ts';
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
  /** sites says, for each method over budget, where V8's sampling heap profiler saw it allocate. */
  readonly sites?: readonly MethodSites[];
  readonly finding?: Finding;
}

/** TOLERANCE is how far above the budget a figure may read (B/op): the meter's noise. */
const TOLERANCE = NOISE_BYTES_PER_CALL;

/**
 * allocationVerdict holds a profile against a budget. Over budget, the finding names the costliest
 * operation and, when the heap profiler has said where (`sites`), points at the first line of it
 * that makes an object, and says why such a line allocates.
 */
export function allocationVerdict(
  profile: AllocationProfile,
  budget: number,
  file: string,
  kata: string,
  sites?: readonly MethodSites[],
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
  const worstSites = sites?.find((site) => site.op === op);
  const first = worstSites?.functions.find((fn) => fn.lines.length > 0);
  const line = first?.lines[0]?.line ?? worstSites?.suspects?.[0]?.line ?? worstSites?.functions[0]?.line;
  const at: SourceLocation | undefined = line !== undefined ? { file, line, column: 1 } : undefined;
  const perOp = over.map((op) => `${op}() ${bytes(figure(op))}`).join(', ');
  const finding: Finding = {
    detector: 'allocation',
    summary: `${allocates(worst)}; the budget is ${bytes(budget)}`,
    expected: `at most ${bytes(budget)} per ${measured.length > 1 ? `${measured.slice(0, -1).join(', ')} and ${measured.at(-1)}` : measured[0]}`,
    actual: perOp,
    details: [
      ...allocationAdvice(sites?.filter((site) => over.includes(site.op))),
      'The talk (slide 25) asks you to picture a counter that allocates on every increment: at 300,000 increments a second, that is 300,000 heap objects a second, only to count.',
      `Measure it yourself: npm run bench ${kata} prints ns/op and B/op, like go test -benchmem.`,
    ],
    marks: [],
    ...(at ? { at } : {}),
  };
  return { profile, budget, tolerance, worst, ...(sites ? { sites } : {}), finding };
}

/** allocates says what the costliest operation allocates: "add() allocates 16 B/op per call". */
export function allocates(worst: NonNullable<AllocationVerdict['worst']>): string {
  return `${worst.op}() allocates ${bytes(worst.bytesPerOp)} per call`;
}

/** bytes formats a B/op figure the way `-benchmem` does, with one decimal for fractions. */
export function bytes(perOp: number): string {
  return `${perOp >= 10 || Number.isInteger(perOp) ? Math.round(perOp) : perOp.toFixed(1)} B/op`;
}
