/**
 * Every route to memory or to code outside the schedule (fixtures/refusals/), end to end: a counter
 * that shares memory the harness did not hand out, queues a callback, or gives kata memory to a
 * built-in that copies its bytes is refused by `npm run check` at the line marked "refused here",
 * with what to write instead; the correct variants (`correct-*.ts`) that print, keep scratch
 * buffers or encode text of their own pass. A refusal is the same on every seed (it fires where
 * the call is made, before any schedule matters), so one seed per route is enough.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { findingOf, type Report } from '../../engine/results.ts';
import { liveFreeWorkers } from '../../free/free-pool.ts';
import { stressRounds } from '../../stress/rounds.ts';
import { liveWorkers } from '../../worker/pool.ts';

const folder = fileURLToPath(new URL('../fixtures/refusals/', import.meta.url));
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const refused = files.filter((name) => !name.startsWith('correct-')).map((name) => ({ name, file: folder + name }));
const correct = files.filter((name) => name.startsWith('correct-')).map((name) => ({ name, file: folder + name }));
const check = await loadKata('kata-4');

/** failure is the finding of the first stage that failed, if any. */
function failure(result: Report) {
  const stage = result.properties.find((property) => property.status === 'fail');
  return stage && findingOf(stage);
}

/** markedLine is the line of `file` that ends with the comment "// refused here". */
function markedLine(file: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => /\S.*\/\/ refused here$/.test(line));
  if (index < 0) throw new Error(`${file} marks no line "// refused here"`);
  return index + 1;
}

describe('a counter that reaches around the schedule', () => {
  it('has fixtures to check: every route the refusals cover, and correct variants', () => {
    expect(refused.length).toBeGreaterThanOrEqual(16);
    expect(correct.length).toBeGreaterThanOrEqual(3);
  });

  it.each(refused)('is refused at its line, saying what to use instead: $name', async ({ file }) => {
    const { refusal } = (await import(file)) as { refusal: string };
    const result = await examine(check, { implementation: file, seed: 1 });
    // Refused at load time, the file could not be loaded; refused inside a method, that call threw.
    const finding = failure(result);
    const error = result.loadError ?? (finding && { message: finding.summary, at: finding.at });
    expect(result.status).toBe('error');
    expect(error?.message).toContain(refusal);
    expect(error?.at).toMatchObject({ file, line: markedLine(file) });
    expect(liveWorkers()).toBe(0);
  });

  it.each(correct)('passes when it keeps to its own memory: $name', async ({ file }) => {
    // Free-running threads are the stress tests' below: measuring a text codec's allocations takes 20 s.
    const result = await examine(check, { implementation: file, seed: 1, allocations: false });
    expect(failure(result)?.summary).toBeUndefined();
    expect(result.loadError).toBeUndefined();
    expect(result.status).toBe('pass');
  });
});

describe('on free-running threads (npm run stress)', () => {
  it('refuses the BroadcastChannel where it is made, before any round', async () => {
    const file = `${folder}broadcast-channel.ts`;
    await expect(stressRounds(check, file, 2, 200)).rejects.toMatchObject({
      name: 'KataLoadError',
      message: expect.stringContaining('BroadcastChannel would pass messages or memory between threads'),
    });
    expect(liveFreeWorkers()).toBe(0);
  });

  it('refuses a timer queued inside add()', async () => {
    await expect(stressRounds(check, `${folder}set-timeout.ts`, 2, 200)).rejects.toThrow(
      /setTimeout would run its callback after this method has returned/,
    );
    expect(liveFreeWorkers()).toBe(0);
  });

  it('lets a counter print from add(), and counts every update', async () => {
    const result = await stressRounds(check, `${folder}correct-console-log.ts`, 2, 200);
    expect(result).toMatchObject({ kind: 'adds', lost: 0 });
    expect(result.kind === 'adds' && result.added).toBeGreaterThan(0);
  });
});
