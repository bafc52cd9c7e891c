/**
 * The typecheck on its own thread (watch's): it answers with the type errors and their lines, again
 * after each save, and its answer can be read by a main thread that never returns to its event loop
 * (as a check's main thread does not while it runs); and a thread that dies is replaced, so the
 * next save still gets the compiler's verdict.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TypecheckThread } from '../../compiler/typecheck-thread.ts';
import type { Typechecked } from '../../compiler/typecheck-protocol.ts';
import { loadKata, root } from '../../curriculum/katas.ts';

const check = await loadKata('kata-4');
const solution = readFileSync(check.paths.solution, 'utf8');
const folder = join(root, '.scratch-typecheck-thread', 'kata-4');
mkdirSync(folder, { recursive: true });
const file = join(folder, check.file);
const thread = new TypecheckThread();
afterAll(async () => {
  await thread.close();
  rmSync(join(root, '.scratch-typecheck-thread'), { recursive: true, force: true });
});

/** killThread ends the thread under the typecheck, as a crash or the OOM killer would, and waits until it is gone. */
async function killThread(): Promise<void> {
  const { worker } = thread['thread']!;
  await worker.terminate();
}

/** pollBlocking reads the answer as a busy main thread does: polling, never returning to the event loop in between. */
function pollBlocking(path: string): Typechecked {
  const pending = thread.check(path);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 60_000; waited += 5) {
    const verdict = pending.poll();
    if (verdict) return verdict;
    Atomics.wait(pause, 0, 0, 5);
  }
  throw new Error('the typecheck thread gave no answer in 60 s');
}

describe('the typecheck thread', () => {
  it('answers each save: no errors for the solution, then the type error with its line, then none again', async () => {
    writeFileSync(file, solution);
    expect((await thread.check(file).done).problems).toEqual([]);
    const broken = `${solution}\nexport const notANumber: number = 'a string';\n`;
    writeFileSync(file, broken);
    const [problem, ...more] = (await thread.check(file).done).problems;
    expect(more).toEqual([]);
    expect(problem?.at).toMatchObject({ file, line: broken.split('\n').length - 1 });
    expect(problem?.message).toMatch(/Type 'string' is not assignable to type 'number'/);
    writeFileSync(file, `${solution}// saved again\n`);
    expect((await thread.check(file).done).problems).toEqual([]);
  });

  it('answers the next save with a true verdict after its thread was killed between saves', async () => {
    writeFileSync(file, solution);
    expect((await thread.check(file).done).problems).toEqual([]);
    await killThread();
    const broken = `${solution}\nexport const afterKill: number = 'killed between saves';\n`;
    writeFileSync(file, broken);
    const verdict = await thread.check(file).done;
    expect(verdict.problems.map((problem) => problem.at.line)).toEqual([broken.split('\n').length - 1]);
    writeFileSync(file, `${solution}// fixed\n`);
    expect((await thread.check(file).done).problems).toEqual([]);
  });

  it('answers a save whose thread was killed while it checked, from a new thread', async () => {
    const broken = `${solution}\nexport const whileChecking: number = 'killed while checking';\n`;
    writeFileSync(file, broken);
    const pending = thread.check(file);
    await killThread();
    const verdict = await pending.done;
    expect(verdict.problems.map((problem) => problem.at.line)).toEqual([broken.split('\n').length - 1]);
    expect(verdict.problems[0]?.message).toMatch(/Type 'string' is not assignable to type 'number'/);
  });

  it('is read by a main thread that does not return to its event loop', () => {
    writeFileSync(file, `${solution}\nexport const notANumber: number = 'polled';\n`);
    const verdict = pollBlocking(file);
    expect(verdict.problems.map((problem) => problem.at.line)).toEqual([solution.split('\n').length + 1]);
  });
});
