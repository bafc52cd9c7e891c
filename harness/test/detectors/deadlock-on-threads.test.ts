/** A deadlock told by what each thread waits on, on real threads: kata-3's loop without select, kata-2's lock left held. */
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';

const kata2 = await loadKata('kata-2');
const kata3 = await loadKata('kata-3');

describe('a deadlock on channels', () => {
  it('names the channel each thread waits on, and tells a loop that receives, then sends, to select', async () => {
    const result = await examine(kata3, {
      implementation: `${root}harness/test/fixtures/kata-3-no-select.ts`,
      seed: 1,
    });
    const finding = result.properties[0]!.failure!.finding;
    expect(finding.detector).toBe('deadlock');
    expect(finding.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the loop \(worker 2\) waits to receive on `in` at line 27 \(NoSelect\.loop\)$/),
        expect.stringMatching(/^worker 0 waits to receive on `out` in the final value\(\) at line 22/),
      ]),
    );
    expect(finding.details.at(-1)).toContain('select(this.in.onReceive(...), this.out.onSend(...))');
    expect(finding.details.join(' ')).not.toContain('signal');
  });
});

describe('a deadlock on a lock left held', () => {
  it('points at the throw between lock() and unlock(), not at the thread that waits', async () => {
    const file = `${root}checks/kata-2/mutants/no-unlock-on-error.ts`;
    const result = await examine(kata2, { implementation: file, seed: 1 });
    const finding = result.properties[0]!.failure!.finding;
    expect(finding.detector).toBe('deadlock');
    expect(finding.at).toMatchObject({ file, line: 19 });
    expect(finding.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^worker 0's add\(\S+\) locked `mu` at line 18 and threw RangeError at line 19 before/),
        'Unlock in a `finally`, so that a throw unlocks too: mu.lock(); try { … } finally { mu.unlock(); }',
      ]),
    );
  });
});
