/**
 * The record of a run, checked against what the scheduler granted. Each event a worker reports
 * ran at a decision (its time `t`, numbered from 1), and the scheduler's trace, written by the harness in memory kata
 * code cannot reach, says which worker each decision chose. Kata code that edits the evidence (a
 * no-op `Array.prototype.push`, a patched `postMessage`, a report emptied or invented) makes the
 * two disagree; such a run is an error, never a pass.
 */
import { Abort } from '../scheduler/control.ts';
import type { RunOutcome } from '../worker/run-outcome.ts';
import type { Finding } from './finding.ts';

/** recordMismatch returns what is wrong with a run's record, or undefined when it matches the trace. */
export function recordMismatch(outcome: RunOutcome): Finding | undefined {
  // Only a run that finished is whole: one stopped early may have granted a decision its worker never reached.
  if (outcome.abort !== Abort.Finished || outcome.stuck || outcome.missing) return undefined;
  const granted = outcome.decisions;
  const seen = new Array<number>(granted.length).fill(-1);
  const problem = (what: string): Finding => ({
    detector: 'error',
    summary: `the record of a run disagrees with the scheduler: ${what}`,
    details: [
      'The harness records each shared step with its own built-ins, where kata code cannot reach; something changed what a worker reported, so the run cannot be judged.',
      'Leave the harness, and the built-ins it uses (Array.prototype, MessagePort.prototype), as they are.',
    ],
    marks: [],
  });
  for (const report of outcome.reports) {
    if (!Array.isArray(report.events)) return problem(`worker ${report.worker} sent no list of events`);
    for (const event of report.events) {
      const t = event?.t;
      // Setup steps have negative times, and returns between two decisions fractions: neither was granted.
      if (typeof t !== 'number' || !Number.isInteger(t) || t < 1) continue;
      if (t > granted.length)
        return problem(`worker ${report.worker} reports an event at decision ${t}, and the run made ${granted.length}`);
      if (granted[t - 1]!.chosen !== report.worker)
        return problem(
          `worker ${report.worker} reports an event at decision ${t}, which chose worker ${granted[t - 1]!.chosen}`,
        );
      if (seen[t - 1] !== -1) return problem(`decision ${t} is reported twice`);
      seen[t - 1] = report.worker;
    }
  }
  const unreported = seen.indexOf(-1);
  if (unreported >= 0)
    return problem(
      `decision ${unreported + 1} chose worker ${granted[unreported]!.chosen}, which reports no event there`,
    );
  return undefined;
}
