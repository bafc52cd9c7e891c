/**
 * Where the methods over budget allocate: the meter's thread profiles each of them with V8's
 * sampling heap profiler, and the kata's source names the lines in the functions it saw.
 */
import { readFile } from 'node:fs/promises';
import { methodSites, type MethodSites } from '../alloc/method-sites.ts';
import type { AllocationVerdict } from '../detectors/allocation.ts';
import type { FreePool } from '../free/free-pool.ts';
import type { MeasuredOp } from '../free/free-protocol.ts';

/**
 * locateAllocations asks the meter's thread where each operation over budget allocates. Undefined
 * when it could not say (the profile failed, or the source could not be read): the finding then
 * lists the usual causes instead.
 */
export async function locateAllocations(
  meter: FreePool,
  ops: readonly MeasuredOp[],
  verdict: AllocationVerdict,
  file: string,
): Promise<MethodSites[] | undefined> {
  const figure = (op: string) => verdict.profile.ops[op]?.bytesPerOp ?? 0;
  const over = ops.filter((op) => figure(op.kind) > verdict.budget + verdict.tolerance);
  if (over.length === 0) return undefined;
  try {
    const [reply, source] = await Promise.all([
      meter.send(0, { type: 'sites', ops: over }, 30_000),
      readFile(file, 'utf8'),
    ]);
    if (reply.type !== 'sites') return undefined;
    const figures = Object.fromEntries(over.map((op) => [op.kind, figure(op.kind)]));
    return methodSites(reply.ops, figures, source);
  } catch {
    return undefined;
  }
}
