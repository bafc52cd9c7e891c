/**
 * stackOverflow reports an operation that ran out of stack, a recursion with no end, as what it
 * is: V8's `RangeError: Maximum call stack size exceeded`, at the line that calls itself. Its own
 * finding, checked before the record is compared with the scheduler: an overflow can strike
 * inside the harness's bookkeeping of a step, and then the record is short of that step through
 * no tampering of the kata's.
 */
import type { History, OpRecord } from '../record/history.ts';
import { describeOp, type SourceLocation } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';
import { atLine } from './source-line.ts';

const OVERFLOW = /Maximum call stack size exceeded/;
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** overflowed is the first operation (or the final read) that threw V8's stack overflow. */
function overflowed(history: History): OpRecord | undefined {
  const records = [...history.ops, ...(history.final ? [history.final] : [])];
  return records.find((record) => record.error?.name === 'RangeError' && OVERFLOW.test(record.error.message));
}

/** kataFrames are the stack's frames in the kata's file, deepest first. */
function kataFrames(stack: string | undefined, file: string | undefined): SourceLocation[] {
  if (!stack || !file) return [];
  return stack.split('\n').flatMap((line) => {
    const match = FRAME.exec(line);
    if (!match || !match[2]!.endsWith(file)) return [];
    return [{ file, line: Number(match[3]), column: Number(match[4]), ...(match[1] ? { fn: match[1] } : {}) }];
  });
}

/**
 * recursionCycle is the shortest run of call sites the stack repeats, deepest first: one call site
 * for a function that calls itself, two for inc() and add() calling each other.
 */
function recursionCycle(frames: readonly SourceLocation[]): SourceLocation[] {
  const key = (at: SourceLocation) => `${at.line}:${at.column}`;
  // The deepest frames may be where the overflow struck, past the cycle: skip a few.
  for (let skip = 0; skip <= 3; skip++) {
    const rest = frames.slice(skip);
    for (let period = 1; period <= 8 && period * 3 <= rest.length; period++) {
      const checked = Math.min(rest.length - period, period * 4);
      let repeats = true;
      for (let i = 0; i < checked && repeats; i++) repeats = key(rest[i]!) === key(rest[i + period]!);
      if (repeats) return rest.slice(0, period);
    }
  }
  return [];
}

const method = (at: SourceLocation | undefined) => `${at?.fn?.split('.').pop() ?? 'a function'}()`;

/** stackOverflow is the finding for an operation that overflowed the stack, or undefined. */
export function stackOverflow(history: History): Finding | undefined {
  const record = overflowed(history);
  if (!record?.error) return undefined;
  const error = record.error;
  // The overflow may strike deep in the harness, whose frames then fill the stack the error kept:
  // the operation's last step still says which of the kata's functions it was in.
  const last = history.steps
    .filter((step) => step.worker === record.worker && step.op === record.index && step.at)
    .at(-1)?.at;
  const cycle = recursionCycle(kataFrames(error.stack, error.at?.file ?? last?.file));
  const recursive = cycle.at(-1);
  const at = recursive ?? error.at ?? last;
  // Outermost call first: each call site calls the function of the one deeper than it.
  const calls = [...cycle].reverse().map((site, i, outward) => {
    const callee = outward[(i + 1) % outward.length];
    return `${method(site)} calls ${method(callee)} at line ${site.line}`;
  });
  const where =
    cycle.length > 1
      ? `${calls.join(', and ')}, round and round`
      : recursive
        ? `The call${atLine(recursive)} calls itself again and again`
        : at
          ? `${at.fn ?? 'The function'} calls itself again and again (its last step was at line ${at.line})`
          : `${describeOp(record.op)} calls itself again and again`;
  return {
    detector: 'error',
    summary: `${describeOp(record.op)} threw RangeError: Maximum call stack size exceeded`,
    details: [
      `${where}: a recursion that never ends.`,
      'Give it a case that stops it, or write a loop; a counter needs no recursion.',
    ],
    marks: [],
    ...(at ? { at } : {}),
  };
}
