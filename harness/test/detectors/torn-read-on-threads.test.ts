/** The 32-bit platform model and the torn-read oracle. */
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';

const check = await loadKata('kata-6');
/** splitWrite is kata-6's stub once its first step is done: the 64-bit field aligned, still read and written plainly. */
const splitWrite = `${root}checks/kata-6/mutants/aligned-but-plain.ts`;

describe('as on a 32-bit machine', () => {
  it('finds the naive split write tearing, and names the write each half came from', async () => {
    const result = await examine(check, { implementation: splitWrite, seed: 3 });
    const failure = result.properties[1]!.failure!;
    expect(failure.finding.detector).toBe('torn-read');
    expect(failure.finding.summary).toMatch(
      /^torn read: worker 1 read cell\[0\] = \S+, half of one value and half of another$/,
    );
    expect(failure.finding.details.join(' ')).toMatch(
      /high word 0x[0-9a-f]{8} from (worker 0's write of \d+|the initial 0), low word 0x[0-9a-f]{8} from (worker 0's write of \d+|the initial 0)\./,
    );
    const steps = failure.history!.steps.filter((step) => step.op >= 0);
    expect(steps.length).toBeLessThanOrEqual(6);
    expect(
      steps.some((step) => step.access === 'read' && step.half === 'lo') &&
        steps.some((step) => step.access === 'write' && step.half === 'hi'),
    ).toBe(true);
  });

  it("calls a sequence lock's reader that never re-checks a torn read, and asks for the re-check", async () => {
    const result = await examine(check, {
      implementation: `${root}harness/test/fixtures/kata-6-no-recheck.ts`,
      seed: 1079928760,
    });
    const finding = result.properties[1]!.failure!.finding;
    expect(finding.summary).toMatch(
      /^torn read: worker \d's value\(\) returned \d+, half of one value and half of another$/,
    );
    expect(finding.advice).toEqual([
      'It read seq[0] before the words and never after them: read it again after both, and retry if it moved.',
    ]);
  });

  it('keeps Atomics on a BigInt64Array whole: no false alarm', async () => {
    const result = await examine(check, { implementation: `${root}checks/kata-6/correct/atomic-bits.ts`, seed: 3 });
    expect(result.status).toBe('pass');
  });

  it('does not split anything on a 64-bit machine, where the same code is still a data race', async () => {
    const result = await examine(check, { implementation: splitWrite, seed: 3, platform: '64-bit' });
    expect(result.properties.map((property) => [property.property, property.status])).toEqual([
      ['contract', 'pass'],
      ['concurrency', 'pass'],
      ['races', 'fail'],
      ['exhaustive', 'skipped'],
      ['allocations', 'skipped'],
    ]);
    const steps = result.properties[2]!.failure!.history!.steps;
    expect(steps.some((step) => step.half !== undefined)).toBe(false);
  });

  it('can check any kata as on a 32-bit machine', async () => {
    const kata1 = await loadKata('kata-1');
    const result = await examine(kata1, { implementation: kata1.paths.solution, seed: 3, platform: '32-bit' });
    const steps = result.properties[1]!.failure!.history!.steps;
    expect(steps.some((step) => step.access === 'write' && step.half === 'lo')).toBe(true);
  });
});
