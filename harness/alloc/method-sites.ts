/**
 * What allocates, per method: the meter's exact figure for the method, the kata functions V8's
 * sampling heap profiler saw allocating while it was called, and the lines in each that make objects.
 */
import { allocatingLines, floatsHandedToAtomics, type AllocatingLine } from './allocating-lines.ts';
import type { SampledFunction } from './profile-sites.ts';

/** FunctionSite is one kata function that allocated while a method was called, and its lines that make objects. */
export interface FunctionSite {
  readonly name: string;
  /** line is where the function starts (1-based). */
  readonly line: number;
  /** bytesPerCall is the function's share of the method's measured figure, as the profiler split it. */
  readonly bytesPerCall: number;
  /** lines are the function's lines that make an object (none: V8 boxed a value there, or the line is hidden). */
  readonly lines: readonly AllocatingLine[];
}

/** MethodSites is what one method allocates, and where. */
export interface MethodSites {
  readonly op: string;
  /** bytesPerCall is the meter's figure for the method. */
  readonly bytesPerCall: number;
  /** functions are where the profiler saw it allocate; empty when it saw nothing in the kata's own code. */
  readonly functions: readonly FunctionSite[];
  /**
   * suspects, when no function's line makes an object, are the lines that hand Atomics a parameter
   * as it came: V8 boxes that float where the method is compiled into its caller, which the profile
   * of the method alone cannot show.
   */
  readonly suspects?: readonly AllocatingLine[];
}

/** A function with less than this share of what a method allocated is left out: what was left of a warm-up. */
const LEAST_SHARE = 0.05;

/**
 * methodSites puts the profiler's functions for each method (bytes per call, sampled) against the
 * meter's exact figure: each function gets its share of that figure, and its lines from the source.
 */
export function methodSites(
  sampled: Readonly<Record<string, readonly SampledFunction[]>>,
  figures: Readonly<Record<string, number>>,
  source: string,
): MethodSites[] {
  return Object.entries(sampled).map(([op, functions]) => {
    const bytesPerCall = figures[op] ?? 0;
    const total = functions.reduce((sum, fn) => sum + fn.bytes, 0);
    const kept = functions.filter((fn) => total > 0 && fn.bytes / total >= LEAST_SHARE);
    const keptTotal = kept.reduce((sum, fn) => sum + fn.bytes, 0);
    const located = kept.map((fn) => ({
      name: fn.name,
      line: fn.line,
      bytesPerCall: (bytesPerCall * fn.bytes) / keptTotal,
      lines: allocatingLines(source, fn.line),
    }));
    const suspects = located.some((fn) => fn.lines.length > 0) ? [] : floatsHandedToAtomics(source, op);
    return { op, bytesPerCall, functions: located, ...(suspects.length > 0 ? { suspects } : {}) };
  });
}
