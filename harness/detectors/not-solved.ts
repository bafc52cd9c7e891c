/**
 * "Not solved yet": a `todo()` the kata file still calls. The report names every method still to
 * write, and points at the first `// TODO:` of the first of them in the file: where the attendee
 * starts, the same whichever `todo()` the shrunk case happened to call (shrinking keeps the
 * shortest case, often a lone final value(), the last method in the file).
 */
import { readFileSync } from 'node:fs';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';

/** TodoCall is one `todo('name')` in a kata's source: the name it was given, and where it is. */
interface TodoCall {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/** COMMENT is a line that is only a `//` comment. */
const COMMENT = /^\s*\/\//;
const TODO_COMMENT = /^(\s*)\/\/\s*TODO:/;

/** todoCalls lists the `todo('…')` calls of a source in the file's order, leaving out comments that quote one. */
function todoCalls(lines: readonly string[]): TodoCall[] {
  return lines.flatMap((text, index) =>
    COMMENT.test(text)
      ? []
      : [...text.matchAll(/\btodo\(\s*['"`]([^'"`]+)['"`]/g)].map((match) => ({
          name: match[1]!,
          line: index + 1,
          column: match.index + 1,
        })),
  );
}

/**
 * todoAbove is the first `// TODO:` line of the comment block right above a line (a TODO may run
 * on for several comment lines, and a method may have several), if there is one.
 */
function todoAbove(lines: readonly string[], line: number): { line: number; column: number } | undefined {
  let first: { line: number; column: number } | undefined;
  for (let index = line - 2; index >= 0 && COMMENT.test(lines[index]!); index--) {
    const todo = TODO_COMMENT.exec(lines[index]!);
    if (todo) first = { line: index + 1, column: todo[1]!.length + 1 };
  }
  return first;
}

/** readLines reads a source file as lines, or nothing when it cannot be read. */
function readLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/**
 * notSolved is the finding for a `todo()` that threw: "inc(), add() and value() are not written
 * yet", every `todo('…')` its file still calls (`single` when it names none), at the first
 * `// TODO:` of the first of them.
 */
export function notSolved(error: ErrorInfo, single: string): Finding {
  const lines = error.at ? readLines(error.at.file) : undefined;
  const calls = lines ? todoCalls(lines) : [];
  const names = [...new Set(calls.map((call) => call.name))];
  const first = calls[0];
  const comment = lines && first ? todoAbove(lines, first.line) : undefined;
  const at: SourceLocation | undefined = error.at && first ? { file: error.at.file, ...(comment ?? first) } : error.at;
  return {
    detector: 'not-solved',
    summary:
      names.length > 1
        ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are not written yet`
        : names.length === 1
          ? `${names[0]} is not written yet`
          : single,
    details: [
      comment
        ? 'Fill in this `// TODO:`, and delete the `todo()` call under it.'
        : 'Replace the `todo()` call with your code.',
    ],
    marks: [],
    ...(at ? { at } : {}),
  };
}
