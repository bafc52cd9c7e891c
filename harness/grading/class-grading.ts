/**
 * A class, graded: every attendee in a sandbox of their own, as many at once as there are cores
 * (each check keeps its own threads busy; more at once only shares the same cores). Grades come
 * back as each attendee finishes, in whatever order that is; the list returned is in the class
 * folder's order.
 */
import { availableParallelism } from 'node:os';
import type { AttendeeGrade, KataGrade } from '../workshop/progress.ts';
import { workerBuildRoot } from '../worker/worker-build.ts';
import { gradeInSandboxes, type AttendeeOptions } from './attendee-sandbox.ts';
import { SharedGrades } from './identical-submissions.ts';

export interface ClassOptions extends Omit<AttendeeOptions, 'onKata'> {
  readonly jobs?: number;
  readonly onKata?: (attendee: string, grade: KataGrade) => void;
  readonly onAttendee?: (grade: AttendeeGrade) => void;
}

/** defaultJobs is how many attendees are graded at once: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** gradeClass grades every attendee, `jobs` at a time. */
export async function gradeClass(
  attendees: readonly { name: string; katasDir: string }[],
  options: ClassOptions,
): Promise<AttendeeGrade[]> {
  // The threads' build, made here if need be: a sandbox sees node_modules read-only, and could not.
  workerBuildRoot();
  // Byte-identical kata folders are checked once (identical-submissions.ts says why that is sound).
  const shared = options.shared ?? new SharedGrades();
  const grades: AttendeeGrade[] = new Array(attendees.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < attendees.length) {
      const index = next++;
      const { name, katasDir } = attendees[index]!;
      const grade = await gradeInSandboxes(name, katasDir, {
        ...options,
        shared,
        onKata: (kata) => options.onKata?.(name, kata),
      });
      grades[index] = grade;
      options.onAttendee?.(grade);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs ?? defaultJobs(), attendees.length) }, lane));
  return grades;
}
