/**
 * How long `npm run play` takes to answer a step: the page's request, from the session's side. Each
 * step runs the path so far from the start on the check's workers, and the path one step further for
 * every worker (what each would do next), and judges them; the target is 50 ms, so that stepping
 * by hand feels immediate.
 */
import { loadKata } from '../curriculum/katas.ts';
import { PlaySession } from '../play/session.ts';
import { row } from './attendee-loop.ts';
import { figure } from './spread.ts';

/** PLAYS are the plays measured: kata-1's lost update, and kata-6's tear on 32-bit halves. */
const PLAYS = [
  { kata: 'kata-1', file: 'solution', workload: 'add(1) on two workers' },
  { kata: 'kata-6', file: 'checks/kata-6/mutants/aligned-but-plain.ts', workload: undefined },
] as const;

/** playStepTime prints the milliseconds a step takes to answer, each play stepped alternately to its end `times` times. */
export async function playStepTime(times = 3): Promise<void> {
  console.log(`\nA step of npm run play, answered (ms, median of every step of ${times} plays, min–max; target ≤ 50)`);
  for (const entry of PLAYS) {
    const kata = await loadKata(entry.kata);
    const implementation = entry.file === 'solution' ? kata.paths.solution : entry.file;
    const play = await PlaySession.open(kata, { implementation });
    const ms: number[] = [];
    try {
      const workload = Math.max(
        0,
        play.workloads.findIndex((choice) => choice.name === entry.workload),
      );
      for (let round = 0; round < times; round++) {
        let state = await play.chooseWorkload(workload);
        for (let turn = 0; !state.done && turn < 200; turn++) {
          const ready = state.workers.filter((worker) => worker.state === 'ready');
          const worker = ready[turn % ready.length] ?? ready[0];
          if (!worker) break;
          const started = performance.now();
          state = await play.step(worker.index, 'step');
          ms.push(performance.now() - started);
        }
      }
    } finally {
      await play.close();
    }
    row(`  ${entry.kata}, ${ms.length} steps`, figure(ms));
  }
}
