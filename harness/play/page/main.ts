/**
 * The play page (`npm run play`): it draws the PlayState the server answers and sends what the
 * person does, by key or by click. It computes nothing about the run: the server's engine does.
 */
import type { PlayState } from '../protocol.ts';
import { type Answer, chooseWorkload, fetchState, goTo, sayBye, step } from './api.ts';
import { el, fill } from './dom.ts';
import { drawControls } from './draw-controls.ts';
import { drawFinding } from './draw-finding.ts';
import { drawHeader } from './draw-header.ts';
import { drawMemory } from './draw-memory.ts';
import { drawTimeline, scrollToCurrent } from './draw-timeline.ts';
import { drawWorkers } from './draw-workers.ts';

/** Moves by key are relative, worked out from the state when their turn comes: keys pressed fast each count. */
const moves: Readonly<Record<string, (state: PlayState) => number>> = {
  ArrowLeft: (state) => state.position - 1,
  KeyU: (state) => state.position - 1,
  ArrowRight: (state) => state.position + 1,
  KeyR: (state) => state.position + 1,
  Home: () => 0,
  End: (state) => state.steps.length,
};

const actions = {
  step: (worker: number, to: 'step' | 'op') => void step(worker, to).then(show, fail),
  goTo: (position: number) => void goTo(() => position).then(show, fail),
  chooseWorkload: (workload: number) => void chooseWorkload(workload).then(show, fail),
};

function draw(next: PlayState): void {
  document.title = `play ${next.kata.id}: step ${next.position}`;
  fill('header', ...drawHeader(next, actions));
  fill('workers', drawWorkers(next, actions));
  fill('memory', el('h2', '', 'memory'), drawMemory(next));
  fill('finding', drawFinding(next));
  const timeline = document.getElementById('timeline')!;
  timeline.replaceChildren(drawTimeline(next, actions));
  scrollToCurrent(timeline);
  fill('controls', ...drawControls(next, actions));
  // No worker to step, and a finding: the check does not run the kata's file (it did not load, or it
  // has type errors), and the finding is the check's report of it.
  if (next.workers.length === 0 && next.finding)
    drawReport('The check does not run this file', [next.finding.headline, ...next.finding.lines].join('\n'));
  else {
    document.body.classList.remove('stopped');
    fill('report');
  }
}

/** drawReport shows a report instead of the play: the check does not run the kata (a syntax or type error, as the check words it), or the server is gone. */
function drawReport(title: string, report: string): void {
  document.body.classList.add('stopped');
  fill('report', el('h2', '', title), el('pre', 'report-text', report));
}

function show(answer: Answer | undefined): void {
  if (!answer) return; // a move with nowhere to go: nothing was sent
  if ('state' in answer) draw(answer.state);
  else drawReport('The kata did not load', answer.report);
}

function fail(error: unknown): void {
  drawReport('The play server did not answer', `${String(error)}\nIs \`npm run play\` still running?`);
}

function onKey(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target instanceof HTMLSelectElement) return;
  // By code, not key: Shift+1 is "!" on one keyboard and "+" on another.
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  const move = moves[event.code];
  if (digit) actions.step(Number(digit[1]) - 1, event.shiftKey ? 'op' : 'step');
  else if (move) void goTo(move).then(show, fail);
  else return;
  event.preventDefault();
}

document.addEventListener('keydown', onKey);
addEventListener('pagehide', sayBye);
void fetchState().then(show, fail);
