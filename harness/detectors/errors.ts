import { Abort } from '../scheduler/control.ts';
import type { History } from '../check/history.ts';
import { describeOp, isValidDelta } from '../check/history.ts';
import type { Finding } from './finding.ts';

/**
 * runErrors reports runs that did not complete as a counter should: a `todo()` left in, an
 * unexpected throw, a run that spins past its step budget, a worker stuck without shared accesses,
 * or kata code that swallowed the harness's stop signal. Throws a contract allows (a RangeError for
 * an invalid delta) are left to the contract detector.
 */
export function runErrors(history: History): Finding | undefined {
  const { outcome } = history;
  if (outcome.stuck) {
    const { worker, op, ms, after } = outcome.stuck;
    const doing = op < 0 ? 'while building its counter' : `in operation #${op + 1} of its list`;
    return {
      detector: 'stuck',
      summary: `worker ${worker} ran for ${ms} ms without touching shared memory`,
      details: [
        `It was stuck ${doing}${after ? `, after its step at line ${after.line}${after.fn ? ` (in ${after.fn})` : ''}` : ''}.`,
        'A loop that never ends, or one that waits for something no shared access can change?',
      ],
      marks: [],
      ...(after ? { at: after } : {}),
    };
  }
  for (const report of outcome.reports) {
    if (report.setupError) {
      const error = report.setupError;
      const notSolved = error.name === 'NotSolvedYet';
      if (error.name === 'AlignmentError') {
        return { detector: 'alignment', summary: 'a 64-bit field is misaligned', details: error.message.split('. ').map((line) => (line.endsWith('.') ? line : `${line}.`)), marks: [], ...(error.at ? { at: error.at } : {}) };
      }
      return {
        detector: notSolved ? 'not-solved' : 'error',
        summary: notSolved ? `the constructor: ${error.message}` : `the constructor threw ${error.name}: ${error.message}`,
        details: [],
        marks: [],
        ...(error.at ? { at: error.at } : {}),
      };
    }
    if (report.stopSwallowed) {
      const last = history.steps.filter((step) => step.worker === report.worker).at(-1);
      return {
        ...(last?.at ? { at: last.at } : {}),
        detector: 'error',
        summary: `worker ${report.worker} caught the harness's stop signal and carried on`,
        details: ['A catch-all `catch {}` around shared accesses swallows it; let unknown errors propagate.'],
        marks: [],
      };
    }
  }
  for (const record of history.ops) {
    const error = record.error;
    if (!error) continue;
    if (error.name === 'NotSolvedYet') {
      return {
        detector: 'not-solved',
        summary: `${describeOp(record.op)}: ${error.message}`,
        details: ['Replace the `todo()` call with your code.'],
        marks: [],
        ...(error.at ? { at: error.at } : {}),
      };
    }
    if (error.name === 'MutualExclusionViolation') {
      const entry = history.steps.filter((step) => step.worker === record.worker && step.name === 'add' && step.value !== 0).at(-1);
      return {
        detector: 'mutual-exclusion',
        summary: `mutual exclusion broken: worker ${record.worker} ${error.message}`,
        details: ['lock() returned to a second worker before the first called unlock().'],
        marks: entry ? [entry.t] : [],
        ...(entry?.at ? { at: entry.at } : {}),
      };
    }
    const allowed = record.op.kind === 'add' && !isValidDelta(record.op.delta) && error.name === 'RangeError';
    if (!allowed) {
      return {
        detector: 'error',
        summary: `${describeOp(record.op)} threw ${error.name}: ${error.message}`,
        details: [],
        marks: [],
        ...(error.at ? { at: error.at } : {}),
      };
    }
  }
  const final = history.final;
  if (final?.error) {
    const notSolved = final.error.name === 'NotSolvedYet';
    return {
      detector: notSolved ? 'not-solved' : 'error',
      summary: notSolved ? final.error.message : `value() threw ${final.error.name}: ${final.error.message}`,
      details: [],
      marks: [],
      ...(final.error.at ? { at: final.error.at } : {}),
    };
  }
  if (outcome.abort === Abort.Budget) {
    const last = history.steps.slice(-4);
    return {
      detector: 'spinning',
      summary: `the run took ${history.steps.length} steps and still had not finished`,
      details: [
        'A loop keeps touching shared memory without getting anywhere: a spin loop, or a retry that always fails.',
        'A loop that waits for another thread should park in Atomics.wait instead of spinning.',
      ],
      marks: [],
      ...(last.at(-1)?.at ? { at: last.at(-1)!.at! } : {}),
    };
  }
  return undefined;
}
