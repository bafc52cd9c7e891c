import { callSteps, callText } from '../record/harness-calls.ts';
import type { History, OpRecord, Step } from '../record/history.ts';
import { locationName, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';
import { edgeOps, type Rejection } from '../objects/object-spec.ts';
import { describeOp } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';
import { queuedUpdate } from './queued-update.ts';
import { atLine } from './source-line.ts';
import { readSource, sourceDetails } from './read-source.ts';
import { unseenUpdate } from './unseen-update.ts';

/**
 * contract checks one worker's operations against the object's sequential specification (objects/):
 * run one at a time, every operation must return what the spec says, and every operation the spec
 * rejects must throw its error and change nothing. For a counter: it starts at 0, `add(d)` adds d,
 * a negative or NaN delta throws a RangeError, and `value()` returns the sum so far.
 */
export function contract(history: History): Finding | undefined {
  const { spec } = history;
  let state = spec.initial;
  // asIfAccepted is the state had every rejected operation been applied: a result that matches it
  // is the change a rejected operation should not have made; any other wrong result is not.
  let asIfAccepted = spec.initial;
  const rejected: string[] = [];
  const updates: OpRecord[] = [];
  const done: string[] = [];
  const story = () => (done.length === 0 ? `on a new ${spec.name}` : `after ${done.join(', ')}`);
  const records = [...history.ops].sort((a, b) => a.begin - b.begin);
  if (history.final) records.push(history.final);
  for (const record of records) {
    const { op } = record;
    if (spec.rejects(op)) {
      const wrong = invalidOp(history, record);
      if (wrong) return wrong;
      done.push(`${describeOp(op)} (rejected)`);
      rejected.push(describeOp(op));
      asIfAccepted = spec.apply(asIfAccepted, op).state;
      continue;
    }
    const applied = spec.apply(state, op);
    if (applied.result !== undefined && !spec.same(record.result, applied.result)) {
      // What the steps show comes first; a result that equals the rejected change may be chance.
      const queued = queuedUpdate(history, record, updates);
      const counted = !queued && rejected.length > 0 && spec.same(record.result, spec.apply(asIfAccepted, op).result);
      const unseen = queued || counted ? undefined : unseenUpdate(history, record);
      const cause = queued ?? unseen;
      // Otherwise the write the read saw says which line made the value.
      const source = cause ? undefined : readSource(history, record);
      const from = source ? sourceDetails(history, source) : [];
      const at = cause?.at ?? source?.write.at;
      return {
        detector: 'contract',
        summary: `${describeOp(op)} returned ${spec.showResult(record.result)} ${story()}`,
        expected: spec.showResult(applied.result),
        actual: spec.showResult(record.result),
        details: counted
          ? [
              `${spec.showResult(record.result)} is what ${rejected.join(', ')} would have made it, though ${rejected.length === 1 ? 'it was' : 'they were'} rejected.`,
              ...from.slice(0, 1),
              'A rejected operation must leave the object unchanged: check its argument before you change anything.',
            ]
          : (cause?.details ?? from),
        marks: cause?.marks ?? (source ? [source.write.t] : []),
        ...(at ? { at } : {}),
      };
    }
    state = applied.state;
    asIfAccepted = spec.apply(asIfAccepted, op).state;
    if (applied.result === undefined) updates.push(record);
    done.push(describeOp(op));
  }
  return undefined;
}

/**
 * invalidOps checks, in a run of any number of threads, the part of the contract that holds
 * whatever the interleaving: an operation the spec rejects (a counter's negative or NaN add) throws
 * the spec's error.
 */
export function invalidOps(history: History): Finding | undefined {
  for (const record of history.ops) {
    if (record.end === Infinity) continue;
    const finding = invalidOp(history, record);
    if (finding) return finding;
  }
  return undefined;
}

/**
 * invalidOp reports an operation the spec rejects that did not throw the spec's error. One that
 * returned normally is told at its first change to shared memory: the check belongs before it.
 */
function invalidOp(history: History, record: OpRecord): Finding | undefined {
  const rejection = history.spec.rejects(record.op);
  if (!rejection || record.error?.name === rejection.name) return undefined;
  const what = describeOp(record.op);
  if (record.error) return wrongError(record, rejection);
  const change = history.steps.find(
    (step) => step.worker === record.worker && step.op === record.index && written(step) !== undefined,
  );
  // Inside a Mutex or Channel call, the call is what the kata wrote; its words' bytes are the harness's.
  const did = (step: Step) =>
    step.at?.via
      ? `called ${callText(history, step.at.via, callSteps(history, step))}`
      : `wrote ${showValue(history, step, written(step))} to ${locationName(history, step)}`;
  // A loop thread that threw the rejection in its place did the operation's check too late, and stopped.
  const loop = history.loops.find((other) => other.error?.name === rejection.name);
  return {
    detector: 'contract',
    summary: `${what} returned normally`,
    expected: `a ${rejection.name}: ${rejection.why}`,
    actual: 'no error',
    details: [
      ...(change?.at ? [`It went on to line ${change.at.line} and ${did(change)}.`] : []),
      ...(loop
        ? [
            `The loop (worker ${loop.worker}) threw the ${rejection.name}${atLine(loop.error?.at)} instead, and stopped: nobody was left to answer the calls after it.`,
          ]
        : []),
      rejection.advice,
    ],
    marks: change ? [change.t] : [],
    ...(change?.at ? { at: change.at } : {}),
  };
}

/**
 * refusedAccepted reports an operation at the spec's `boundary` (a counter's add(0)) that threw the
 * very error the spec refuses its neighbours with: the refusal drawn one value too wide (`delta > 0`
 * where `delta >= 0` is meant). A contract failure, not a crash: the throw is the object's own.
 */
export function refusedAccepted(history: History, record: OpRecord): Finding | undefined {
  const { spec } = history;
  const { error, op } = record;
  const boundary = spec.boundary;
  if (!error || error.details || !boundary || op.kind !== boundary.kind) return undefined;
  if (!boundary.values.some((value) => Object.is(value, op.arg))) return undefined;
  const refused = edgeOps(spec).rejected.find((other) => other.kind === op.kind);
  const rejection = refused ? spec.rejects(refused) : undefined;
  if (!rejection || rejection.name !== error.name) return undefined;
  return {
    detector: 'contract',
    summary: `${describeOp(op)} threw ${error.name}, but the ${spec.name} accepts it`,
    expected: 'no error',
    actual: `${error.name}: ${error.message}`,
    details: [],
    advice: [`Refuse only what the ${spec.name} refuses (${rejection.why}), and no value more.`],
    marks: [],
    ...(error.at ? { at: error.at } : {}),
  };
}

/** wrongError reports an operation the spec rejects that threw, but not the spec's error. */
export function wrongError(record: OpRecord, rejection: Rejection): Finding {
  const error = record.error!;
  // An error the harness threw with its own explanation (memory asked for too late) is no attempt at
  // the rejection: it is told as itself, whatever the argument was.
  if (error.details) {
    return {
      detector: 'error',
      summary: `${describeOp(record.op)} threw ${error.name}: ${error.message}`,
      details: [...error.details],
      marks: [],
      ...(error.at ? { at: error.at } : {}),
    };
  }
  return {
    detector: 'contract',
    summary: `${describeOp(record.op)} threw ${error.name} instead of ${rejection.name}`,
    expected: `a ${rejection.name}: ${rejection.why}`,
    actual: `${error.name}: ${error.message}`,
    details: [`Throw \`new ${rejection.name}(…)\`: a caller tells a bad argument from a failure by the error's name.`],
    marks: [],
    ...(error.at ? { at: error.at } : {}),
  };
}
