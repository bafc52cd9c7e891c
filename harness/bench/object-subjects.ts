/**
 * `npm run bench -- --spec F --impl F`: an object of the user's own, one row per operation of its
 * spec. Each row's workers all loop the one call the spec draws first for that method, and call
 * the spec's read every 1000th, as the counters' rows loop add(42) and value().
 */
import type { Kata } from '../curriculum/resolve.ts';
import { operationKinds } from '../objects/object-spec.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { argsOf } from '../scheduler/op-args.ts';
import type { Subject } from './counters.ts';

/** objectSubjects is one bench row per operation of the object's spec, each named by the call it loops. */
export function objectSubjects(check: Kata, implementation: string): Subject[] {
  return operationKinds(check.spec).map(({ example }) => ({
    name: describeOp(example),
    implementation,
    subject: check.subject,
    ...(check.threads.loops > 0 ? { loop: true } : {}),
    calls: { op: example.kind, arg: 0, args: argsOf(example), read: check.spec.read.kind },
  }));
}

/** objectHeader says, above the table, what each row of an object's bench calls. */
export function objectHeader(check: Kata): string {
  return `your ${check.spec.name}: each row, every worker calls that operation, and ${describeOp(check.spec.read)} every 1000th; results are not checked here (npm run check does)`;
}

/** benchFamily names an object's benchmarks as go test would: "ring buffer" is BenchmarkRingBuffer. */
export function benchFamily(check: Kata): string {
  const words = check.spec.name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `Benchmark${words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')}`;
}
