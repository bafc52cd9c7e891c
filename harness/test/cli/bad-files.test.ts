/**
 * A broken kata file gets a clear report in every command that checks it: `check`, `check --json`,
 * grading (which progress shares), `watch` and `npm run ui`. Each names the file and the line, exits
 * with 1 (not Node's 13 for an unfinished top-level await), and never stops the katas or attendees
 * after it. The broken files sit in a scratch folder directly in the checkout, as katas/ does, so
 * that their `../../harness/` imports resolve; attendees' own files are never touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kataIds, loadKata, root } from '../../curriculum/katas.ts';
import { runCli } from '../support/cli-run.ts';

const scratch = join(root, `.scratch-bad-files-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const solution = readFileSync(join(root, 'solutions/kata-4/counter.ts'), 'utf8');

/** Each way a kata file can be broken, and what its report must say, with the line it must name. */
const broken: { name: string; source: string; says: RegExp; line?: number }[] = [
  {
    name: 'a syntax error',
    source: solution.replace('Atomics.load(this.cell, 0);', 'Atomics.load(this.cell, 0;'),
    says: /SyntaxError: Expected "\)" but found ";"/,
    line: 24,
  },
  {
    name: 'a type error',
    source: solution.replace('this.add(1); // solved', 'this.add("1"); // solved'),
    says: /Argument of type 'string' is not assignable to parameter of type 'number'/,
    line: 15,
  },
  {
    name: 'no default export',
    source: solution.replace('export default class', 'class'),
    says: /must export its class/,
  },
  { name: 'export default 42', source: 'export default 42;\n', says: /must export its class/ },
  { name: 'an empty file', source: '', says: /must export its class/ },
  {
    name: 'process.exit() at import',
    source: `process.exit(3);\n${solution}`,
    says: /exit|ended its worker thread/i,
    line: 1,
  },
  {
    name: 'a loop at import',
    source: `let spins = 0;\nwhile (spins >= 0) spins++;\n${solution}`,
    says: /stopped loading for 2 s: a loop at its top level/,
    line: 2,
  },
  {
    name: 'an async value()',
    source: solution.replace('  value(): number {', '  async value(): Promise<number> {'),
    says: /Promise<number>' is not assignable to type 'number'/,
    line: 23,
  },
];

/** place writes a kata file into the scratch folder: `<scratch>/<folder>/kata-4/counter.ts`. */
function place(folder: string, source: string, kata = 'kata-4'): string {
  const file = join(scratch, folder, kata, 'counter.ts');
  mkdirSync(join(scratch, folder, kata), { recursive: true });
  writeFileSync(file, source);
  return file;
}

/** placeDepth2 is place for a file that must import `../../harness/`: directly under the scratch folder. */
function placeAtKataDepth(name: string, source: string): string {
  const file = join(scratch, name, 'counter.ts');
  mkdirSync(join(scratch, name), { recursive: true });
  writeFileSync(file, source);
  return file;
}

const check = (...args: string[]) => runCli('check', args);

describe.each(broken)('a kata file with $name', ({ name, source, says, line }) => {
  const file = placeAtKataDepth(name.replace(/\W+/g, '-'), source);
  const shown = relative(root, file);

  it('gets a report naming the file and line from npm run check, exit 1', () => {
    const { code, out, err } = check('kata-4', '--impl', shown);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toMatch(says);
    if (line !== undefined) {
      expect(out).toContain(`${shown}:${line}:`);
      // The offending line, and a caret under it.
      expect(out).toMatch(new RegExp(`\\n\\s+${line} \\| .+\\n\\s+\\| +\\^`));
    }
  });

  it('gets one JSON object from --json, with the line, exit 1', () => {
    const { code, out } = check('kata-4', '--impl', shown, '--json');
    expect(code).toBe(1);
    const json = JSON.parse(out) as {
      status: string;
      loadError?: { name: string; message: string; at?: { line: number } };
      typeErrors?: { message: string; at: { line: number } }[];
    };
    expect(json.status).toBe('error');
    const problem = json.loadError ?? json.typeErrors?.[0];
    expect(json.loadError ? `${json.loadError.name}: ${json.loadError.message}` : problem?.message).toMatch(says);
    if (line !== undefined) expect(problem?.at?.line).toBe(line);
  });
});

describe('grading (and progress, which grades one attendee the same way)', () => {
  // Unsandboxed, so that it runs wherever the suite does; grading/class.test.ts grades broken files in sandboxes.
  it('reports a broken kata with its line and goes on with the next kata and the next attendee', () => {
    const kata1 = readFileSync(join(root, 'solutions/kata-1/counter.ts'), 'utf8');
    place('class/ann/katas', broken[0]!.source);
    place('class/ann/katas', kata1, 'kata-1');
    place('class/bob/katas', solution);
    const { code, out } = runCli(
      'grade',
      [join(scratch, 'class'), '--katas', '1,4', '--unsandboxed', '--json'],
      300_000,
    );
    expect(code).toBe(0);
    const grades = JSON.parse(out) as {
      attendees: { name: string; katas: { kata: string; status: string; summary?: string }[] }[];
    };
    const ann = grades.attendees.find((attendee) => attendee.name === 'ann')!;
    const bob = grades.attendees.find((attendee) => attendee.name === 'bob')!;
    expect(ann.katas.find((entry) => entry.kata === 'kata-4')).toMatchObject({ status: 'error' });
    expect(ann.katas.find((entry) => entry.kata === 'kata-4')!.summary).toBe(
      'kata-4/counter.ts:24:37: SyntaxError: Expected ")" but found ";"',
    );
    expect(ann.katas.find((entry) => entry.kata === 'kata-1')).toMatchObject({ status: 'solved' });
    expect(bob.katas.find((entry) => entry.kata === 'kata-4')).toMatchObject({ status: 'solved' });
  }, 300_000);
});

/** watching starts `npm run watch kata-4` on `file`, hands `steps` what it prints and `until`, and stops it with Ctrl-C. */
async function watching(
  file: string,
  steps: (out: () => string, until: (test: () => boolean) => Promise<void>) => Promise<void>,
) {
  const run = spawn(process.execPath, ['--import', 'tsx', 'harness/cli/watch.ts', 'kata-4', '--impl', file], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  run.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const until = async (test: () => boolean) => {
    for (let waited = 0; !test(); waited += 50) {
      if (waited > 30_000) throw new Error(`timed out; watch said:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await steps(() => out, until);
  } finally {
    run.kill('SIGINT');
    await new Promise((resolve) => run.once('exit', resolve));
  }
  expect(out).toContain('stopped watching.');
}

describe('npm run watch', () => {
  it('shows a broken save its report and keeps watching; the fixed save passes', async () => {
    const file = placeAtKataDepth('watched', broken[0]!.source);
    await watching(file, async (out, until) => {
      await until(() => out().includes('watching'));
      expect(out()).toContain(`${relative(process.cwd(), file)}:24:`);
      expect(out()).toMatch(/SyntaxError: Expected "\)" but found ";"/);
      writeFileSync(file, solution);
      await until(() => out().includes('kata-4 is solved.'));
    });
  });

  it('reports a type error saved after a pass with its line, though its typecheck ran beside the check, and never calls it solved', async () => {
    const file = placeAtKataDepth('watched-types', solution);
    const verdicts = (out: () => string) => out().split('\nwatching ').slice(1).length;
    await watching(file, async (out, until) => {
      await until(() => verdicts(out) === 1);
      expect(out()).toContain('kata-4 is solved.');
      const passed = out().length;
      writeFileSync(file, broken[1]!.source);
      await until(() => verdicts(out) === 2);
      const second = out().slice(passed);
      expect(second).toContain(`${relative(process.cwd(), file)}:15:`);
      expect(second).toMatch(broken[1]!.says);
      expect(second).not.toContain('kata-4 is solved.');
      expect(second).not.toMatch(/✓/);
    });
  });
});

describe('npm run ui (the katas project)', () => {
  it('fails a broken kata with its report, passes a solved one, skips those not started, and lists them all', async () => {
    const folder = join(scratch, 'ui');
    for (const kata of kataIds()) {
      const check = await loadKata(kata);
      mkdirSync(join(folder, kata), { recursive: true });
      cpSync(join(root, 'checks', kata, 'stub.ts'), join(folder, kata, check.file));
    }
    // One folder deeper than katas/: the solution's imports of the harness go one more level up.
    const solved = readFileSync(join(root, 'solutions', 'kata-1', 'counter.ts'), 'utf8');
    writeFileSync(join(folder, 'kata-1', 'counter.ts'), solved.replaceAll("'../../harness/", "'../../../harness/"));
    writeFileSync(join(folder, 'kata-4', 'counter.ts'), broken[0]!.source);
    const run = spawnSync(
      join(root, 'node_modules/.bin/vitest'),
      ['run', '--project', 'katas', '--reporter', 'verbose'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', KATAS_DIR: relative(root, folder) },
        timeout: 120_000,
      },
    );
    const out = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(out).toMatch(
      /kata-4 · the atomic counter[\s\S]*counter\.ts:24:\d+: SyntaxError: Expected "\)" but found ";"/,
    );
    for (const kata of kataIds()) expect(out).toContain(`${kata} · `);
    expect(out).toMatch(/↓ .*> kata-2 · .*\[not started: npm run check kata-2\]/);
    expect(out).toMatch(new RegExp(`Tests\\s+1 failed \\| 1 passed \\| ${kataIds().length - 2} skipped`));
  }, 120_000);
});
