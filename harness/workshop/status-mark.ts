/** How a kata's status is marked in a progress list or a class table: ✓ solved, ✗ not solved yet, ! error, · not started, ? missing. */
import { chalk } from 'zx';
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
  return status === 'solved' ? chalk.green(text) : status === 'not started' ? chalk.dim(text) : chalk.red(text);
}
