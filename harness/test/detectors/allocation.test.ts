/**
 * The allocation meter: it reads a known allocation right, reads nothing where there is nothing,
 * and its verdict fails a counter over budget at the lines the heap profiler found.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { methodSites } from '../../alloc/method-sites.ts';
import { budgetBindsAfter, root } from '../../curriculum/katas.ts';
import { allocationNote } from '../../engine/allocation-note.ts';
import { locateAllocations } from '../../engine/allocation-sites.ts';
import { allocationVerdict } from '../../detectors/allocation.ts';
import { FreePool, liveFreeWorkers } from '../../free/free-pool.ts';
import type { FreeReply } from '../../free/free-protocol.ts';

type Profile = Extract<FreeReply, { type: 'alloc' }>;

async function measure(implementation: string, deltas: number[] = [1, 2, 3]): Promise<Profile> {
  const pool = await FreePool.start({ implementation, threads: 1 });
  try {
    const ops = [
      { kind: 'add', args: deltas, returns: false },
      { kind: 'inc', returns: false },
      { kind: 'value', returns: true },
    ];
    return (await pool.send(0, { type: 'alloc', ops }, 30_000)) as Profile;
  } finally {
    await pool.close();
  }
}

describe('the allocation meter', () => {
  afterAll(() => expect(liveFreeWorkers()).toBe(0));

  // The meter's figures are held against a budget by the verdict, with the meter's own tolerance
  // (allocation.ts): the tests ask what the verdict says, never how many bytes the heap moved.
  const file = `${root}harness/test/fixtures/allocates-32-bytes.ts`;

  it('reports the fixture that allocates one 32-byte object per add as allocating 32 B/op in add alone', async () => {
    const profile = await measure(file);
    const verdict = allocationVerdict(profile, 0, file, 'kata-7');
    // Only add() allocates. The figure itself is the meter's business: on a loaded machine a window
    // can read a byte under the object's 32, and the verdict's tolerance, not this test, decides.
    expect(verdict.finding?.detector).toBe('allocation');
    expect(verdict.finding?.summary).toMatch(/^add\(\) allocates (31|32|33) B\/op per call; the budget is 0 B\/op$/);
    expect(verdict.finding?.actual).toMatch(/^add\(\) (31|32|33) B\/op$/);
    expect(profile.ops['add']!.corrected).toBe(false);
    // Within a budget of the object it allocates, it passes.
    expect(allocationVerdict(profile, 32, file, 'kata-7').finding).toBeUndefined();
  });

  it('reports a bare Atomics.add on an Int32Array as allocating nothing, with a floor it trusts', async () => {
    const verdict = allocationVerdict(await measure('bare:atomics-add'), 0, file, 'kata-7');
    expect(verdict.finding).toBeUndefined();
  });

  it("reports kata-5's BigInt compare-and-swap as allocating in add and in value, at its BigInt lines", async () => {
    const solution = `${root}solutions/kata-5/counter.ts`;
    const profile = await measure(solution, [0.25, 1.5]);
    const verdict = allocationVerdict(profile, 0, solution, 'kata-5');
    expect(verdict.finding?.detector).toBe('allocation');
    expect(verdict.finding?.actual).toMatch(/^add\(\) \d+ B\/op, (inc\(\) \d+ B\/op, )?value\(\) \d+ B\/op$/);
    // Where: the profiler's functions, and the lines in them that read the BigInt64Array.
    const pool = await FreePool.start({ implementation: solution, threads: 1, heapSampler: true });
    try {
      const ops = [
        { kind: 'add', args: [0.25, 1.5], returns: false },
        { kind: 'inc', returns: false },
        { kind: 'value', returns: true },
      ];
      const found = await locateAllocations(pool, ops, verdict, solution);
      const located = allocationVerdict(profile, 0, solution, 'kata-5', found);
      const source = readFileSync(solution, 'utf8').split('\n');
      expect(source[located.finding!.at!.line - 1]).toMatch(/Atomics\.\w+\(this\.bits/);
      const kinds = found?.flatMap((site) => site.functions.flatMap((fn) => fn.lines.map((line) => line.makes)));
      expect(new Set(kinds)).toEqual(new Set(['a BigInt']));
      expect(located.finding?.details[0]).toMatch(/^A BigInt is a heap object/);
    } finally {
      await pool.close();
    }
  });
});

describe('the allocation verdict', () => {
  const none = { bytesPerOp: 0.03, gcWindows: 0, corrected: false };
  const some = (bytesPerOp: number) => ({ ...none, bytesPerOp });
  const file = `${root}katas/kata-7/counter.ts`;

  it('passes a profile within the noise of the budget', () => {
    const verdict = allocationVerdict(
      { ops: { add: none, inc: some(0.4), value: none }, floor: none },
      0,
      file,
      'kata-7',
    );
    expect(verdict.finding).toBeUndefined();
  });

  it('fails a profile over budget, names the costliest operation, and points at the first line the profiler found', () => {
    const profile = { ops: { add: some(88), inc: some(88), value: some(24) }, floor: none };
    // The stub's add() starts on line 45 and reads its BigInt64Array on lines 50 and 52.
    const sites = methodSites({ add: [{ name: 'add', line: 45, bytes: 90 }] }, { add: 88 }, readFileSync(file, 'utf8'));
    const verdict = allocationVerdict(profile, 0, file, 'kata-7', sites);
    expect(verdict.finding?.detector).toBe('allocation');
    expect(verdict.finding?.summary).toBe('add() allocates 88 B/op per call; the budget is 0 B/op');
    expect(verdict.finding?.at?.line).toBe(50);
    expect(verdict.finding?.details[0]).toMatch(/^A BigInt is a heap object/);
    expect(verdict.sites).toBe(sites);
    expect(verdict.worst).toEqual({ op: 'add', bytesPerOp: 88 });
    // Without a profile it points nowhere, and lists the usual causes.
    const unlocated = allocationVerdict(profile, 0, file, 'kata-7');
    expect(unlocated.finding?.at).toBeUndefined();
    expect(unlocated.finding?.details.slice(0, 2)).toEqual([
      'Something in these methods allocates on every call. The usual causes:',
      expect.stringMatching(/^- BigInt boxing/),
    ]);
  });

  it('says a method that made nothing in its own lines most likely boxed a number where it was inlined', () => {
    const sites = methodSites({ add: [] }, { add: 16 }, readFileSync(file, 'utf8'));
    const verdict = allocationVerdict({ ops: { add: some(16), value: none }, floor: none }, 0, file, 'kata-7', sites);
    expect(verdict.finding?.details[0]).toMatch(/^add\(\) made no object in its own lines .* Write `delta \| 0`/);
    expect(verdict.finding?.at).toBeUndefined();
  });

  it("makes a note for later from the verdict's figures and the kata where the budget binds, read from the kata definitions", async () => {
    const binds = await budgetBindsAfter('kata-1');
    // kata-7 holds only inc() to its budget; kata-7a holds every call.
    expect(binds).toEqual({ kata: 'kata-7', budget: 0, budgeted: ['inc'] });
    expect(await budgetBindsAfter('kata-7')).toEqual({ kata: 'kata-7a', budget: 0 });
    // After kata-7a, the next budget that fails a check is kata-7b's, and after the last kata there is none.
    expect(await budgetBindsAfter('kata-7a')).toEqual({ kata: 'kata-7b', budget: 200 });
    expect(await budgetBindsAfter('kata-8')).toBeUndefined();
    const verdict = allocationVerdict(
      { ops: { add: some(16), inc: none, value: none }, floor: none },
      0,
      file,
      'kata-1',
    );
    expect(allocationNote(verdict.worst!, binds)).toEqual([
      'add() allocates 16 B/op per call.',
      'That is fine until kata-7, where inc() must allocate 0 B/op.',
    ]);
    // With the profiler's sites, the note names the first line that allocates, cut to fit.
    const sites = methodSites({ add: [{ name: 'add', line: 45, bytes: 16 }] }, { add: 16 }, readFileSync(file, 'utf8'));
    expect(allocationNote(verdict.worst!, binds, sites)).toEqual([
      'add() allocates 16 B/op per call.',
      'At line 50, a BigInt: const oldBits = Atomics.load(this.bits, 0);',
      'That is fine until kata-7, where inc() must allocate 0 B/op.',
    ]);
    expect(allocationNote(verdict.worst!, { kata: 'kata-9', budget: 8 })).toEqual([
      'add() allocates 16 B/op per call.',
      'That is fine until kata-9, where every call must allocate 8 B/op.',
    ]);
  });

  it('does not widen its tolerance when the empty loop reads a little: 1.5 B/op over a 0 budget fails', () => {
    const verdict = allocationVerdict(
      { ops: { add: some(1.5), inc: none, value: none }, floor: some(0.2) },
      0,
      file,
      'kata-7',
    );
    expect(verdict.finding?.detector).toBe('allocation');
  });

  it('trusts no figure when the empty loop allocates (code not yet optimized): an error, never a pass', () => {
    const verdict = allocationVerdict(
      { ops: { add: some(2), inc: some(32), value: some(32) }, floor: some(32) },
      0,
      file,
      'kata-7',
    );
    expect(verdict.finding?.detector).toBe('error');
    expect(verdict.finding?.summary).toMatch(/could not be measured/);
  });
});
