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

const OVERFLOW = /Maximum call stack size exceeded/;
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** overflowed is the first operation (or the final read) that threw V8's stack overflow. */
function overflowed(history: History): OpRecord | undefined {
  const records = [...history.ops, ...(history.final ? [history.final] : [])];
  return records.find((record) => record.error?.name === 'RangeError' && OVERFLOW.test(record.error.message));
}

/**
 * recursiveLine is the kata's line that the stack holds most often, at least twice: the call that
 * calls itself. A line the stack holds once is only where the overflow struck (the stack keeps ten
 * frames, and how many of them are the harness's depends on how its code was compiled).
 */
function recursiveLine(stack: string | undefined, file: string | undefined): SourceLocation | undefined {
  if (!stack || !file) return undefined;
  const counts = new Map<string, { at: SourceLocation; count: number }>();
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match || !match[2]!.endsWith(file)) continue;
    const key = `${match[3]}:${match[4]}`;
    const entry = counts.get(key) ?? {
      at: { file, line: Number(match[3]), column: Number(match[4]), ...(match[1] ? { fn: match[1] } : {}) },
      count: 0,
    };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].filter((entry) => entry.count >= 2).sort((a, b) => b.count - a.count)[0]?.at;
}

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
  const recursive = recursiveLine(error.stack, error.at?.file ?? last?.file);
  const at = recursive ?? error.at ?? last;
  const fn = at?.fn ? ` (${at.fn})` : '';
  const where = recursive
    ? `The call at line ${recursive.line}${fn} calls itself again and again`
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
