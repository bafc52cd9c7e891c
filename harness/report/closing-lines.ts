/** The lines that end a check's report: solved, not solved yet, an error, a replay's outcome, or the lesson; and what comes next. */
import type { Kata } from '../curriculum/resolve.ts';
import { findingOf, type Report } from '../engine/results.ts';
import { isLesson } from '../engine/verdict.ts';
import { objectClosingLines } from './object-closing-lines.ts';
import { failingRunLine, lessonLine, type TextStyle } from './text-pieces.ts';

/**
 * closingLines say what the check means for the attendee, and what to do next; of an object of
 * the user's own, what it means for that object. `command` runs the check again.
 */
export function closingLines(check: Kata, result: Report, style: TextStyle, command: string): string[] {
  if (check.origin === 'object') return objectClosingLines(check, result, style, command);
  const concurrency = result.properties.find((property) => property.property === 'concurrency');
  const notSolved = result.properties.some((property) => property.failure?.finding.detector === 'not-solved');
  const nextLine = check.next ? [`Next: ${check.next} (katas/${check.next}/README.md)`] : ['That was the last kata.'];
  const hint = style.dim(`Stuck? npm run hint ${check.id} gives one hint at a time.`);
  if (notSolved) {
    return [`${check.id} is not solved yet.`, `Read katas/${check.id}/README.md, then fill in each // TODO:.`, hint];
  }
  if (result.status === 'error') {
    // Most errors are a throw or a refusal, not a crash: say "hung" only of a run that stopped moving.
    const stuck = result.properties.some((property) => findingOf(property)?.detector === 'stuck');
    return [
      style.bad(
        stuck ? `${check.id} hung: fix the loop above first.` : `${check.id} stopped on an error: fix it above first.`,
      ),
    ];
  }
  if (result.replayed) {
    const command = `npm run check ${check.id}`;
    // A replayed lesson is the lesson again, as the check that printed its token said: it never "passes now".
    const replayed = result.properties.find((property) => property.property === result.replayed);
    if (replayed && isLesson(check, replayed.property, findingOf(replayed)))
      return [lessonLine(check), `Run ${command} for the whole check.`];
    return result.status === 'pass'
      ? [style.good(`The replayed ${result.replayed} case passes now.`), `Run ${command} for the whole check.`]
      : [
          style.bad(`The replayed ${result.replayed} case still fails.`),
          `Study the run above, then run ${command} for the whole check.`,
          hint,
        ];
  }
  if (
    result.status === 'fail' &&
    result.properties.some((property) => property.property === 'allocations' && property.status === 'fail')
  ) {
    return [
      style.bad(`${check.id} is not solved yet: it counts right, but it allocates.`),
      `See what allocates above, and katas/${check.id}/README.md.`,
      hint,
    ];
  }
  if (result.status === 'fail') return [style.bad(`${check.id} is not solved yet.`), failingRunLine(result), hint];
  if (check.policy.concurrency === 'lesson') {
    const lesson = concurrency?.failure
      ? [check.policy.lesson ?? '']
      : ['No race showed up: is your counter thread-safe already? That comes later.'];
    return [style.good(`${check.id} is solved: the contract holds.`), ...lesson.filter(Boolean), ...nextLine];
  }
  return [style.good(`${check.id} is solved.`), ...nextLine];
}
