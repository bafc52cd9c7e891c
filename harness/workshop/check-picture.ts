/**
 * The `--html` picture of a report: its title, one verdict line in the learner's words, and the
 * failing interleaving with the command that replays it (or, for systematic search, the outcome
 * table of the workload that failed, else the first).
 */
import { relative } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import type { Report } from '../engine/results.ts';
import { isLesson } from '../engine/verdict.ts';
import type { HtmlPicture } from '../report/html.ts';
import { checkWords, learnerStatus } from './progress-status.ts';

/** objectWords say a verdict of an object of the user's own, which is never "solved": it passes. */
const objectWords = { pass: 'passes', fail: 'fails', error: 'stopped on an error' } as const;

/** checkPicture is what `renderHtml` draws of a report; `command` is the check's command line, for the replay. */
export function checkPicture(kata: Kata, result: Report, command: string, root: string): HtmlPicture {
  const title = `${kata.id} · ${kata.title} · ${relative(root, result.implementation)}`;
  if (result.mode !== 'check') {
    const explored = result.properties[0]?.explored ?? [];
    const failed = explored.find((entry) => entry.failure);
    const failure = failed?.failure;
    const shown = failed ?? explored[0];
    return {
      title,
      verdict: explored
        .map((entry) => `${entry.workload}: ${entry.executions} executions with ≤ ${entry.bound} preemptions explored`)
        .join(' · '),
      ...(failure
        ? {
            finding: failure.finding,
            lesson: isLesson(kata, 'exhaustive', failure.finding),
            history: failure.history,
            replay: `${command} --replay ${failure.token}`,
          }
        : {}),
      ...(shown
        ? {
            outcomes: shown.outcomes.map((entry) => ({
              value: entry.value,
              count: entry.executions,
              forbidden: entry.forbidden,
            })),
          }
        : {}),
    };
  }
  const failed = result.properties.find((property) => (property.failure?.history?.steps.length ?? 0) > 0);
  const failure = failed?.failure;
  const marks = result.properties
    .map(
      (property) => `${property.status === 'pass' ? '✓' : property.status === 'fail' ? '✗' : '–'} ${property.property}`,
    )
    .join('  ');
  const lesson = kata.policy.concurrency === 'lesson' && failure ? ` · ${kata.policy.lesson ?? ''}` : '';
  return {
    title,
    verdict: `${kata.origin === 'object' ? objectWords[result.status] : checkWords(learnerStatus(result.status))} · ${marks}${lesson}`,
    ...(failed && failure?.history
      ? {
          finding: failure.finding,
          lesson: isLesson(kata, failed.property, failure.finding),
          history: failure.history,
          replay: `${command} --replay ${failure.token}`,
        }
      : {}),
  };
}
