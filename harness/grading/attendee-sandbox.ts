/**
 * One attendee, graded: their files copied aside, then graders started one after another (each in
 * a sandbox of its own, unless the instructor asked for none) until every kata has a grade. A
 * grader that dies or runs out of time costs the attendee only the kata it was on: that kata gets
 * an `error` row saying why, and a new grader goes on with the rest.
 */
import { spawn } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttendeeGrade, KataGrade } from '../workshop/progress.ts';
import type { Orders } from './grader.ts';
import { sandboxCommand } from './sandbox.ts';
import { plainText } from '../report/plain-text.ts';
import { newKey, readSignedLine } from './signed-lines.ts';
import { folderFingerprint, type SharedGrades } from './identical-submissions.ts';

export interface AttendeeOptions {
  readonly root: string;
  readonly katas: readonly string[];
  readonly bonus: ReadonlySet<string>;
  /** sandboxed false runs graders with the instructor's rights: only when the instructor asks. */
  readonly sandboxed: boolean;
  /** classDir is hidden inside the sandbox when it lies in the checkout. */
  readonly classDir: string;
  readonly kataTimeLimitMs: number;
  readonly memoryMb: number;
  readonly stressMs: number;
  /** shared holds the grades of this run's katas by their files' contents: identical folders are checked once. */
  readonly shared?: SharedGrades;
  readonly onKata?: (grade: KataGrade) => void;
}

type Message = { type: 'start'; kata: string } | { type: 'grade'; grade: KataGrade } | { type: 'done' };

/** GraderEnd is how one grader process ended: what it graded, the kata it was on, and why it stopped. */
interface GraderEnd {
  readonly grades: KataGrade[];
  readonly current?: string;
  readonly done: boolean;
  /** cause names why it stopped early, for the grade's detector; why says it in a sentence. */
  readonly cause: 'time-limit' | 'out-of-memory' | 'crashed';
  readonly why: string;
}

/** copySubmission copies a submission's files, leaving out symlinks: one could point at a classmate's file. */
function copySubmission(from: string, to: string): void {
  cpSync(from, to, { recursive: true, dereference: false, filter: (source) => !lstatSync(source).isSymbolicLink() });
}

/** linkedIn is true when a submission's kata folder, or a file in it, or its katas/ folder itself, is a symlink. */
function linkedIn(katasDir: string, kata: string): boolean {
  const isLink = (path: string): boolean => {
    try {
      return lstatSync(path).isSymbolicLink();
    } catch {
      return false;
    }
  };
  const folder = join(katasDir, kata);
  if (isLink(katasDir) || isLink(folder)) return true;
  try {
    return readdirSync(folder).some((name) => isLink(join(folder, name)));
  } catch {
    return false;
  }
}

function runGrader(options: AttendeeOptions, katasDir: string, katas: readonly string[]): Promise<GraderEnd> {
  const key = newKey();
  const orders: Orders = {
    key,
    katas,
    stressMs: options.stressMs,
    katasDir: options.sandboxed ? join(options.root, 'katas') : katasDir,
  };
  // `--run <pid>` names the grading process that started it, so a leftover grader can be told apart (tests look for one).
  const argv = [
    process.execPath,
    join(options.root, 'harness/cli/launch.mjs'),
    join(options.root, 'harness/grading/grader.ts'),
    '--run',
    String(process.pid),
  ];
  const { command, args } = options.sandboxed
    ? sandboxCommand({ root: options.root, katasDir, hide: [options.classDir], memoryMb: options.memoryMb, argv })
    : { command: argv[0]!, args: argv.slice(1) };
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.root,
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
      detached: true,
      env: options.sandboxed ? {} : { ...process.env, NODE_OPTIONS: '' },
    });
    const grades: KataGrade[] = [];
    let current: string | undefined;
    let done = false;
    let timedOut = false;
    let pending = '';
    const kill = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    // Each kata gets the whole time limit: the clock starts again at each "start".
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, options.kataTimeLimitMs);
    };
    arm();
    const channel = child.stdio[3] as NodeJS.ReadableStream;
    channel.setEncoding('utf8');
    channel.on('data', (chunk: string) => {
      pending += chunk;
      for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
        const message = readSignedLine(key, pending.slice(0, newline)) as Message | undefined;
        pending = pending.slice(newline + 1);
        if (!message) continue;
        if (message.type === 'start') {
          startedAny = true;
          current = message.kata;
          arm();
        } else if (message.type === 'grade') {
          // Signed by our grader, but its summary quotes kata code (an error message): one plain line.
          const grade =
            message.grade.summary === undefined
              ? message.grade
              : { ...message.grade, summary: plainText(message.grade.summary) };
          grades.push(grade);
          current = undefined;
          options.onKata?.(grade);
        } else if (message.type === 'done') done = true;
      }
      // A grader's lines are short; anything longer is not ours.
      if (pending.length > 1 << 20) pending = '';
    });
    // Until the grader starts its first kata, no kata code has run: what it prints is ours (a sandbox
    // that cannot start, say), and worth showing. After that, stderr is kata code's too, and dropped.
    let startedAny = false;
    let setupError = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (!startedAny) setupError = (setupError + chunk).slice(-2000);
    });
    child.on('error', (error) => {
      setupError += `\n${error.message}`;
    });
    child.stdin!.on('error', () => {});
    child.stdin!.end(JSON.stringify(orders));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      kill(); // whatever it started, in its process group
      const seconds = Math.round(options.kataTimeLimitMs / 1000);
      // stderr is kata code's to write: it decides nothing here, and is never shown. How the process ended is the kernel's word.
      // V8 aborts when it runs out of memory.
      const outOfMemory = signal === 'SIGABRT' || code === 134;
      const cause = timedOut ? 'time-limit' : outOfMemory ? 'out-of-memory' : 'crashed';
      const why = {
        'time-limit': `its check did not finish in ${seconds} s, so it was stopped`,
        'out-of-memory': `the grader aborted, as a process does when it runs out of memory (the limit is ${options.memoryMb} MB)`,
        crashed: `the grader stopped: ${exitReason(code, signal)}${!startedAny && setupError.trim() ? ` (${plainText(setupError.trim().split('\n').pop()!, 200)})` : ''}`,
      }[cause];
      resolve({ grades, ...(current ? { current } : {}), done, cause, why });
    });
  });
}

/** exitReason says how a grader ended, in words: 137 is a kill, 134 an abort. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  const by =
    signal ??
    (code !== null && code > 128
      ? Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0]
      : undefined);
  if (by === 'SIGKILL') return 'it was killed (SIGKILL), by itself or by the system';
  if (by === 'SIGSEGV') return 'it crashed (SIGSEGV)';
  if (by) return `it ended on ${by}`;
  return `it exited with code ${code} before it had graded this kata`;
}

/**
 * gradeEach grades `katas` in graders started one after another until each has a grade, handing
 * each grade to `record` as it comes.
 */
async function gradeEach(
  options: AttendeeOptions,
  copy: string,
  katas: readonly string[],
  record: (grade: KataGrade) => void,
): Promise<void> {
  const graded = new Set<string>();
  let remaining = [...katas];
  const take = (grade: KataGrade): void => {
    // One grade per kata asked for: a second, or one for another kata, would be counted twice.
    if (!katas.includes(grade.kata) || graded.has(grade.kata)) return;
    graded.add(grade.kata);
    record(grade);
  };
  while (remaining.length > 0) {
    const end = await runGrader({ ...options, onKata: take }, copy, remaining);
    // The kata it was on, or, if it never started one, the next: its grade is the reason it stopped.
    // (A grader that stopped after its last grade, before saying it was done, left nothing ungraded.)
    const failed = end.done ? undefined : (end.current ?? remaining.find((kata) => !graded.has(kata)));
    if (failed !== undefined) take({ kata: failed, status: 'error', detector: end.cause, summary: end.why });
    remaining = remaining.filter((kata) => !graded.has(kata));
    // A grader that made no progress at all would be started again for ever: end it here.
    if (end.grades.length === 0 && failed === undefined) {
      for (const kata of remaining)
        take({ kata, status: 'error', detector: end.cause, summary: `the grader reported nothing: ${end.why}` });
      remaining = [];
    }
  }
}

/** gradeInSandboxes grades one attendee's `katas/` folder. */
export async function gradeInSandboxes(
  name: string,
  katasDir: string,
  options: AttendeeOptions,
): Promise<AttendeeGrade> {
  // Unsandboxed, the copy must sit one folder below the checkout, as katas/ does, for its imports of ../../harness to resolve.
  const scratch = mkdtempSync(options.sandboxed ? join(tmpdir(), 'counter-katas-') : join(options.root, '.grading-'));
  try {
    const copy = options.sandboxed ? join(scratch, 'katas') : scratch;
    mkdirSync(copy, { recursive: true });
    copySubmission(katasDir, copy);
    const byKata = new Map<string, KataGrade>();
    const owned = new Map<string, (grade: KataGrade | undefined) => void>();
    const identical: [string, Promise<KataGrade | undefined>][] = [];
    const own: string[] = [];
    for (const kata of options.katas) {
      const fingerprint = options.shared ? folderFingerprint(join(copy, kata)) : undefined;
      const claim = fingerprint === undefined ? undefined : options.shared!.claim(kata, fingerprint);
      if (claim?.kind === 'identical') identical.push([kata, claim.grade]);
      else {
        if (claim) owned.set(kata, claim.settle);
        own.push(kata);
      }
    }
    const record = (grade: KataGrade): void => {
      byKata.set(grade.kata, grade);
      owned.get(grade.kata)?.(grade);
      options.onKata?.(grade);
    };
    try {
      await gradeEach(options, copy, own, record);
    } finally {
      // Whoever waits on a kata this attendee owned must never wait for ever.
      for (const settle of owned.values()) settle(undefined);
    }
    // The rest were byte for byte another attendee's: their grade, or, after an error there, a check of our own.
    const again: string[] = [];
    for (const [kata, grade] of identical) {
      const made = await grade;
      if (made) record(made);
      else again.push(kata);
    }
    await gradeEach(options, copy, again, record);
    // A kata missing because its file or folder was a symlink says so: the instructor may have linked it in.
    const katas = options.katas.map((kata) => {
      const grade = byKata.get(kata)!;
      return grade.status === 'missing' && linkedIn(katasDir, kata)
        ? {
            ...grade,
            detector: 'symlink',
            summary:
              "its files are symlinks, which grading does not follow (one could point at a classmate's): copy the files in",
          }
        : grade;
    });
    const solved = katas.filter((grade) => grade.status === 'solved').length;
    const stuckAt = katas.find((grade) => grade.status !== 'solved' && !options.bonus.has(grade.kata))?.kata;
    return stuckAt ? { name, katas, solved, stuckAt } : { name, katas, solved };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
