/** How a finding names a line of the kata: " at line 26 (FutexMutex.unlock)". */
import type { SourceLocation } from '../scheduler/protocol.ts';

/** atLine is " at line N (fn)" for a location, or nothing when there is none. */
export function atLine(at: SourceLocation | undefined): string {
  return at ? ` at line ${at.line}${at.fn ? ` (${at.fn})` : ''}` : '';
}

/** atLineNumber is " at line N" for a location, without its function, or nothing when there is none. */
export function atLineNumber(at: SourceLocation | undefined): string {
  return at ? ` at line ${at.line}` : '';
}
