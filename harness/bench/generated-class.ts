/**
 * A class, generated and graded: `npm run bench:harness -- --only grading` makes a class of 30
 * attendees (`--class N`) who each attempted every kata, with a mix of what a real class hands in:
 * the reference solution, the suite's correct variants and its mutants, attendee by attendee in
 * turn. It times `npm run grade` on it, as an instructor would run it. Since a kata has only a
 * handful of such sources, most kata folders repeat one already graded, and grading checks each
 * distinct folder once (grading/identical-submissions.ts): the figure prints how many it checked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kataIds, loadKata, root } from '../curriculum/katas.ts';
import type { AttendeeGrade } from '../workshop/progress.ts';
import { row } from './attendee-loop.ts';

/** candidates lists what an attendee may hand in for a kata: the solution, correct variants, mutants. */
async function candidates(kata: string): Promise<string[]> {
  const check = await loadKata(kata);
  const sources = [readFileSync(check.paths.solution, 'utf8')];
  for (const folder of ['correct', 'mutants']) {
    const dir = join(root, 'checks', kata, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort())
      if (name.endsWith('.ts'))
        sources.push(readFileSync(join(dir, name), 'utf8').replaceAll('../../../harness', '../../harness'));
  }
  return sources;
}

/** makeClass writes `attendees` submissions of every kata into a new folder, and returns it. */
export async function makeClass(attendees: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-katas-bench-class-'));
  const katas = kataIds();
  for (const [k, kata] of katas.entries()) {
    const check = await loadKata(kata);
    const sources = await candidates(kata);
    for (let a = 0; a < attendees; a++) {
      const folder = join(dir, `attendee-${String(a + 1).padStart(2, '0')}`, kata);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, check.file), sources[(a * 7 + k) % sources.length]!);
    }
  }
  return dir;
}

/** gradeGeneratedClass grades a generated class of `attendees` and prints the wall time. */
export async function gradeGeneratedClass(attendees = 30): Promise<void> {
  console.log(`\nGrading a generated class: ${attendees} attendees, every kata attempted (npm run grade)`);
  const dir = await makeClass(attendees);
  try {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [join(root, 'harness/cli/launch.mjs'), join(root, 'harness/cli/grade.ts'), dir, '--json'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) {
      console.log(`  grading failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return;
    }
    const graded = JSON.parse(run.stdout) as { attendees: AttendeeGrade[]; identical: number };
    const grades = graded.attendees;
    const counts = new Map<string, number>();
    for (const grade of grades)
      for (const kata of grade.katas) counts.set(kata.status, (counts.get(kata.status) ?? 0) + 1);
    row('katas graded', [...counts].map(([status, count]) => `${count} ${status}`).join(', '));
    // The class holds no submission that should end in an error: say why any did.
    const errors = grades.flatMap((grade) =>
      grade.katas
        .filter((kata) => kata.status === 'error')
        .map((kata) => `${grade.name} ${kata.kata}: ${kata.detector}: ${kata.summary}`),
    );
    for (const error of errors.slice(0, 5)) console.log(`    ${error}`);
    const katas = grades.reduce((sum, grade) => sum + grade.katas.length, 0);
    // The class hands in a few sources per kata, so most folders repeat one graded before.
    row('katas checked', `${katas - graded.identical} (${graded.identical} byte for byte one already graded)`);
    row(
      'wall time',
      `${seconds.toFixed(1)} s (${(seconds / attendees).toFixed(1)} s per attendee; target: a class of 30 in 180 s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
