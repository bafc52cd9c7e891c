/** A misaligned 64-bit field: the finding explains it in the harness's own sentences, carried as data from the worker. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { findingOf } from '../../engine/results.ts';
import { examine } from '../../engine/examine.ts';

describe('a misaligned layout', () => {
  it('is an alignment finding whose details are the AlignmentError’s sentences, one a line', async () => {
    const result = await examine(await loadKata('kata-6'), {
      implementation: join(root, 'checks/kata-6/mutants/misaligned-layout.ts'),
      seed: 1,
      exhaustive: false,
      allocations: false,
    });
    const finding = result.properties.map(findingOf).find((entry) => entry?.detector === 'alignment');
    expect(finding?.summary).toBe('a 64-bit field is misaligned');
    expect(finding?.details).toHaveLength(3);
    expect(finding?.details[0]).toMatch(
      /^\w+\(\) would start at byte \d+, and a 64-bit view must start at a multiple of 8\.$/,
    );
    expect(finding?.details.slice(1)).toEqual([
      'In a packed layout, put the 64-bit fields first, as client_golang does: its counter\'s value "has to go first in the struct to guarantee alignment for atomic operations".',
      'JavaScript refuses a misaligned BigInt64Array or Float64Array outright; in Go on 32-bit ARM and 386, a 64-bit atomic on one crashes.',
    ]);
  });
});
