import { Abort } from '../scheduler/control.ts';
import type { History, OpRecord, Step } from '../record/history.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { locationName } from '../record/step-effects.ts';
import { describeData } from '../objects/counter.ts';
import { type ErrorInfo, REFUSED } from '../scheduler/protocol.ts';
import { atLine } from './source-line.ts';
import type { Finding } from './finding.ts';
import { notSolved } from './not-solved.ts';
import { refusedAccepted, wrongError } from './contract.ts';
import { mutualExclusion } from './mutual-exclusion.ts';
import { stackOverflow } from './stack-overflow.ts';
import { unlockWithoutLock } from './unlock-without-lock.ts';
import { retriedSuccess } from './retried-success.ts';
import { staleExpected } from './stale-expected.ts';
import { recordMismatch } from './tampering.ts';

/**
 * runErrors reports runs that did not complete as a counter should: a `todo()` left in, an
 * unexpected throw, a run that spins past its step budget, a worker stuck without shared accesses,
 * or kata code that swallowed the harness's stop signal. Throws a contract allows (a RangeError for
 * an invalid delta) are left to the contract detector.
 */
export function runErrors(history: History): Finding | undefined {
  const { outcome } = history;
  if (outcome.stuck) {
    const { worker, op, ms, after, at } = outcome.stuck;
    const given = history.workload[worker]?.[op];
    const doing =
      op === -1
        ? `while building its ${history.spec.name}`
        : op === -2
          ? `in the final ${describeOp(history.spec.read)}`
          : given
            ? `in ${describeOp(given)}`
            : `in operation #${op + 1} of its list`;
    return {
      detector: 'stuck',
      summary: `worker ${worker} ran for ${ms} ms without touching shared memory`,
      details: [
        at
          ? `It is stuck ${doing}${atLine(at)}.`
          : `It was stuck ${doing}${after ? `, after its step${atLine(after)}` : ''}.`,
        'A loop that never ends, or one that waits for something no shared access can change?',
      ],
      marks: [],
      ...(at ? { at } : after ? { at: after } : {}),
    };
  }
  for (const report of outcome.reports) {
    if (report.crash) {
      return {
        detector: 'error',
        summary: `worker ${report.worker} crashed: ${report.crash.name}: ${report.crash.message}`,
        details: ['The worker could not finish its run or report it, so nothing it did can be checked.'],
        marks: [],
        ...(report.crash.at ? { at: report.crash.at } : {}),
      };
    }
  }
  if (outcome.missing && outcome.missing.length > 0) {
    return {
      detector: 'error',
      summary: `worker ${outcome.missing.join(' and ')} never reported its run`,
      details: ['A run with a missing report cannot be checked: it is an error, never a pass.'],
      marks: [],
    };
  }
  // A stack overflow can strike inside the harness's record of a step: it is told as itself.
  const overflow = stackOverflow(history);
  if (overflow) return overflow;
  const tampered = recordMismatch(outcome);
  if (tampered && !outcome.reports.some((report) => report.setupError)) return tampered;
  for (const report of outcome.reports) {
    if (report.setupError) {
      const error = report.setupError;
      if (error.name === 'AlignmentError') {
        return {
          detector: 'alignment',
          summary: 'a 64-bit field is misaligned',
          details: error.details ?? [error.message],
          marks: [],
          ...(error.at ? { at: error.at } : {}),
        };
      }
      if (error.name === 'NotSolvedYet') return notSolved(error, `the constructor: ${error.message}`);
      return {
        detector: 'error',
        summary: whatWentWrong('the constructor', error),
        details: errorDetails(error),
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
    if (error.name === 'NotSolvedYet') return notSolved(error, `${describeOp(record.op)}: ${error.message}`);
    if (error.name === 'BadResult') return badResult(history, record, error);
    if (error.name === 'MutualExclusionViolation') return mutualExclusion(history, record, error);
    const rejection = history.spec.rejects(record.op);
    if (rejection && rejection.name !== error.name) return wrongError(record, rejection);
    const refused = rejection ? undefined : refusedAccepted(history, record);
    if (refused) return refused;
    if (!rejection) {
      return {
        detector: 'error',
        summary: whatWentWrong(describeOp(record.op), error),
        details: unlockWithoutLock(history, record, error) ?? errorDetails(error),
        marks: [],
        ...(error.at ? { at: error.at } : {}),
      };
    }
  }
  const final = history.final;
  if (final?.error?.name === 'BadResult') return badResult(history, final, final.error);
  if (final?.error) {
    if (final.error.name === 'NotSolvedYet') return notSolved(final.error, final.error.message);
    return {
      detector: 'error',
      summary: whatWentWrong(describeOp(final.op), final.error),
      details: errorDetails(final.error),
      marks: [],
      ...(final.error.at ? { at: final.error.at } : {}),
    };
  }
  for (const record of [...history.ops, ...(final ? [final] : [])]) {
    const wrong =
      record.end === Infinity || record.error ? undefined : history.spec.shapeError(record.op, record.result);
    // Every spec's shapeError says what was returned with describeData.
    if (wrong)
      return badResult(history, record, { name: 'BadResult', message: wrong, returned: describeData(record.result) });
  }
  const layout = layoutMismatch(history);
  if (layout) return layout;
  if (outcome.abort === Abort.Budget) return spinning(history);
  if (outcome.abort === Abort.Diverged) {
    return {
      detector: 'error',
      summary: 'the schedule does not fit this code: the run went another way',
      details: [
        'Was the token made from other code (your file before a change, another --impl, or without --32bit)?',
        'If not, the kata behaves differently from run to run: keep all state in the counter and its shared memory.',
      ],
      marks: [],
    };
  }
  // A run stopped before its first operation began (by sleep sets, or where a path played by hand ends) is not silent.
  const silent =
    history.ops.length === 0 &&
    !history.final &&
    outcome.abort !== Abort.SleepBlocked &&
    outcome.abort !== Abort.PathEnd;
  if (silent && history.outcome.reports.length > 0) {
    return {
      detector: 'error',
      summary: 'the run recorded no operation at all',
      details: ['Nothing that ran can be checked, so this is an error, never a pass.'],
      marks: [],
    };
  }
  return undefined;
}

/**
 * spinning explains a run that spent its step budget. A spin that only reads is descheduled, and one
 * that nobody can end is a deadlock; so a run gets here through a loop that keeps changing memory
 * and never finishes (a retry that always fails, a counter that never stops).
 */
function spinning(history: History): Finding {
  const last = history.steps.at(-1);
  const recent = last ? history.steps.filter((step) => step.worker === last.worker).slice(-12) : [];
  const touched = [...new Set(recent.map((step) => locationName(history, step)))];
  const place = (step: Step | undefined) => atLine(step?.at);
  return {
    detector: 'spinning',
    summary: `the run took ${history.outcome.decisions.length} steps and still had not finished`,
    details: [
      last
        ? `worker ${last.worker} goes round a loop${place(last)}, on ${touched.join(', ')}, and never gets out.`
        : 'A loop keeps going without touching shared memory.',
      ...((last && (staleExpected(history, last.worker) ?? retriedSuccess(history, last.worker))) ?? [
        'A retry that always fails, or a loop that never ends? A loop that waits for another thread should wait in Atomics.wait.',
      ]),
    ],
    marks: last ? [last.t] : [],
    ...(last?.at ? { at: last.at } : {}),
  };
}

/** layoutMismatch reports workers that built the counter's memory differently: they would not share it as the kata thinks. */
function layoutMismatch(history: History): Finding | undefined {
  const first = history.layouts[0] ?? [];
  for (let w = 1; w < history.layouts.length; w++) {
    const other = history.layouts[w] ?? [];
    if (other.length === 0 && first.length > 0 && !history.outcome.reports.some((report) => report.worker === w))
      continue;
    const k = Array.from({ length: Math.max(first.length, other.length) }, (_, i) => i).find((i) => {
      const a = first[i];
      const b = other[i];
      return !a || !b || a.kind !== b.kind || a.byteOffset !== b.byteOffset || a.length !== b.length;
    });
    if (k === undefined) continue;
    const describe = (entry: { kind: string; byteOffset: number; length: number } | undefined) =>
      entry ? `${entry.kind}(${entry.length}) at byte ${entry.byteOffset}` : 'nothing';
    return {
      detector: 'error',
      summary: `worker ${w} laid out the counter's memory differently from worker 0`,
      details: [
        `Its view #${k + 1} from SharedMemory is ${describe(other[k])}; worker 0's is ${describe(first[k])}.`,
        'Every worker must build the counter the same way, whatever thread it is on: then every field is the same bytes in every worker.',
      ],
      marks: [],
    };
  }
  return undefined;
}

/** badResult reports an operation that returned what no such operation returns (a string from value(), a Promise): the contract, broken. */
/** whatWentWrong says what `call` did: the harness's refusal in its own words, or what it threw. */
function whatWentWrong(call: string, error: ErrorInfo): string {
  return error.name === REFUSED ? error.message : `${call} threw ${error.name}: ${error.message}`;
}

/** errorDetails says more of an error than its message: the harness's own reasons, or what a known mistake wants instead. */
function errorDetails(error: ErrorInfo): string[] {
  // A refusal, or an error the harness threw with its own explanation (memory asked for too late).
  if (error.name === REFUSED || error.details) return [...(error.details ?? [])];
  // BigInt(0.25) is the classic way to put a float into a BigInt64Array: it wants the float's bits.
  if (error.name === 'RangeError' && NOT_AN_INTEGER.test(error.message))
    return [
      "BigInt() converts a number's value, and only a whole number has one as a BigInt.",
      "A float's 64 bits come from a Float64Array and a BigInt64Array over the same 8 bytes, as Go's math.Float64bits.",
    ];
  return [];
}

const NOT_AN_INTEGER = /cannot be converted to a BigInt because it is not an integer/;

function badResult(history: History, record: OpRecord, error: ErrorInfo): Finding {
  const thrownAt = error.at;
  // Where the operation was when it returned: its last step, in the kata's file.
  const last = history.steps
    .filter((step) => step.worker === record.worker && step.op === record.index && step.at)
    .at(-1);
  const at = thrownAt ?? last?.at;
  const { spec } = history;
  const example = spec.rejects(record.op) ? undefined : spec.apply(spec.initial, record.op).result;
  const help = spec.resultHelp ?? {
    expected: example !== undefined ? `plain numbers, like ${spec.showResult(example)}` : 'nothing',
    advice: `Return plain numbers (and arrays and objects of them), copied out of shared memory: a view would go on changing after ${describeOp(record.op)} returned. No async, no await.`,
  };
  return {
    detector: 'contract',
    summary: error.message,
    expected: help.expected,
    ...(error.returned !== undefined ? { actual: error.returned } : {}),
    details: [help.advice],
    marks: [],
    ...(at ? { at } : {}),
  };
}
