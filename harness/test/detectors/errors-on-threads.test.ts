/** Bad input gets a clear error in bounded time, names the file and line, and leaves no thread behind. */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import type { Report } from '../../engine/results.ts';
import { examine } from '../../engine/examine.ts';
import { LONG_SPIN_PATIENCE } from '../../scheduler/control.ts';
import { liveWorkers } from '../../worker/pool.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));
const check = await loadKata('kata-4');

function firstFinding(result: Report) {
  return result.properties.find((property) => property.failure)?.failure?.finding;
}

describe('bad kata code', () => {
  afterEach(() => {
    // Every worker the check started has exited: none is left parked or spinning.
    expect(liveWorkers()).toBe(0);
  });

  it('reports a stack overflow as itself, never as a record tampered with, though it struck inside a step', async () => {
    const result = await examine(check, { implementation: fixture('overflows-in-add'), seed: 1 });
    const finding = firstFinding(result)!;
    expect(result.status).toBe('error');
    expect(finding.summary).toBe('add(1) threw RangeError: Maximum call stack size exceeded');
    expect(finding.details[0]).toMatch(/^OverflowsInAdd\.add calls itself again and again/);
    expect(finding.at).toMatchObject({ file: fixture('overflows-in-add') });
  });

  it('reports a throw with its message, file and line', async () => {
    const result = await examine(check, { implementation: fixture('throws'), seed: 1 });
    const finding = firstFinding(result)!;
    expect(result.status).toBe('error');
    expect(finding.detector).toBe('error');
    expect(finding.summary).toContain('TypeError: thrown on purpose');
    expect(finding.at).toMatchObject({ file: fixture('throws'), line: 13 });
  });

  it('reports a spin that nobody can end as a deadlock, naming the spinning line, without spending the step budget', async () => {
    const result = await examine(check, { implementation: fixture('spins'), seed: 1 });
    const finding = firstFinding(result)!;
    expect(finding.detector).toBe('deadlock');
    expect(finding.summary).toBe('deadlock: every thread left spins, waiting for a change nobody is left to make');
    expect(finding.details[0]).toMatch(
      /^worker \d spins in add\(\d\) at line 14 \(Spins\.add\), reading cell\[0\] = 0 again and again$/,
    );
    expect(finding.at).toMatchObject({ file: fixture('spins'), line: 14 });
    // Each of the two spinners comes round at most the long spin patience before it steps aside (the
    // failing case may be one of the runs with it): far below the step budget of 5,000.
    expect(
      result.properties.find((property) => property.failure)!.failure!.history!.outcome.decisions.length,
    ).toBeLessThan(2 * LONG_SPIN_PATIENCE + 100);
  });

  it('does not take a read repeated a few times on purpose for a spin that never ends', async () => {
    const result = await examine(check, { implementation: fixture('reads-three-times'), seed: 1 });
    expect(result.status, JSON.stringify(result.properties.map((property) => property.failure?.finding.summary))).toBe(
      'pass',
    );
  });

  it('reports a loop that keeps writing as spinning, with its line, through the step budget', async () => {
    const result = await examine(check, { implementation: fixture('livelock'), seed: 1, budget: 500 });
    const finding = firstFinding(result)!;
    expect(finding.detector).toBe('spinning');
    expect(finding.at).toMatchObject({ file: fixture('livelock'), line: 15 });
  });

  it('reports a loop without shared accesses as stuck, within bounded time, naming the line of the loop', async () => {
    const result = await examine(check, { implementation: fixture('hangs'), seed: 1, stepTimeoutMs: 300 });
    const finding = firstFinding(result)!;
    expect(result.status).toBe('error');
    expect(finding.detector).toBe('stuck');
    expect(finding.at).toMatchObject({ file: fixture('hangs'), line: 16 });
  });

  it('reports kata code that swallows the harness stop signal', async () => {
    const result = await examine(check, { implementation: fixture('swallows-stop'), seed: 1, budget: 500 });
    const finding = firstFinding(result)!;
    expect(finding.detector).toBe('error');
    expect(finding.summary).toContain("caught the harness's stop signal");
  });

  it('reports a syntax error with the file and line', async () => {
    const result = await examine(check, { implementation: fixture('syntax-error'), seed: 1 });
    expect(result.status).toBe('error');
    expect(result.loadError).toMatchObject({
      name: 'SyntaxError',
      message: 'Expected ";" but found "]"',
      at: { file: fixture('syntax-error'), line: 5 },
    });
  });

  it('reports a module that throws while loading', async () => {
    const result = await examine(check, { implementation: fixture('throws-at-import'), seed: 1 });
    expect(result.status).toBe('error');
    expect(result.loadError).toMatchObject({ message: 'boom at import', at: { line: 2 } });
  });
});

describe('liveWorkers', () => {
  it('counts the threads of a running check, so the checks above can fail', async () => {
    const { WorkerPool } = await import('../../worker/pool.ts');
    const pool = await WorkerPool.start({ implementation: fixture('throws'), workers: 2 });
    expect(liveWorkers()).toBe(2);
    await pool.close();
    expect(liveWorkers()).toBe(0);
  });
});

describe('type errors', () => {
  it('are reported with file and line before anything runs', async () => {
    const result = await examine(check, { implementation: fixture('type-error'), seed: 1, typecheck: true });
    expect(result.status).toBe('error');
    expect(result.properties).toEqual([]);
    expect(result.typeErrors).toMatchObject([
      {
        at: { file: fixture('type-error'), line: 9 },
        message: "Argument of type 'string' is not assignable to parameter of type 'number'.",
      },
    ]);
    expect(liveWorkers()).toBe(0);
  });

  it('are not found in the reference solutions', async () => {
    const { typecheck } = await import('../../compiler/typecheck.ts');
    expect(typecheck(check.paths.solution)).toEqual([]);
  });
});
