/**
 * Progress and grading: where one attendee stands on every kata, and where a whole class is stuck.
 * `npm run check` (no kata) shows your own progress; `npm run grade -- <dir>` grades a folder of
 * submissions, each an attendee's `katas/` folder, with the same gradeKata in a sandbox per attendee.
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import type { StageResult } from '../engine/results.ts';
import type { Finding } from '../detectors/finding.ts';
import { stubPath } from './stubs.ts';
import { kataIds, loadKata, root } from '../curriculum/katas.ts';
import { examine } from '../engine/examine.ts';
import { verdictOf } from '../engine/verdict.ts';
import { learnerStatus, type LearnerStatus } from './progress-status.ts';

/** KataGrade is one kata of one attendee: its status, and what the check found, if anything. */
export interface KataGrade {
  readonly kata: string;
  readonly status: LearnerStatus;
  readonly detector?: string;
  readonly summary?: string;
}

/** AttendeeGrade is one attendee's katas, and the first main kata they have not solved. */
export interface AttendeeGrade {
  readonly name: string;
  readonly katas: readonly KataGrade[];
  readonly solved: number;
  /** stuckAt is the first kata, bonus katas aside, that is not solved; unset when all are. */
  readonly stuckAt?: string;
}

/** isBonus says whether a kata is optional, as its definition says (its title says so too, in words for people). */
export function isBonus(check: Kata): boolean {
  return check.bonus;
}

/** decidingFinding is the first finding that fails the kata: on kata-1, its lesson (a lost update) decides nothing. */
export function decidingFinding(
  check: Kata,
  properties: readonly Pick<StageResult, 'property' | 'failure' | 'finding'>[],
): Finding | undefined {
  for (const { property, failure, finding: own } of properties) {
    const finding = failure?.finding ?? own;
    if (finding && verdictOf(check, property, finding) !== 'pass') return finding;
  }
  return undefined;
}

/**
 * isUntouched says whether a kata's file is still where the attendee found it: it calls `todo(`, or
 * it is the shipped stub itself (kata-6's and kata-7's stubs run, and fail, without a todo()).
 */
export function isUntouched(check: Kata, file: string): boolean {
  const source = readFileSync(file, 'utf8');
  return /\btodo\(/.test(source) || source === readFileSync(stubPath(root, check.id), 'utf8');
}

/**
 * gradeKata checks one file. A file that still calls `todo(` is "not started" without running
 * it, so that a progress list of untouched katas comes at once.
 */
export async function gradeKata(check: Kata, file: string): Promise<KataGrade> {
  const kata = check.id;
  if (!existsSync(file)) return { kata, status: 'missing' };
  if (isUntouched(check, file)) return { kata, status: 'not started' };
  const result = await examine(check, { implementation: file, typecheck: true });
  const finding = decidingFinding(check, result.properties);
  const status = learnerStatus(result.status, finding);
  if (result.loadError) {
    const { name, message, at } = result.loadError;
    const where = at ? `${kata}/${check.file}:${at.line}:${at.column}: ` : '';
    return { kata, status, detector: 'load-error', summary: `${where}${name}: ${message.split('\n')[0]}` };
  }
  if (result.typeErrors) {
    const first = result.typeErrors[0];
    return {
      kata,
      status,
      detector: 'type-error',
      summary: first
        ? `${kata}/${check.file}:${first.at.line}:${first.at.column}: ${first.message.split('\n')[0]}`
        : 'type errors',
    };
  }
  // A lesson kata (kata-1) passes with its lost update: the finding is the lesson, not a grade.
  if (status === 'solved' || !finding) return { kata, status };
  // Where in the kata's file, when the finding knows and it is this file (not the harness's Mutex, say).
  const at =
    finding.at && resolve(finding.at.file) === resolve(file) ? `${kata}/${check.file}:${finding.at.line}: ` : '';
  return { kata, status, detector: finding.detector, summary: `${at}${finding.summary}` };
}

/** gradeAttendee grades every kata in one `katas/` folder, in place: an attendee's own progress. Classes are graded in sandboxes (harness/grading/). */
export async function gradeAttendee(
  name: string,
  katasDir: string,
  onKata?: (grade: KataGrade) => void,
): Promise<AttendeeGrade> {
  const grades: KataGrade[] = [];
  let stuckAt: string | undefined;
  for (const kata of kataIds()) {
    const check = await loadKata(kata);
    const grade = await gradeKata(check, join(katasDir, kata, check.file));
    grades.push(grade);
    onKata?.(grade);
    if (grade.status !== 'solved' && !isBonus(check)) stuckAt ??= kata;
  }
  const solved = grades.filter((grade) => grade.status === 'solved').length;
  return stuckAt ? { name, katas: grades, solved, stuckAt } : { name, katas: grades, solved };
}

/**
 * submissions lists a class folder's attendees: each subfolder, with its `katas/` inside or being
 * one. An entry that is not a folder, or a symlink to nothing, is left out and named in `skipped`.
 */
export function submissions(dir: string, skipped: string[] = []): { name: string; katasDir: string }[] {
  const isFolder = (path: string): boolean => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .filter((name) => {
      if (isFolder(join(dir, name))) return true;
      skipped.push(name);
      return false;
    })
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      // The class folder's own entries are the instructor's: a symlinked attendee is followed. Inside, nothing is.
      const base = realpathSync(join(dir, name));
      const nested = join(base, 'katas');
      return { name, katasDir: existsSync(nested) ? nested : base };
    });
}

/** ClassSummary counts, per kata, how many attendees solved it and how many are stuck on it. */
export interface ClassSummary {
  readonly attendees: number;
  readonly solvedBy: Record<string, number>;
  readonly stuckAt: Record<string, number>;
  /** findings counts, per kata, what stopped the attendees stuck there (lost-update, deadlock, ...). */
  readonly findings: Record<string, Record<string, number>>;
}

export function summarize(grades: readonly AttendeeGrade[]): ClassSummary {
  const solvedBy: Record<string, number> = {};
  const stuckAt: Record<string, number> = {};
  const findings: Record<string, Record<string, number>> = {};
  for (const kata of kataIds()) solvedBy[kata] = 0;
  for (const attendee of grades) {
    for (const grade of attendee.katas)
      if (grade.status === 'solved') solvedBy[grade.kata] = (solvedBy[grade.kata] ?? 0) + 1;
    if (!attendee.stuckAt) continue;
    stuckAt[attendee.stuckAt] = (stuckAt[attendee.stuckAt] ?? 0) + 1;
    const grade = attendee.katas.find((entry) => entry.kata === attendee.stuckAt)!;
    const why = grade.detector ?? grade.status;
    const counts = findings[attendee.stuckAt] ?? {};
    findings[attendee.stuckAt] = counts;
    counts[why] = (counts[why] ?? 0) + 1;
  }
  return { attendees: grades.length, solvedBy, stuckAt, findings };
}
