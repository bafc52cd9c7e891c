/** What an object's stress calls forbidden: a result no state of its spec, reached by the same calls, gives. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadObject, removeCopies } from '../../curriculum/own-object.ts';
import { root } from '../../curriculum/katas.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { possibleResults, workerOps } from '../../stress/object-rounds.ts';

const example = join(root, 'checks', 'examples', 'ring-buffer');

async function ringBuffer() {
  const own = await loadObject(join(example, 'ring-buffer.spec.ts'), join(example, 'ring-buffer.ts'), root);
  removeCopies(own);
  return own.check;
}

describe('possibleResults', () => {
  it('lists every result the spec gives each call, in any order of the calls, and nothing else', async () => {
    const check = await ringBuffer();
    const ops: Op[] = [{ kind: 'push', args: [[1]] }, { kind: 'pop', arg: 1 }, { kind: 'size' }];
    const [push, pop, size] = possibleResults(check, ops)!;
    expect(push).toEqual([true, false]);
    expect(pop).toEqual(expect.arrayContaining([null, [1]]));
    expect(pop).toHaveLength(2);
    expect(size!.slice().sort()).toEqual([0, 1, 2]);
  });
});

describe('workerOps', () => {
  it("draws each worker's calls from its role", async () => {
    const check = await ringBuffer();
    const [producer, consumer] = workerOps(check, 2);
    expect(producer!.length).toBeGreaterThan(0);
    expect(producer!.every((op) => op.kind === 'push')).toBe(true);
    expect(consumer!.every((op) => op.kind === 'pop')).toBe(true);
  });
});
