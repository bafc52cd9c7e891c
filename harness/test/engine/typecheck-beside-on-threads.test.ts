/**
 * A check whose typecheck runs beside it (watch's typecheck thread): the verdict waits for the
 * typecheck, and a type error that comes after the check has passed is still the verdict, as when it
 * came first. The typechecker here is the test's own, answering only when the check has finished.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PendingTypecheck, Typechecked } from '../../compiler/typecheck-protocol.ts';
import type { TypeProblem } from '../../compiler/typecheck.ts';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { renderText } from '../../report/text.ts';

const check = await loadKata('kata-4');
const implementation = check.paths.solution;

/**
 * lateTypechecker answers `problems`, but only to `done`, and only once the test lets it: poll never
 * has a verdict. `awaited` says when the check, its stages over, has begun to wait for it.
 */
function lateTypechecker(problems: TypeProblem[]) {
  let answer: (verdict: Typechecked) => void = () => undefined;
  const state = { asked: [] as string[], awaited: false };
  const verdict = new Promise<Typechecked>((resolve) => (answer = resolve));
  // A thenable, not a promise: awaiting it calls its then, which a promise's await would not.
  const done = {
    // biome-ignore lint/suspicious/noThenProperty: the point is to see the await
    then: (...args: Parameters<Promise<Typechecked>['then']>) => {
      state.awaited = true;
      return verdict.then(...args);
    },
  } as unknown as Promise<Typechecked>;
  return {
    state,
    answer: () => answer({ problems, ms: 1 }),
    typechecker: (file: string): PendingTypecheck => {
      state.asked.push(file);
      return { poll: () => undefined, done };
    },
  };
}

/** settledWithin says whether `promise` settles within a number of turns of the event loop. */
async function settledWithin(promise: Promise<unknown>, turns: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let turn = 0; turn < turns && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('a typecheck that answers while the check runs', () => {
  it('a passing check waits for it, and its type error, with the line, is the verdict', async () => {
    const late = lateTypechecker([
      { at: { file: implementation, line: 19, column: 13 }, message: 'a late type error' },
    ]);
    const examining = examine(check, { implementation, seed: 1, typecheck: true, typechecker: late.typechecker });
    // Every stage runs while the typecheck has not answered; then the verdict waits for it.
    await vi.waitFor(() => expect(late.state.awaited).toBe(true), { timeout: 60_000, interval: 5 });
    expect(await settledWithin(examining, 50)).toBe(false);
    late.answer();
    const result = await examining;
    expect(late.state.asked).toEqual([implementation]);
    expect(result.status).toBe('error');
    expect(result.properties).toEqual([]);
    const report = renderText(check, result, { command: 'npm run check kata-4 --' });
    expect(report).toContain('has type errors');
    expect(report).toMatch(/counter\.ts:19:13: a late type error/);
    expect(report).not.toMatch(/✓/);
  });

  it('a passing check passes once it says there are no type errors', async () => {
    const late = lateTypechecker([]);
    const examining = examine(check, { implementation, seed: 1, typecheck: true, typechecker: late.typechecker });
    await vi.waitFor(() => expect(late.state.awaited).toBe(true), { timeout: 60_000, interval: 5 });
    expect(await settledWithin(examining, 50)).toBe(false);
    late.answer();
    expect((await examining).status).toBe('pass');
  });
});
