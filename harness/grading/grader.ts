/**
 * The grader: the program that runs inside one attendee's sandbox. It reads its orders on stdin
 * (the channel key, and which katas to grade), grades them one by one, and reports each on the
 * signed channel (signed-lines.ts): "start" before a kata, "grade" after it, "done" at the end.
 * If the sandbox dies in the middle, the grading process knows which kata was running, and goes on
 * with the rest in a new sandbox.
 *
 * Kata code runs only on worker threads; this main thread reads the key before any of it loads.
 */
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gradeKata, type KataGrade } from '../workshop/progress.ts';
import { loadKata } from '../curriculum/katas.ts';
import { learnerStatus } from '../workshop/progress-status.ts';
import { CHANNEL_FD, signLine } from './signed-lines.ts';
import { stressBackstop } from './stress-backstop.ts';
import { keepPoolsWarm } from '../worker/warm-pools.ts';

/** Orders is what the grading process sends a grader on stdin. */
export interface Orders {
  readonly key: string;
  readonly katas: readonly string[];
  /** stressMs is how long the backstop runs each kata that passed; 0 skips it. */
  readonly stressMs: number;
  /** katasDir holds the attendee's kata folders: the checkout's `katas/` inside a sandbox. */
  readonly katasDir: string;
}

const orders = JSON.parse(readFileSync(0, 'utf8')) as Orders;
const key = orders.key;
// fd 3 is a pipe of its own: kata code has no `fs` to write to it, and its prints to stdout cannot split a line of ours.
// The key now lives only in this closure: `orders` is not kept.
const send = (message: unknown): void => {
  writeSync(CHANNEL_FD, signLine(key, message));
};

// One kata's threads check the next: warm-pools.ts says why nothing of one kata reaches the next.
keepPoolsWarm();
for (const kata of orders.katas) {
  send({ type: 'start', kata });
  const check = await loadKata(kata);
  const file = join(orders.katasDir, kata, check.file);
  let grade: KataGrade = await gradeKata(check, file);
  // A lesson kata passes with its race; the backstop is for katas that must be right.
  if (grade.status === 'solved' && orders.stressMs > 0 && check.policy.concurrency === 'required') {
    const found = await stressBackstop(check, file, orders.stressMs);
    // An outcome a correct counter never has, seen on real threads: the kata fails.
    if (found) grade = { kata, status: learnerStatus('fail'), detector: 'stress', summary: found.summary };
  }
  send({ type: 'grade', grade });
}
send({ type: 'done' });
// Threads a kata left behind must not keep the sandbox alive.
process.exit(0);
