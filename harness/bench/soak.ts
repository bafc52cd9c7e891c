/**
 * `npm run soak`: checks every solution, mutant and correct variant with many random seeds, and
 * counts the verdicts that came out wrong. The test suite uses two fixed seeds; this shows that
 * the verdicts do not depend on them. Exit code 1 if any verdict was wrong.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { knownKatas, loadCheck, root, solutionFile } from '../check/katas.ts';
import type { CheckResult } from '../check/run-check.ts';
import { newSeed, poolOptions, runCheck } from '../check/run-check.ts';
import { WorkerPool } from '../scheduler/pool.ts';

const row = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

async function suiteRepeatedly(times: number): Promise<number> {
  const rows: string[] = [];
  let wrong = 0;
  for (const kata of knownKatas()) {
    const check = await loadCheck(kata);
    const cases: { file: string; expect: (result: CheckResult) => boolean; label: string }[] = [
      { label: `${kata} solution`, file: solutionFile(check), expect: (result) => result.status === 'pass' },
    ];
    for (const folder of ['mutants', 'correct'] as const) {
      let names: string[] = [];
      try {
        names = readdirSync(join(root, 'checks', kata, folder)).filter((name) => name.endsWith('.ts'));
      } catch {}
      for (const name of names) {
        const file = join(root, 'checks', kata, folder, name);
        cases.push({
          label: `${kata} ${folder === 'mutants' ? 'mutant' : 'correct'} ${name}`,
          file,
          expect: folder === 'mutants' ? (result) => result.status === 'fail' : (result) => result.status === 'pass',
        });
      }
    }
    for (const entry of cases) {
      // The pool is started as `npm run check` starts it (kata-6 as on a 32-bit machine, kata-2b wrapping a lock).
      const pool = await WorkerPool.start(poolOptions(check, { implementation: entry.file }));
      let right = 0;
      const started = performance.now();
      for (let i = 0; i < times; i++) {
        const result = await runCheck(check, { implementation: entry.file, seed: newSeed(), pool });
        if (entry.expect(result)) right++;
      }
      await pool.close();
      wrong += times - right;
      rows.push(`${entry.label}`.padEnd(56) + `${right}/${times}`.padEnd(8) + `${((performance.now() - started) / times).toFixed(0)} ms/check`);
    }
  }
  console.log(`\nEvery solution, mutant and correct variant, ${times} random seeds each (right verdicts):`);
  rows.forEach((line) => console.log(`  ${line}`));
  row('wrong verdicts in all', String(wrong));
  return wrong;
}

const times = Number(process.argv[2] ?? 50);
const started = performance.now();
const wrong = await suiteRepeatedly(times);
console.log(`\nsoak took ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = wrong === 0 ? 0 : 1;
