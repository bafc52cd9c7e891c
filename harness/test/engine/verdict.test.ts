/** What a finding means for a kata: an error, a failure, nothing, or (kata-1) the lesson it teaches. */
import { describe, expect, it } from 'vitest';
import { kataX } from '../support/kata-x.ts';
import { findingVerdict, isLesson, overall, verdictOf } from '../../engine/verdict.ts';
import type { DetectorName, Finding } from '../../detectors/finding.ts';

const found = (detector: DetectorName): Finding => ({ detector, summary: detector, details: [], marks: [] });
const kata = kataX;
const lesson = kata('lesson');
const required = kata('required');

describe('findingVerdict', () => {
  it('passes no finding, calls a crash or a stuck worker an error, and anything else a failure', () => {
    expect(findingVerdict(undefined)).toBe('pass');
    expect(findingVerdict(found('error'))).toBe('error');
    expect(findingVerdict(found('stuck'))).toBe('error');
    const failures: DetectorName[] = [
      'not-solved',
      'spinning',
      'deadlock',
      'mutual-exclusion',
      'torn-read',
      'inconsistent-read',
      'alignment',
      'data-race',
      'contract',
      'lost-update',
      'linearizability',
      'allocation',
    ];
    expect(failures.map((detector) => findingVerdict(found(detector)))).toEqual(failures.map(() => 'fail'));
  });
});

describe('isLesson', () => {
  it("takes a lesson kata's concurrency failures, systematic ones included, for the lesson", () => {
    expect(isLesson(lesson, 'concurrency', found('lost-update'))).toBe(true);
    expect(isLesson(lesson, 'races', found('data-race'))).toBe(true);
    expect(isLesson(lesson, 'exhaustive', found('lost-update'))).toBe(true);
  });

  it('never takes the contract, the allocations, an unsolved kata, an error or a pass for it', () => {
    expect(isLesson(lesson, 'contract', found('contract'))).toBe(false);
    expect(isLesson(lesson, 'allocations', found('allocation'))).toBe(false);
    expect(isLesson(lesson, 'concurrency', found('not-solved'))).toBe(false);
    expect(isLesson(lesson, 'concurrency', found('error'))).toBe(false);
    expect(isLesson(lesson, 'concurrency', undefined)).toBe(false);
  });

  it('never takes an update lost with no other thread needed (state outside shared memory) for the lesson', () => {
    expect(isLesson(lesson, 'concurrency', { ...found('lost-update'), local: true })).toBe(false);
  });

  it("never takes a kata that requires concurrency's failure for a lesson", () => {
    expect(isLesson(required, 'concurrency', found('lost-update'))).toBe(false);
  });
});

describe('verdictOf and overall', () => {
  it('passes a lesson, and fails the same finding where it is required', () => {
    expect(verdictOf(lesson, 'concurrency', found('lost-update'))).toBe('pass');
    expect(verdictOf(required, 'concurrency', found('lost-update'))).toBe('fail');
    expect(verdictOf(lesson, 'concurrency', found('stuck'))).toBe('error');
  });

  it('is an error if any check errs, whatever came before; else a failure if any fails; else a pass', () => {
    expect(
      overall(required, [
        { property: 'contract', finding: found('contract') },
        { property: 'concurrency', finding: found('error') },
      ]),
    ).toBe('error');
    expect(
      overall(required, [
        { property: 'contract' },
        { property: 'races', finding: found('data-race') },
        { property: 'allocations' },
      ]),
    ).toBe('fail');
    expect(
      overall(lesson, [
        { property: 'contract' },
        { property: 'concurrency', finding: found('lost-update') },
        { property: 'races', finding: found('data-race') },
      ]),
    ).toBe('pass');
    expect(
      overall(lesson, [
        { property: 'contract', finding: found('contract') },
        { property: 'concurrency', finding: found('lost-update') },
      ]),
    ).toBe('fail');
    expect(overall(required, [])).toBe('pass');
  });
});
