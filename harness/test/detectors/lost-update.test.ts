/**
 * Every lost update says how it was lost, in one sentence, and marks the step to blame: a write over
 * another worker's that it never read, a compareExchange retry computed from a stale read, an add
 * that returned without writing, or a write the final read never looked at.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { explanation } from '../../detectors/finding.ts';

const cases = [
  {
    kata: 'kata-4',
    mutant: 'load-then-store',
    says: /^worker \d read cell\[0\] = 0, then worker \d wrote 1, then worker \d wrote 1 over worker \d's 1: one update lost\. Another thread can write between its read(?: at line \d+ and its write at line \d+| and its write, both in line \d+): make them one step/,
  },
  {
    kata: 'kata-5',
    mutant: 'stale-retry',
    says: /worker \d's compareExchange failed on it, then its retry wrote 0\.25, computed from the stale 0, over worker \d's 0\.25: one update lost\./,
  },
  {
    kata: 'kata-5',
    mutant: 'no-retry',
    says: /^worker \d's add\(0\.25\) returned without writing: its compareExchange found 0\.25, not the 0 it expected, and it did not retry\. That update is lost\.$/,
  },
  {
    kata: 'kata-7b',
    mutant: 'reads-own-stripe-only',
    says: /^worker 1's add\(0\.25\) wrote (cells\[\d+\]) at line \d+, but value\(\) read cells\[\d+\] at line \d+, never \1\. What value\(\) reads and what each update writes must be the same places\.$/,
  },
  // The Mutex's own steps are never blamed: the write to blame is the kata's, after unlocking.
  {
    kata: 'kata-2',
    mutant: 'unlocks-before-the-store',
    says: /^worker \d read cell\[0\] = 0, then worker \d wrote 1, then worker \d wrote 1 over worker \d's 1: one update lost\. Another thread can write between its read(?: at line \d+ and its write at line \d+| and its write, both in line \d+): make them one step/,
  },
];

describe('the lost-update explanation', () => {
  it.each(cases)('$kata $mutant', async ({ kata, mutant, says }) => {
    const check = await loadKata(kata);
    const result = await examine(check, {
      implementation: join(root, 'checks', kata, 'mutants', `${mutant}.ts`),
      seed: 1,
      exhaustive: false,
      allocations: false,
    });
    const failure = result.properties.find((property) => property.property === 'concurrency')?.failure;
    expect(failure?.finding.detector).toBe('lost-update');
    expect(explanation(failure!.finding).join(' ')).toMatch(says);
    expect(failure!.finding.marks).toHaveLength(1);
    expect(failure!.history!.steps.some((step) => step.t === failure!.finding.marks[0])).toBe(true);
  });
});
