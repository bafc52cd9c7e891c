/** How a kata's status is marked in a progress list or a class table: ✓ solved, ✗ not solved yet, ! error, · not started, ? missing. */
import { paint } from '../report/paint.ts';
import type { LearnerStatus } from './progress-status.ts';

const marks: Record<LearnerStatus, string> = {
  solved: '✓',
  error: '!',
  'not started': '·',
  'not solved yet': '✗',
  missing: '?',
};

/** statusMark is the mark of a status, green when solved, dim when not started, red otherwise. */
export function statusMark(status: LearnerStatus): string {
  const text = marks[status];
  return status === 'solved' ? paint.green(text) : status === 'not started' ? paint.dim(text) : paint.red(text);
}
