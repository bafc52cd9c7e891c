/**
 * Identical submissions are checked once. A check is deterministic: the same files, checked by the
 * same harness with the same options and seed, get the same grade. So within one `npm run grade`,
 * a kata folder whose every file is byte for byte one already graded (an untouched stub, a copied
 * solution, a resubmission) takes that grade instead of a sandbox of its own.
 *
 * Only grades the check decided are shared, a syntax error's included. A grader that ran out of
 * time or memory, or crashed, may have been the machine's doing: an attendee who would take that
 * grade checks the kata again themselves. Nothing else crosses from one attendee to another: the key is the folder's contents,
 * so an attendee can only ever receive the grade of files exactly their own.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KataGrade } from '../workshop/progress.ts';

/**
 * folderFingerprint is a hash of every file under a kata folder: each one's path in the folder and
 * its bytes, in a fixed order. Undefined when there is no such folder. Symlinks are left out, as
 * grading's copy of a submission leaves them out.
 */
export function folderFingerprint(folder: string): string | undefined {
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path, `${prefix}${name}/`);
      else if (stat.isFile()) {
        const bytes = readFileSync(path);
        // Length-prefixed, so that no two different folders hash the same sequence of bytes.
        hash.update(`${prefix}${name}\0${bytes.length}\0`);
        hash.update(bytes);
      }
    }
  };
  try {
    if (!lstatSync(folder).isDirectory()) return undefined;
    walk(folder, '');
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** ENDED_BY_THE_MACHINE are the detectors of a grader that stopped before the check decided (attendee-sandbox.ts). */
const ENDED_BY_THE_MACHINE: ReadonlySet<string> = new Set(['time-limit', 'out-of-memory', 'crashed']);

/** Claim is an attendee's share in one kata's grade: they grade it (`owner`) or wait for the one who does. */
export type Claim =
  | { readonly kind: 'owner'; readonly settle: (grade: KataGrade | undefined) => void }
  | { readonly kind: 'identical'; readonly grade: Promise<KataGrade | undefined> };

/**
 * SharedGrades holds one grading run's grades by kata and folder contents. The first attendee to
 * claim a kata's contents grades it; everyone after waits for that grade, or for `undefined` if its
 * grader stopped before the check decided, and then grades it themselves.
 */
export class SharedGrades {
  private readonly grades = new Map<string, Promise<KataGrade | undefined>>();
  /** identical counts the katas that took a grade already made. */
  identical = 0;

  /** claim makes the caller the owner of `kata` with `fingerprint`'s contents, or hands them the owner's grade to come. */
  claim(kata: string, fingerprint: string): Claim {
    const key = `${kata}\0${fingerprint}`;
    const known = this.grades.get(key);
    if (known)
      return {
        kind: 'identical',
        grade: known.then((grade) => {
          if (grade) this.identical++;
          return grade;
        }),
      };
    let resolve!: (grade: KataGrade | undefined) => void;
    const grade = new Promise<KataGrade | undefined>((done) => {
      resolve = done;
    });
    this.grades.set(key, grade);
    let settled = false;
    const settle = (made: KataGrade | undefined): void => {
      if (settled) return;
      settled = true;
      const shared = made && !ENDED_BY_THE_MACHINE.has(made.detector ?? '') ? made : undefined;
      // The next identical folder grades itself again after an error.
      if (!shared) this.grades.delete(key);
      resolve(shared);
    };
    return { kind: 'owner', settle };
  }
}
