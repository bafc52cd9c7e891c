/** findingOf: what failed a property, a fast-check failure's or a check's own. */
import { describe, expect, it } from 'vitest';
import { findingOf, type StageResult } from '../../engine/results.ts';
import { found } from '../support/judged-runs.ts';

const result = (fields: Partial<StageResult>): StageResult => ({
  property: 'concurrency',
  status: 'fail',
  runs: 1,
  ms: 0,
  ...fields,
});
const failure = {
  finding: found('lost-update'),
  seed: 1,
  path: '0',
  token: 't',
  runs: 1,
  shrinks: 0,
  counterexample: { ops: [], seed: 0 },
};

describe('findingOf', () => {
  it("takes a fast-check failure's finding first, then the check's own, and nothing from a pass", () => {
    expect(findingOf(result({ failure }))).toEqual(found('lost-update'));
    expect(findingOf(result({ property: 'allocations', finding: found('allocation') }))).toEqual(found('allocation'));
    expect(findingOf(result({ failure, finding: found('allocation') }))).toEqual(found('lost-update'));
    expect(findingOf(result({ status: 'pass' }))).toBeUndefined();
  });
});
