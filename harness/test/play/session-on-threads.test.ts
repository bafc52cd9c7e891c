/**
 * A play of kata-1 driven by steps: the lost update made by hand, named in the report's words, gone
 * again when undone, and its token replayed to the same failure through the check's replay path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examineSchedule } from '../../engine/exhaustive.ts';
import { decodeToken } from '../../engine/token.ts';
import { Abort } from '../../scheduler/control.ts';
import { PlaySession } from '../../play/session.ts';
import type { PlayState } from '../../play/protocol.ts';

const kata = await loadKata('kata-1');
// kata-1's solution is the naive counter: its `+=` is the read and the write to pull apart.
const implementation = kata.paths.solution;

let play: PlaySession;
beforeAll(async () => {
  play = await PlaySession.open(kata, { implementation });
});
afterAll(async () => {
  await play.close();
});

/** twoAdds starts "add(1) on two workers" and reads, reads, writes, writes: the lost update. */
async function loseAnUpdate(): Promise<PlayState> {
  const start = await play.chooseWorkload(play.workloads.findIndex((entry) => entry.name === 'add(1) on two workers'));
  expect(start.position).toBe(0);
  for (const worker of [0, 1, 0, 1]) await play.step(worker, 'step');
  await play.step(0, 'op');
  await play.step(1, 'op');
  return play.step(0, 'op');
}

describe('a play of kata-1, by steps', () => {
  it('stops where the path ends, every worker ready with its next step on its line', async () => {
    const state = await play.chooseWorkload(1);
    expect(state.steps).toEqual([]);
    expect(state.done).toBe(false);
    expect(state.finding).toBeUndefined();
    expect(state.workers.map((worker) => worker.state)).toEqual(['ready', 'ready']);
    expect(state.workers[0]!.next).toEqual({
      text: 'read  cell[0] → 0',
      file: 'solutions/kata-1/counter.ts',
      line: 21,
    });
  });

  it('makes the lost update by hand, names it as the report does, and marks the write that lost it', async () => {
    const state = await loseAnUpdate();
    expect(state.done).toBe(true);
    expect(state.steps.slice(0, 4).map((step) => `${step.worker} ${step.text}`)).toEqual([
      '0 read  cell[0] → 0',
      '1 read  cell[0] → 0',
      '0 write cell[0] ← 1',
      '1 write cell[0] ← 1',
    ]);
    expect(state.finding?.headline).toMatch(/lost/i);
    expect(state.finding?.lines.join(' ')).toMatch(/wrote 1 over worker 0's 1: one update lost/);
    expect(state.steps.filter((step) => step.marked).map((step) => step.text)).toEqual(['write cell[0] ← 1']);
    expect(state.memory).toEqual([
      expect.objectContaining({ name: 'cell[0]', value: '1', bits: '0x3ff0000000000000', lastWriter: 1 }),
    ]);
    expect(state.workers.map((worker) => worker.state)).toEqual(['done', 'done']);
  });

  it('undoes to before the second write, and the finding goes; redo brings it back', async () => {
    const end = await loseAnUpdate();
    const undone = await play.goto(3);
    expect(undone.position).toBe(3);
    expect(undone.finding).toBeUndefined();
    expect(undone.steps).toHaveLength(end.steps.length);
    expect(undone.memory[0]).toMatchObject({ value: '1', lastWriter: 0, changed: true });
    const redone = await play.goto(end.steps.length);
    expect(redone.finding).toEqual(end.finding);
  });

  it('gives a token the check replays to the same failure', async () => {
    const state = await loseAnUpdate();
    const token = decodeToken(state.token);
    if (!('ops' in token)) throw new Error('expected a schedule token');
    const report = await examineSchedule(kata, { implementation }, token.ops, token.path, token.seed);
    const failure = report.properties[0]?.explored?.[0]?.failure;
    expect(failure?.finding.summary).toBe(state.finding?.headline);
    expect(failure?.history?.outcome.abort).toBe(Abort.Finished);
  });

  it('lets a worker that cannot run take no step', async () => {
    await loseAnUpdate();
    const before = await play.state();
    const after = await play.step(1, 'step');
    expect(after.position).toBe(before.position);
  });
});

describe('a play of the stub', () => {
  it('says what is still to write, as the check does', async () => {
    const stub = await PlaySession.open(kata, { implementation: kata.paths.kata });
    try {
      const state = await stub.step(0, 'op');
      expect(state.finding?.headline).toMatch(/add\(\)|inc\(\)|value\(\)/);
      expect(state.goal.reached).toBe(false);
    } finally {
      await stub.close();
    }
  });
});
