/**
 * The curriculum: every kata, in the order attendees do them. This is the one place that says which
 * katas there are, what each is called, which file an attendee edits, and which are bonus katas;
 * what comes after a kata is the next one in this list that is not a bonus. Everything else about
 * a kata (its object, its threads, its workloads and what passing requires) is its
 * `checks/<id>/definition.ts`.
 */
import type { ManifestEntry } from '../harness/curriculum/definition.ts';

export const manifest: readonly ManifestEntry[] = [
  { id: 'kata-1', title: 'the naive counter', file: 'counter.ts' },
  { id: 'kata-2', title: 'the mutex counter', file: 'counter.ts' },
  { id: 'kata-2b', title: 'build your own mutex', file: 'mutex.ts', bonus: true },
  { id: 'kata-3', title: 'the channel counter', file: 'counter.ts' },
  { id: 'kata-4', title: 'the atomic counter', file: 'counter.ts' },
  { id: 'kata-5', title: 'the compare-and-swap float counter', file: 'counter.ts' },
  { id: 'kata-6', title: 'alignment and tearing on 32-bit machines', file: 'counter.ts' },
  { id: 'kata-7', title: 'the integer fast path', file: 'counter.ts' },
  { id: 'kata-7a', title: 'the zero-allocation float counter', file: 'counter.ts' },
  { id: 'kata-7b', title: 'the striped counter', file: 'counter.ts', bonus: true },
  { id: 'kata-8', title: 'the hot/cold histogram', file: 'histogram.ts' },
];
