/**
 * Whether the bench reproduces the talk's order under contention, atomic < CAS float < mutex <
 * channel, claimed only as far as the runs can tell: two counters whose medians lie within their
 * spreads of each other are too close to call, whichever median happens to be lower.
 */
import { compare, type Summary } from './samples.ts';

/** TALK_ORDER is the talk's order, fastest first (slides 11, 15, 17 and 20). */
export const TALK_ORDER = ['atomic', 'cas-float', 'mutex', 'channel'] as const;

export interface Named {
  readonly name: string;
  readonly summary: Summary;
}

/** Ordering is what the runs say about one worker count. */
export interface Ordering {
  /** line is the counters fastest first, `<` between two the runs tell apart and `≈` between two they cannot. */
  readonly line: string;
  /** verdict: 'talk' when every step of the talk's order is told apart and holds; 'not-talk' when one is told apart and reversed; 'too-close' otherwise. */
  readonly verdict: 'talk' | 'not-talk' | 'too-close';
  /** pairs are the neighbours in the talk's order that decided the verdict: the reversed ones, or those too close to call. */
  readonly pairs: readonly (readonly [string, string])[];
}

/** told compares two summaries, and never tells apart counters measured once: one run shows no spread. */
function told(a: Summary, b: Summary): '<' | '>' | '≈' {
  return a.kept < 2 || b.kept < 2 ? '≈' : compare(a, b);
}

/** ordering judges counters given in the order the talk expects them, fastest first. */
export function ordering(expected: readonly Named[]): Ordering {
  const sorted = [...expected].sort((a, b) => a.summary.median - b.summary.median);
  const line = sorted
    .map((entry, i) =>
      i === 0 ? entry.name : `${told(sorted[i - 1]!.summary, entry.summary) === '<' ? '<' : '≈'} ${entry.name}`,
    )
    .join(' ');
  const reversed: [string, string][] = [];
  const close: [string, string][] = [];
  for (let i = 1; i < expected.length; i++) {
    const [a, b] = [expected[i - 1]!, expected[i]!];
    const relation = told(a.summary, b.summary);
    if (relation === '>') reversed.push([a.name, b.name]);
    else if (relation === '≈') close.push([a.name, b.name]);
  }
  if (reversed.length > 0) return { line, verdict: 'not-talk', pairs: reversed };
  if (close.length > 0) return { line, verdict: 'too-close', pairs: close };
  return { line, verdict: 'talk', pairs: [] };
}
