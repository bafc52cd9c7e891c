/** The check CLI's exit codes, usage errors and --json output. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kataIds, root } from '../../curriculum/katas.ts';
import { runCli } from '../support/cli-run.ts';
import { pinnable } from '../support/pinnable.ts';
import { scratchCheckout } from '../support/scratch-checkout.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-checkout-');

const check = (...args: string[]) => runCli('check', args);
const grade = (...args: string[]) => runCli('grade', args, 300_000);

describe('npm run check', () => {
  it('lists the known katas for an unknown one, exit 2', () => {
    const { code, err } = check('kata-99');
    expect(code).toBe(2);
    expect(err).toContain('there is no kata "kata-99"');
    expect(err).toMatch(/Known katas: kata-1, kata-2, .*kata-4/);
  });

  // Your own katas/ may be at any stage: only the shape of the list is checked here.
  it('lists progress and the next kata when no kata is named, exit 0', () => {
    const { code, out } = check();
    expect(code).toBe(0);
    expect(out).toContain('your progress');
    expect(out).toMatch(/kata-1 +the naive counter/);
    expect(out).toMatch(/Next: kata-\d|Every kata is solved/);
  });

  it('sends class grading to its own command', () => {
    const { code, err } = check('--all', '--from', 'submissions');
    expect(code).toBe(2);
    expect(err).toContain('grading a class has a command of its own: npm run grade -- submissions');
  });

  it('refuses to reset without a terminal to ask in, and leaves the file alone, exit 2', () => {
    // In a copy of the checkout: were reset to write, it would not write the checkout's own katas/.
    const checkout = scratchCheckout(scratch());
    const file = join(checkout, 'katas/kata-1/counter.ts');
    writeFileSync(file, `// the attendee's work\n${readFileSync(file, 'utf8')}`);
    const before = readFileSync(file, 'utf8');
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['harness/cli/reset.ts', 'kata-1'], {
      cwd: checkout,
      encoding: 'utf8',
      input: '',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run reset kata-1 -- --yes');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('says --impl of a folder should name a file, exit 2', () => {
    const { code, err } = check('kata-4', '--impl', 'solutions/kata-4');
    expect(code).toBe(2);
    expect(err).toContain(
      '--impl solutions/kata-4 is a folder: name the file, e.g. --impl solutions/kata-4/counter.ts',
    );
  });

  it('rejects an unknown option, exit 2', () => {
    const { code, err } = check('kata-1', '--sed', '4');
    expect(code).toBe(2);
    expect(err).toContain('unknown option --sed');
  });

  it('tells a bad replay token as a usage error, not a harness error, exit 2', () => {
    const { code, err } = check('kata-1', '--replay', 'not-a-token');
    expect(code).toBe(2);
    expect(err).toContain('error: "not-a-token" is not a replay token: copy the whole token from the failure report');
    expect(err).toContain('Usage: npm run check');
    expect(err).not.toContain('harness error');
  });

  it('prints one JSON object for a passing solution, exit 0, and accepts a bare number', () => {
    const { code, out } = check('4', '--solutions', '--json', '--seed', '5', '--runs', '20');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      kata: string;
      status: string;
      seed: number;
      checks: { name: string; outcome: string; runs: number }[];
    };
    expect(json).toMatchObject({ kata: 'kata-4', status: 'pass', seed: 5 });
    expect(json.checks).toMatchObject([
      { name: 'contract', outcome: 'pass', runs: 20 },
      { name: 'concurrency', outcome: 'pass', runs: 20 },
      { name: 'races', outcome: 'pass', runs: 40 },
      { name: 'exhaustive', outcome: 'pass' },
      { name: 'allocations', outcome: 'pass', runs: 3 },
    ]);
    // One entry per workload the search covered, each searched to the end within its bound; then the
    // spec's edges, with at most one preemption; last, worker 0 alone at each threadId from 1 to 64
    // (one execution each, so no preemption).
    type Entry = { complete: boolean; preemptionBound: number; threadIds?: unknown };
    const explored = (json.checks[3] as { explored?: Entry[] }).explored ?? [];
    expect(explored.length).toBeGreaterThanOrEqual(4);
    for (const workload of explored.slice(0, -2))
      expect(workload).toMatchObject({ complete: true, preemptionBound: 2 });
    expect(explored.at(-2)).toMatchObject({
      complete: true,
      preemptionBound: 1,
      workload: 'worker 0: add(0), value()',
    });
    expect(explored.at(-1)).toMatchObject({ complete: true, preemptionBound: 0, threadIds: { first: 1, last: 64 } });
  });

  it("keeps a kata's console output out of --json: on stderr, its first 200 lines and a line saying the rest was left out", () => {
    const prints = join(root, 'harness/test/fixtures/prints.ts');
    const { code, out, err } = check('4', '--impl', prints, '--json', '--seed', '5', '--runs', '20');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ kata: 'kata-4', status: 'pass' });
    const lines = err.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toHaveLength(200);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^add \d+ now \d+$/);
    expect(lines.at(-1)).toBe('… kata code printed more: the rest of its output in this check is left out');
  });

  it('exits 1 with a replay token for a failing implementation', () => {
    const { code, out } = check(
      'kata-4',
      '--impl',
      'checks/kata-4/mutants/load-then-store.ts',
      '--json',
      '--seed',
      '1',
    );
    expect(code).toBe(1);
    const json = JSON.parse(out) as {
      status: string;
      checks: { outcome: string; detector?: string; replay?: string }[];
    };
    expect(json.status).toBe('fail');
    const failed = json.checks.find((entry) => entry.outcome === 'fail')!;
    expect(failed.detector).toBe('lost-update');
    const replayed = check('kata-4', '--impl', 'checks/kata-4/mutants/load-then-store.ts', '--replay', failed.replay!);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain('one update lost');
  });

  it("teaches kata-1's lesson: the lost update, and the race detector's warning on the same run, exit 0", () => {
    const { code, out } = check('kata-1', '--solutions', '--seed', '3');
    expect(code).toBe(0);
    expect(out).toContain('one update lost');
    expect(out).toMatch(
      /==================\n\s+WARNING: DATA RACE on cell\[0\]\n\s+(write|read) by worker \d at line \d+/,
    );
  });

  it("shows kata-5's float bits as floats, explains the stale retry, and cuts nothing at 80 columns", () => {
    const { code, out } = check('kata-5', '--impl', 'checks/kata-5/mutants/stale-retry.ts', '--seed', '1');
    expect(code).toBe(1);
    expect(out.replace(/\n\s+/g, ' ')).toContain(
      "compareExchange failed on it, then its retry wrote 0.25, computed from the stale 0, over worker 0's 0.25: one update lost.",
    );
    // Every line fits but the title (its file name is as long as it is) and the replay command, which must stay one line to copy.
    for (const line of out
      .split('\n')
      .slice(1)
      .filter((text) => !text.includes('replay: npm run')))
      expect(line.length, line).toBeLessThanOrEqual(80);
    expect(out).not.toMatch(/\d{12}/);
    const timeline = out.split('\n').filter((line) => line.includes('│'));
    expect(timeline.length).toBeGreaterThan(5);
    for (const line of timeline) {
      expect(line.length).toBeLessThanOrEqual(80);
      expect(line).not.toContain('…');
    }
    expect(timeline.some((line) => line.includes('✗'))).toBe(true);
  });

  it('says the stub is not solved yet, exit 1', () => {
    const { code, out } = check('kata-1', '--impl', 'checks/kata-1/stub.ts');
    expect(code).toBe(1);
    expect(out).toContain('not solved yet');
  });

  // On a copy of the solution (--impl), at a kata's depth so that its imports resolve, in a scratch
  // folder git ignores: the test saves the file, and the attendee's katas/ are theirs.
  it('watch re-checks the kata when its file changes, and stops cleanly on Ctrl-C', async () => {
    const scratch = join(root, `.scratch-cli-${process.pid}`);
    const file = join(scratch, 'kata-4', 'counter.ts');
    mkdirSync(dirname(file), { recursive: true });
    cpSync(join(root, 'solutions/kata-4/counter.ts'), file);
    const run = spawn(process.execPath, ['--import', 'tsx', 'harness/cli/watch.ts', 'kata-4', '--impl', file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    try {
      let out = '';
      run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const until = async (test: () => boolean) => {
        for (let waited = 0; !test(); waited += 100) {
          if (waited > 30_000) throw new Error(`timed out; output so far:\n${out}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const reports = () => out.split('kata-4 · the atomic counter').length - 1;
      await until(() => out.includes(`watching ${relative(root, file)}`));
      const now = new Date();
      utimesSync(file, now, now); // a save that changes nothing but the time
      await until(
        () => reports() === 2 && out.lastIndexOf('watching') > out.lastIndexOf('kata-4 · the atomic counter'),
      );
      run.kill('SIGINT');
      const code = await new Promise((resolve) => run.on('exit', (exit) => resolve(exit)));
      expect(code).toBe(0);
      expect(out).toContain('stopped watching.');
    } finally {
      run.kill();
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('doctor checks the machine and the install, exit 0 here', () => {
    const { code, out } = runCli('doctor', []);
    expect(code).toBe(0);
    expect(out).toMatch(/✓ Node v\d+/);
    expect(out).toContain('✓ SharedArrayBuffer and Atomics');
    expect(out).toMatch(/✓ install complete: \d+ packages at the locked versions/);
    expect(out).toContain('✓ worker_threads load a TypeScript kata');
    // Where a check's threads can share a core (test/worker/one-core-on-threads.test.ts), doctor says so.
    if (pinnable) expect(out).toContain("✓ a check's threads share one core while it runs");
    expect(out).toContain('Ready.');
  });

  it('doctor --help prints its usage and checks nothing, exit 0', () => {
    const { code, out } = runCli('doctor', ['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: npm run doctor');
    expect(out).not.toContain('counter-katas doctor');
  });
});

describe('npm run grade', () => {
  it('refuses an unknown kata and a missing folder, exit 2', () => {
    expect(grade('nowhere-at-all').err).toContain('no such folder');
    const { code, err } = grade(root, '--katas', '4,99');
    expect(code).toBe(2);
    expect(err).toContain('--katas: there is no kata "99"');
  });

  // Unsandboxed here (sandboxed grading is grading/class.test.ts): the same grades, and a warning that says what it means.
  it('grades a folder of submissions, and says where the class is stuck', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-katas-class-'));
    try {
      for (const kata of kataIds()) {
        const file = kata === 'kata-2b' ? 'mutex.ts' : 'counter.ts';
        for (const attendee of ['alice/katas', 'bob']) {
          mkdirSync(join(dir, attendee, kata), { recursive: true });
          cpSync(join(root, 'checks', kata, 'stub.ts'), join(dir, attendee, kata, file));
        }
      }
      // alice solved kata-1 and lost an update in kata-2; bob solved both and deleted kata-3.
      cpSync(join(root, 'solutions/kata-1/counter.ts'), join(dir, 'alice/katas/kata-1/counter.ts'));
      const buggy = readFileSync(join(root, 'checks/kata-2/mutants/unlocks-before-the-store.ts'), 'utf8').replaceAll(
        '../../../harness',
        '../../harness',
      );
      writeFileSync(join(dir, 'alice/katas/kata-2/counter.ts'), buggy);
      cpSync(join(root, 'solutions/kata-1/counter.ts'), join(dir, 'bob/kata-1/counter.ts'));
      cpSync(join(root, 'solutions/kata-2/counter.ts'), join(dir, 'bob/kata-2/counter.ts'));
      rmSync(join(dir, 'bob/kata-3/counter.ts'));
      const { code, out, err } = grade(dir, '--json', '--unsandboxed');
      expect(code).toBe(0);
      expect(err).toContain('warning: --unsandboxed: these submissions ran with your rights');
      const json = JSON.parse(out) as {
        sandboxed: boolean;
        attendees: { name: string; stuckAt?: string; katas: { kata: string; status: string; detector?: string }[] }[];
        summary: { stuckAt: Record<string, number>; solvedBy: Record<string, number> };
      };
      expect(json.sandboxed).toBe(false);
      const [alice, bob] = json.attendees;
      expect(alice).toMatchObject({ name: 'alice', stuckAt: 'kata-2' });
      expect(alice!.katas.find((grade) => grade.kata === 'kata-2')).toMatchObject({
        status: 'not solved yet',
        detector: 'lost-update',
      });
      expect(bob).toMatchObject({ name: 'bob', stuckAt: 'kata-3' });
      expect(bob!.katas.find((grade) => grade.kata === 'kata-3')!.status).toBe('missing');
      expect(json.summary.stuckAt).toEqual({ 'kata-2': 1, 'kata-3': 1 });
      expect(json.summary.solvedBy).toMatchObject({ 'kata-1': 2, 'kata-2': 1, 'kata-4': 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
