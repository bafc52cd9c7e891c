/**
 * A replay token opened as a film: kata-6's tear, as the check printed it, steps forward and back to
 * the same finding; a random case's run, as a path, replays the same run.
 */
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { decodeToken } from '../../engine/token.ts';
import { filmOf, pathOf } from '../../play/film.ts';
import { PlaySession } from '../../play/session.ts';

const kata6 = await loadKata('kata-6');
// The tear's second step: the field is aligned, but its reads are still plain (two 32-bit halves).
const implementation = `${kata6.paths.checks}/mutants/aligned-but-plain.ts`;

describe('a film of a token', () => {
  it("opens kata-6's tear at step 0, and steps forward to the check's finding and back", async () => {
    const report = await examine(kata6, { implementation, seed: 1, typecheck: false, allocations: false });
    const failure = report.properties.find((property) => property.failure)?.failure;
    expect(failure?.finding.detector).toBe('torn-read');
    const film = await filmOf(kata6, { implementation }, decodeToken(failure!.token));
    const play = await PlaySession.open(kata6, { implementation }, film);
    try {
      const start = await play.state();
      expect(start.position).toBe(0);
      expect(start.finding).toBeUndefined();
      expect(start.workloads[0]).toBe('the replayed run');
      const end = await play.goto(start.steps.length);
      expect(end.finding?.headline).toBe(failure!.finding.summary);
      expect(end.goal.reached).toBe(true);
      expect(end.steps.some((step) => step.marked)).toBe(true);
      expect(end.memory.some((cell) => cell.bits !== undefined)).toBe(true);
      const back = await play.goto(1);
      expect(back.finding).toBeUndefined();
      expect(back.steps).toHaveLength(end.steps.length);
    } finally {
      await play.close();
    }
  });
});

describe('pathOf', () => {
  it("replays a random case's run under a path, an operation's return a decision of its own", async () => {
    const kata1 = await loadKata('kata-1');
    const solution = kata1.paths.solution;
    const report = await examine(kata1, { implementation: solution, seed: 7, typecheck: false, allocations: false });
    const failure = report.properties.find((property) => property.failure)?.failure;
    const history = failure!.history!;
    const path = pathOf(history);
    const returns = [...history.ops, history.final!].filter((record) => record.end !== Infinity).length;
    // Every step, every return, and worker 0's join before the final read.
    expect(path).toHaveLength(history.steps.filter((step) => step.t > 0).length + returns + 1);
    const play = await PlaySession.open(
      kata1,
      { implementation: solution },
      await filmOf(kata1, { implementation: solution }, decodeToken(failure!.token)),
    );
    try {
      const end = await play.goto(Number.MAX_SAFE_INTEGER);
      expect(end.finding?.headline).toBe(failure!.finding.summary);
      expect(end.steps.filter((step) => step.text.startsWith('read') || step.text.startsWith('write'))).toHaveLength(
        history.steps.filter((step) => step.t > 0).length,
      );
    } finally {
      await play.close();
    }
  });
});
