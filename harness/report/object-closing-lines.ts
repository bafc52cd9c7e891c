/**
 * The lines that end the report of an object of the user's own (`npm run check -- --spec`): what
 * the check means for it, in words about "your object". Nothing of the curriculum: no next kata, no
 * hints, no README to read.
 */
import type { Kata } from '../curriculum/resolve.ts';
import { findingOf, type Report } from '../engine/results.ts';
import { failingRunLine, type TextStyle } from './text-pieces.ts';

/** objectClosingLines end an object's report; `command` runs its whole check again. */
export function objectClosingLines(check: Kata, result: Report, style: TextStyle, command: string): string[] {
  const spec = `its ${check.spec.name} spec`;
  const todo = result.properties.some((property) => property.failure?.finding.detector === 'not-solved');
  if (todo) return [style.bad('Your object still calls todo(): write that method, then check it again.')];
  if (result.status === 'error') {
    const stuck = result.properties.some((property) => findingOf(property)?.detector === 'stuck');
    return [
      style.bad(
        stuck ? 'Your object hung: fix the loop above first.' : 'Your object stopped on an error: fix it above first.',
      ),
    ];
  }
  const whole = `${command.replace(/ --$/, '')} for the whole check.`;
  if (result.replayed)
    return result.status === 'pass'
      ? [style.good(`The replayed ${result.replayed} case passes now.`), `Run ${whole}`]
      : [style.bad(`The replayed ${result.replayed} case still fails.`), `Study the run above, then run ${whole}`];
  const allocates = result.properties.some(
    (property) => property.property === 'allocations' && property.status === 'fail',
  );
  if (result.status === 'fail' && allocates)
    return [style.bad(`Your object behaves as ${spec} says, but it allocates: see where above.`)];
  if (result.status === 'fail')
    return [style.bad(`Your object does not behave as ${spec} says.`), failingRunLine(result)];
  return [style.good(`Your object passes: every run above behaved as ${spec} says.`)];
}
