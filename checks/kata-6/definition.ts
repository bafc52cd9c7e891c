import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';

/**
 * kata-6 runs as on a 32-bit machine: one worker publishes (adds), the other scrapes (reads). Each
 * delta changes both 32-bit halves of the float (1 would leave the low word 0), so a read that mixes
 * two writes shows. The stub fails twice, one step at a time: first its packed layout puts the
 * 64-bit field at byte 4 (the alignment refusal, when the counter is built), then, once the field is
 * first, its plain reads tear (mutants/aligned-but-plain.ts pins that second step).
 */
export default defineKata({
  concurrency: 'required',
  platform: '32-bit',
  writers: 'single',
  workers: 2,
  deltas: fc.constantFrom(2 ** 32 + 1, 2 ** 33 + 3),
  stubShows: 'alignment',
  // 64-bit Atomics are a correct answer here too, and their BigInts cost 88 B per add: a note for
  // later, since allocation-free is kata-7's lesson.
  allocationBudget: 0,
  allocations: 'note',
  play: { goal: 'Tear a 64-bit read: make value() see half of one write and half of another.', reaches: ['torn-read'] },
});
