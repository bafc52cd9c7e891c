/**
 * The sites request on a real thread: V8's sampling heap profiler, through the harness's own
 * inspector session, names the kata functions that allocate, at the kata's own lines (through tsx's
 * source map), and the source names the lines in them. Figures are sampled: they are printed, and
 * only pinned to be more than nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { methodSites } from '../../alloc/method-sites.ts';
import { root } from '../../curriculum/katas.ts';
import { FreePool, liveFreeWorkers } from '../../free/free-pool.ts';
import type { FreeReply, MeasuredOp } from '../../free/free-protocol.ts';

type Sites = Extract<FreeReply, { type: 'sites' }>;

const ops: MeasuredOp[] = [
  { kind: 'add', args: [1, 2, 3], returns: false },
  { kind: 'inc', returns: false },
  { kind: 'value', returns: true },
];

async function profile(file: string, heapSampler = true): Promise<Sites> {
  const pool = await FreePool.start({ implementation: file, threads: 1, heapSampler });
  try {
    return (await pool.send(0, { type: 'sites', ops }, 30_000)) as Sites;
  } finally {
    await pool.close();
  }
}

describe('where a counter allocates, by the heap profiler on a free thread', () => {
  afterAll(() => expect(liveFreeWorkers()).toBe(0));

  it('names add() and value() at their own lines, and their allocating lines in them; inc() allocates nowhere', async () => {
    const file = `${root}harness/test/fixtures/allocates-on-three-lines.ts`;
    const reply = await profile(file);
    const figures = Object.fromEntries(ops.map((op) => [op.kind, 1]));
    const sites = methodSites(reply.ops, figures, readFileSync(file, 'utf8'));
    console.log(
      'sampled bytes per call:',
      Object.entries(reply.ops).map(
        ([op, fns]) => `${op}: ${fns.map((fn) => `${fn.name}:${fn.line} ${fn.bytes.toFixed(1)}`)}`,
      ),
    );
    expect(reply.ops['add']!.map((fn) => [fn.name, fn.line])).toEqual([['add', 20]]);
    expect(reply.ops['value']!.map((fn) => [fn.name, fn.line])).toEqual([['value', 27]]);
    expect(reply.ops['inc']).toEqual([]);
    expect(reply.ops['add']![0]!.bytes).toBeGreaterThan(0);
    expect(reply.ops['value']![0]!.bytes).toBeGreaterThan(0);
    const lines = (op: string) =>
      sites.find((site) => site.op === op)!.functions.flatMap((fn) => fn.lines.map((l) => l.line));
    expect([lines('add'), lines('value'), lines('inc')]).toEqual([[22, 23], [29], []]);
  });

  it('finds nothing in a counter that allocates nothing', async () => {
    const reply = await profile(`${root}solutions/kata-7a/counter.ts`);
    console.log('sampled bytes per call:', JSON.stringify(reply.ops));
    expect(reply.ops).toEqual({ add: [], inc: [], value: [] });
  });

  it('refuses a sites request on a thread started without the profiler', async () => {
    await expect(profile(`${root}solutions/kata-7a/counter.ts`, false)).rejects.toThrow(/has no heap profiler/);
  });

  it.each(['opens-inspector', 'reaches-the-sampler'])(
    'refuses kata code an inspector session on the profiling thread: %s',
    async (fixture) => {
      await expect(
        FreePool.start({ implementation: `${root}harness/test/fixtures/${fixture}.ts`, threads: 1, heapSampler: true }),
      ).rejects.toThrow(/imports '(?:node:inspector|\.\.\/\.\.\/alloc\/heap-sampler\.ts)': /);
    },
  );
});
