/**
 * Free-running threads (stress, bench, the allocation meter) fix a kata object's layout when its
 * constructor returns, as checked threads do: memory a method asks for is refused with
 * LateAllocationError, the check's own words, rather than handed out on memory shared by chance.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { FreePool, liveFreeWorkers } from '../../free/free-pool.ts';
import { Barrier } from '../../free/free-protocol.ts';

const file = `${root}harness/test/fixtures/allocates-late.ts`;
const refused = 'SharedMemory.int32() was called after the constructor returned';

describe('memory asked for after the constructor, on a free-running thread', () => {
  afterAll(() => expect(liveFreeWorkers()).toBe(0));

  it('is refused in stress rounds and in the allocation meter, as the check refuses it', async () => {
    const pool = await FreePool.start({ implementation: file, threads: 1 });
    try {
      const memory = new SharedArrayBuffer(4096);
      // The constructor's own memory is given: a read of the counter it built answers.
      await expect(pool.send(0, { type: 'read', memory }, 30_000)).resolves.toMatchObject({ type: 'read', value: 0 });
      const control = new SharedArrayBuffer(Barrier.Fields * 4);
      const adds = { type: 'adds', memory, control, round: 1, parties: 1, count: 10, deltas: [1] } as const;
      await expect(pool.send(0, adds, 30_000)).rejects.toThrow(refused);
      const alloc = { type: 'alloc', ops: [{ kind: 'add', args: [1], returns: false }] } as const;
      await expect(pool.send(0, alloc, 30_000)).rejects.toThrow(refused);
    } finally {
      await pool.close();
    }
    // The check, on its scheduled threads, says the same of the same line.
    const result = await examine(await loadKata('kata-4'), { implementation: file, seed: 1, allocations: false });
    const finding = result.properties[0]?.failure?.finding;
    expect(finding?.summary).toContain(refused);
    expect(finding?.at?.line).toBe(16);
  });
});
