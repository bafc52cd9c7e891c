/**
 * The allocation meter: it reads a known allocation right, reads nothing where there is nothing,
 * and its verdict fails a counter over budget with the likely cause.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../check/katas.ts';
import { allocationNote, budgetBindsAfter } from '../check/allocation-note.ts';
import { allocationVerdict } from '../detectors/allocation.ts';
import { FreePool, liveFreeWorkers } from '../free/free-pool.ts';
import type { FreeReply } from '../free/protocol.ts';

type Profile = Extract<FreeReply, { type: 'alloc' }>;

async function measure(implementation: string, deltas: number[] = [1, 2, 3]): Promise<Profile> {
  const pool = await FreePool.start({ implementation, threads: 1 });
  try {
    const ops = [{ kind: 'add', args: deltas, returns: false }, { kind: 'inc', returns: false }, { kind: 'value', returns: true }];
    return (await pool.send(0, { type: 'alloc', ops }, 30_000)) as Profile;
  } finally {
    await pool.close();
  }
}

describe('the allocation meter', () => {
  afterAll(() => expect(liveFreeWorkers()).toBe(0));

  it('reads one small object per add as 32 ± 1 B/op, and nothing for inc and value', async () => {
    const profile = await measure(`${root}harness/test/fixtures/allocates-32-bytes.ts`);
    expect(profile.ops['add']!.bytesPerOp).toBeGreaterThan(31);
    expect(profile.ops['add']!.bytesPerOp).toBeLessThan(33);
    expect(profile.ops['inc']!.bytesPerOp).toBeLessThan(0.5);
    expect(profile.ops['value']!.bytesPerOp).toBeLessThan(0.5);
    expect(profile.ops['add']!.corrected).toBe(false);
  });

  it('reads a bare Atomics.add on an Int32Array as under 0.5 B/op, with a noise floor below that', async () => {
    const profile = await measure('bare:atomics-add');
    for (const op of ['add', 'inc', 'value'] as const) expect(profile.ops[op]!.bytesPerOp).toBeLessThan(0.5);
    expect(profile.floor.bytesPerOp).toBeLessThan(0.5);
  });

  it("reads kata-5's BigInt compare-and-swap as tens of bytes per add", async () => {
    const profile = await measure(`${root}solutions/kata-5/counter.ts`, [0.25, 1.5]);
    expect(profile.ops['add']!.bytesPerOp).toBeGreaterThan(50);
    expect(profile.ops['value']!.bytesPerOp).toBeGreaterThan(16);
  });
});

describe('the allocation verdict', () => {
  const none = { bytesPerOp: 0.03, gcWindows: 0, corrected: false };
  const some = (bytesPerOp: number) => ({ ...none, bytesPerOp });
  const file = `${root}katas/kata-7/counter.ts`;

  it('passes a profile within the noise of the budget', () => {
    const verdict = allocationVerdict({ ops: { add: none, inc: some(0.4), value: none }, floor: none }, 0, file, 'kata-7');
    expect(verdict.finding).toBeUndefined();
  });

  it('fails a profile over budget, names the costliest operation, and points at the BigInt line', () => {
    const verdict = allocationVerdict({ ops: { add: some(88), inc: some(88), value: some(24) }, floor: none }, 0, file, 'kata-7');
    expect(verdict.finding?.detector).toBe('allocation');
    expect(verdict.finding?.summary).toBe('add() allocates 88 B/op per call; the budget is 0 B/op');
    expect(verdict.finding?.details[0]).toMatch(/BigInt boxing/);
    expect(verdict.finding?.at?.line).toBeGreaterThan(0);
    expect(verdict.worst).toEqual({ op: 'add', bytesPerOp: 88 });
  });

  it("makes a note for later from the verdict's figures and the kata where the budget binds, read from the kata definitions", async () => {
    const binds = await budgetBindsAfter('kata-1');
    expect(binds).toEqual({ kata: 'kata-7', budget: 0 });
    // After kata-7, the next budget that fails a check is kata-7b's, and after the last kata there is none.
    expect(await budgetBindsAfter('kata-7')).toEqual({ kata: 'kata-7b', budget: 200 });
    expect(await budgetBindsAfter('kata-8')).toBeUndefined();
    const verdict = allocationVerdict({ ops: { add: some(16), inc: none, value: none }, floor: none }, 0, file, 'kata-1');
    expect(allocationNote(verdict.worst!, binds)).toEqual(['add() allocates 16 B/op per call.', 'That is fine until kata-7, where every call must allocate 0 B/op.']);
    expect(allocationNote(verdict.worst!, { kata: 'kata-9', budget: 8 })).toEqual(['add() allocates 16 B/op per call.', 'That is fine until kata-9, where every call must allocate 8 B/op.']);
  });

  it('does not widen its tolerance when the empty loop reads a little: 1.5 B/op over a 0 budget fails', () => {
    const verdict = allocationVerdict({ ops: { add: some(1.5), inc: none, value: none }, floor: some(0.2) }, 0, file, 'kata-7');
    expect(verdict.finding?.detector).toBe('allocation');
  });

  it('trusts no figure when the empty loop allocates (code not yet optimized): an error, never a pass', () => {
    const verdict = allocationVerdict({ ops: { add: some(2), inc: some(32), value: some(32) }, floor: some(32) }, 0, file, 'kata-7');
    expect(verdict.finding?.detector).toBe('error');
    expect(verdict.finding?.summary).toMatch(/could not be measured/);
  });
});
