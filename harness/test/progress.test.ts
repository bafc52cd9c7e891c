/** The progress list: one status vocabulary. */
import { describe, expect, it } from 'vitest';
import { checkWords, learnerStatus } from '../workshop/progress-status.ts';

describe("the learner's status", () => {
  it('is solved, not solved yet or error from the engine, and not started when the check stopped at a todo()', () => {
    expect(learnerStatus('pass')).toBe('solved');
    expect(learnerStatus('fail', { detector: 'lost-update' })).toBe('not solved yet');
    expect(learnerStatus('fail', { detector: 'not-solved' })).toBe('not started');
    expect(learnerStatus('error', { detector: 'stuck' })).toBe('error');
  });

  it("is said in a kata's own report as that report always said it", () => {
    expect(['solved', 'not solved yet', 'not started', 'error'].map((status) => checkWords(status as never))).toEqual(['solved', 'not solved yet', 'not solved yet', 'crashed or hung']);
  });
});
