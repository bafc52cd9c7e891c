/** kataX is a made-up counter kata, resolved as a real one is, for tests that need a Kata but no files. */
import { type Kata, resolveKata } from '../../curriculum/resolve.ts';
import { wholeDeltas } from '../../objects/counter.ts';

export function kataX(concurrency: 'required' | 'lesson'): Kata {
  return resolveKata(
    { id: 'kata-x', title: 'x', file: 'counter.ts' },
    { concurrency, workers: 2, deltas: wholeDeltas },
    '/nowhere',
    undefined,
  );
}
