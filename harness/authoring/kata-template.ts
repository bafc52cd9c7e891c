/**
 * The files `npm run new-kata` writes, as text: a kata whose object is a small counter (`add(amount)`
 * and `value()`), sound as written, so that `npm run verify-kata` passes on it before its author
 * changes anything. Each place the author has to write is marked `TODO(author)` (left-to-fill.ts
 * lists them); the attendee's places are the stub's `// TODO:` lines, as in every kata.
 */
import { AUTHOR_MARK } from './left-to-fill.ts';

/** KataNames are what the template fills in: the kata's id, its title, and the file an attendee edits. */
export interface KataNames {
  readonly id: string;
  readonly title: string;
  readonly file: string;
}

const mark = AUTHOR_MARK;

/** readme is what an attendee reads first: what to do, the talk's part, what the check requires. */
export function readme({ id, title, file }: KataNames): string {
  return `# ${id}: ${title}

<!-- ${mark}: in a sentence or two, what the attendee builds here. -->

## What to do

Open \`${file}\` and fill in each \`// TODO:\` so that no update is ever lost:

- \`add(amount)\` adds \`amount\` to the count in **one** atomic step;
- \`value()\` reads the count atomically.

\`\`\`sh
npm run check ${id}
\`\`\`

## The story

<!-- ${mark}: the part of the talk this kata retells: which slides, and what they show. -->

## What the check requires

Over 100 random cases, fast-check interleaves two worker threads at every shared access; then
systematic search runs every execution of a few small workloads, up to two preemptions. Your
object must lose no update, and every \`value()\` must return a count that some order of the adds
explains.

<!-- ${mark}: what else passing takes for your object, in the attendee's words. -->
`;
}

/** stub is the file an attendee starts from (`katas/<id>/<file>`, and `checks/<id>/stub.ts`, what `npm run reset` puts back). */
export function stub({ id, title }: KataNames): string {
  return `// ${id}: ${title}
//
// ${mark}: one paragraph for the attendee: what to build, and why it is hard on several threads.
//
// Check it with: npm run check ${id}

import type { SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';

export default class Tally {
  // One 32-bit integer in shared memory.
  private readonly cell: Int32Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }

  add(amount: number): void {
    // TODO: add amount to the cell in one atomic step.
    todo('add()');
  }

  value(): number {
    // TODO: read the cell atomically.
    return todo('value()');
  }
}
`;
}

/** solution is the reference solution: a working one, so that verify-kata passes before the author changes anything. */
export function solution({ id, title }: KataNames): string {
  return `// ${id}: ${title} (solution)
//
// Lines marked "// solved:" are the ones that changed from the stub.
// ${mark}: your object's reference solution; the check and verify-kata run it.

import type { SharedMemory } from '../../harness/kata.ts';

export default class Tally {
  private readonly cell: Int32Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }

  add(amount: number): void {
    Atomics.add(this.cell, 0, amount); // solved: read, add and write as one indivisible step
  }

  value(): number {
    return Atomics.load(this.cell, 0); // solved
  }
}
`;
}

/** mutant is an example of a wrong solution, naming the detector that must flag it. */
export function mutant(): string {
  return `// Mutant: an atomic load, then an atomic store: another thread's add can land in between.
// ${mark}: one mutant per mistake your attendees will make, each naming the detector that must flag it.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'lost-update';

export default class LoadThenStore {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  add(amount: number): void {
    Atomics.store(this.cell, 0, Atomics.load(this.cell, 0) + amount);
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
`;
}

/** correct is an example of another right solution, which must pass. */
export function correct(): string {
  return `// Correct: a compare-and-swap loop instead of Atomics.add.
// ${mark}: other right answers your attendees may write; each must pass.
import type { SharedMemory } from '../../../harness/kata.ts';

export default class CompareExchangeLoop {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  add(amount: number): void {
    let seen = Atomics.load(this.cell, 0);
    for (;;) {
      const found = Atomics.compareExchange(this.cell, 0, seen, seen + amount);
      if (found === seen) return;
      seen = found;
    }
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
`;
}

/** hints are the three tiers `npm run hint` shows one at a time. */
export function hints(): string {
  return `## A nudge
${mark}: a first hint: where to look.

## The idea
${mark}: the idea, without the code.

## Nearly there
${mark}: nearly the answer.
`;
}

/** definition is the kata's check: its threads, and its object's sequential specification, to fill in. */
export function definition({ id }: KataNames): string {
  return `import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';
import type { ObjectSpec } from '../../harness/objects/object-spec.ts';
import type { Op } from '../../harness/scheduler/protocol.ts';

// ${mark}: the sequential specification of your object: what each method returns when calls
// run one at a time. Every detector that judges values reads the object through it. Every field is
// explained in harness/objects/object-spec.ts; harness/objects/histogram.ts is a fuller example.
// This one is a counter with add(amount) and value().
const amounts = fc.integer({ min: 1, max: 4 });
const add = (amount: number): Op => ({ kind: 'add', arg: amount });
const read: Op = { kind: 'value' };

const tally: ObjectSpec<number> = {
  name: 'tally',
  contract: 'one thread: add, value',
  methods: ['add', 'value'],
  // Arguments must keep every result exact in any order: small integers are.
  op: fc.oneof(amounts.map(add), fc.constant(read)),
  writeOp: amounts.map(add),
  read,
  commutes: true,
  initial: 0,
  apply: (state, op) => (op.kind === 'add' ? { state: state + (op.arg ?? 0) } : { state, result: state }),
  rejects: () => undefined,
  key: (state) => String(state),
  same: (actual, expected) => actual === expected,
  shapeError: (op, result) =>
    op.kind === 'value' && typeof result !== 'number' ? \`value() returned a \${typeof result}, not a number\` : undefined,
  lostSummary: (completed, expected, actual) =>
    \`lost update: \${completed.filter((op) => op.kind === 'add').length} adds should sum to \${expected}, but value() is \${actual}\`,
  showResult: (result) => String(result),
};

/** ${id}: two threads share the object; every update must be kept, and every read explained. */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  object: tally,
});
`;
}
