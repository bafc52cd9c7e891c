/** A kata's grade names the finding that decided it: on kata-1, whose lost update is its lesson, that is never the lesson. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kataIds, loadKata, root } from '../../curriculum/katas.ts';
import type { Finding } from '../../detectors/finding.ts';
import { decidingFinding, gradeKata, isBonus } from '../../workshop/progress.ts';

const scratch = join(root, `.scratch-kata-grade-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('gradeKata', () => {
  it("passes over kata-1's lesson to the finding that failed it", async () => {
    const check = await loadKata('kata-1');
    const lesson: Finding = {
      detector: 'lost-update',
      summary: '2 adds should sum to 2, but value() is 1',
      details: [],
      marks: [],
    };
    const budget: Finding = { detector: 'allocation', summary: 'add() allocates 32 B/op', details: [], marks: [] };
    expect(
      decidingFinding(check, [
        { property: 'contract' },
        { property: 'concurrency', finding: lesson },
        { property: 'allocations', finding: budget },
      ]),
    ).toBe(budget);
    expect(
      decidingFinding(check, [{ property: 'contract' }, { property: 'concurrency', finding: lesson }]),
    ).toBeUndefined();
    // On a kata where it is no lesson, the lost update decides.
    expect(
      decidingFinding(await loadKata('kata-4'), [
        { property: 'concurrency', finding: lesson },
        { property: 'allocations', finding: budget },
      ]),
    ).toBe(lesson);
  });

  it("names the contract, not kata-1's lesson, when add() ignores its delta", async () => {
    const solution = readFileSync(join(root, 'solutions/kata-1/counter.ts'), 'utf8');
    const wrong = solution.replace(/this\.cell\[0\] \+= delta;/, 'this.cell[0] += 1;');
    expect(wrong).not.toBe(solution);
    mkdirSync(join(scratch, 'kata-1'), { recursive: true });
    const file = join(scratch, 'kata-1', 'counter.ts');
    writeFileSync(file, wrong);
    const grade = await gradeKata(await loadKata('kata-1'), file);
    expect(grade).toMatchObject({ kata: 'kata-1', status: 'not solved yet', detector: 'contract' });
  });

  it('knows a bonus kata from its definition, not from the words of its title', async () => {
    const checks = await Promise.all(kataIds().map(loadKata));
    expect(checks.filter(isBonus).map((check) => check.id)).toEqual(['kata-2b', 'kata-7b']);
    const [bonus, main] = [
      checks.find((check) => check.id === 'kata-2b')!,
      checks.find((check) => check.id === 'kata-4')!,
    ];
    expect(isBonus({ ...bonus, title: 'build your own mutex' })).toBe(true);
    expect(isBonus({ ...main, title: 'the atomic counter (bonus)' })).toBe(false);
  });
});
