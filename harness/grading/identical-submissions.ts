/**
 * Identical submissions are checked once. A check is deterministic: the same files, checked by the
 * same harness with the same options and seed, get the same grade. So within one `npm run grade`,
 * a kata folder whose every file is byte for byte one already graded (an untouched stub, a copied
 * solution, a resubmission) takes that grade instead of a sandbox of its own.
 *
 * Only grades the check decided are shared, a syntax error's included. A grader that ran out of
 * time or memory, or crashed, or a worker stuck for 2 s, may have been the machine's doing: an
 * attendee who would take that grade checks the kata again themselves. The stress backstop runs
 * once for identical files, as the check does: they get the same grade, whatever it found.
 *
 * Nothing else crosses from one attendee to another. The key is the folder's contents, and a
 * folder whose files name any file outside it but the harness is never shared, so an attendee can
 * only ever receive the grade of files exactly their own.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import type { KataGrade } from '../workshop/progress.ts';

/** MAX_SHARED_FILE_BYTES bounds what the grading process reads to fingerprint: a kata's files are a few KB. */
const MAX_SHARED_FILE_BYTES = 1 << 20;

/** SPECIFIERS finds what a file imports, exports from, requires or references, for the compiler as well as at run time. */
const SPECIFIERS = [
  /\bfrom\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s+['"]([^'"\n]+)['"]/g,
  /\brequire\s*\(\s*['"]([^'"\n]+)['"]/g,
  /\/\/\/\s*<reference\s+path\s*=\s*['"]([^'"\n]+)['"]/g,
];

/**
 * reachesOutside says whether a file of kata folder `kata` names a file outside that folder and
 * outside the harness: a type-only import of a sibling kata (`../kata-2/counter.ts`)
 * is erased before the code runs, but the typecheck reads it, so the grade depends on it. `at` is
 * the file's folder within the kata folder. Packages and Node's modules are the same for everyone.
 */
function reachesOutside(text: string, kata: string, at: string): boolean {
  for (const pattern of SPECIFIERS) {
    for (const [, specifier] of text.matchAll(pattern)) {
      if (specifier!.startsWith('/')) return true;
      if (!specifier!.startsWith('.')) continue;
      const target = posix.normalize(posix.join('katas', kata, at, specifier!));
      if (!target.startsWith(`katas/${kata}/`) && !target.startsWith('harness/')) return true;
    }
  }
  return false;
}

/**
 * folderFingerprint is a hash of every file under a kata folder: each one's path in the folder and
 * its bytes, in a fixed order. Undefined when there is no such folder, when a file is larger than
 * a kata's files ever are, or when a file names one outside the folder (other than the harness):
 * its grade then depends on more than the folder, and is not shared. Symlinks are left out, as
 * grading's copy of a submission leaves them out.
 */
export function folderFingerprint(folder: string): string | undefined {
  const kata = basename(folder);
  const hash = createHash('sha256');
  let shareable = true;
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      // Once the folder cannot be shared, nothing more of it is worth reading.
      if (!shareable) return;
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path, `${prefix}${name}/`);
      else if (stat.isFile()) {
        if (stat.size > MAX_SHARED_FILE_BYTES) {
          shareable = false;
          return;
        }
        const bytes = readFileSync(path);
        if (reachesOutside(bytes.toString('utf8'), kata, prefix)) shareable = false;
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
  return shareable ? hash.digest('hex') : undefined;
}

/**
 * MAYBE_THE_MACHINE are the detectors of a grade a busy machine can cause: a grader that stopped
 * before the check decided (attendee-sandbox.ts), and a worker that went 2 s of wall-clock time
 * without a step (`stuck`).
 */
const MAYBE_THE_MACHINE: ReadonlySet<string> = new Set(['time-limit', 'out-of-memory', 'crashed', 'stuck']);

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
      const shared = made && !MAYBE_THE_MACHINE.has(made.detector ?? '') ? made : undefined;
      // The next identical folder grades itself again after an error.
      if (!shared) this.grades.delete(key);
      resolve(shared);
    };
    return { kind: 'owner', settle };
  }
}
