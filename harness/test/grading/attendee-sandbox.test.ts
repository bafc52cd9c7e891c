/**
 * How a grader ended, in words, from what the kernel says (a signal, or a shell's 128 + signal),
 * never from what the graded code printed: kata code can no longer signal its grader itself, so
 * this is the one place that says a kill by the system.
 */
import { describe, expect, it } from 'vitest';
import { exitReason } from '../../grading/attendee-sandbox.ts';

describe('exitReason', () => {
  it.each([
    { code: null, signal: 'SIGKILL' as const, says: 'it was killed (SIGKILL), by itself or by the system' },
    { code: 137, signal: null, says: 'it was killed (SIGKILL), by itself or by the system' },
    { code: 139, signal: null, says: 'it crashed (SIGSEGV)' },
    { code: 134, signal: null, says: 'it ended on SIGABRT' },
    { code: 3, signal: null, says: 'it exited with code 3 before it had graded this kata' },
  ])('code $code, signal $signal: "$says"', ({ code, signal, says }) => {
    expect(exitReason(code, signal)).toBe(says);
  });
});
