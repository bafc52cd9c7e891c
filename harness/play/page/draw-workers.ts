/**
 * Each worker is a column: its operations, the lines of source around the one it is on, what its
 * next step does, and its two buttons (one step, or to the end of its operation) with their keys.
 */
import type { PlayState, PlayWorker } from '../protocol.ts';
import { el } from './dom.ts';

/** Lines of source shown above and below the current one. */
const AROUND = 3;

export interface WorkerActions {
  step(worker: number, to: 'step' | 'op'): void;
}

function stateText(worker: PlayWorker): string {
  if (worker.state === 'asleep') return `asleep in Atomics.wait${worker.waitsOn ? ` on ${worker.waitsOn}` : ''}`;
  if (worker.state === 'blocked') return `blocked${worker.waitsOn ? ` on ${worker.waitsOn}` : ''}`;
  return worker.state === 'done' ? 'done' : 'ready';
}

function ops(worker: PlayWorker): HTMLElement {
  const list = el('ol', 'ops');
  worker.ops.forEach((op, index) => {
    const when = index < worker.op ? 'past' : index === worker.op ? 'now' : 'later';
    list.append(el('li', `op ${when}`, op));
  });
  return list;
}

function source(state: PlayState, worker: PlayWorker): HTMLElement {
  const next = worker.next;
  const file = next && state.files.find((candidate) => candidate.path === next.file);
  if (!next || !file) {
    // A worker that waits has no next step to show: its state above says on what.
    if (worker.state !== 'done') return el('div', 'source none');
    return el('div', 'source empty', 'every operation returned');
  }
  const first = Math.max(1, next.line - AROUND);
  const last = Math.min(file.lines.length, next.line + AROUND);
  const lines = el('pre', 'source');
  for (let line = first; line <= last; line++) {
    const current = line === next.line;
    lines.append(
      el(
        'div',
        current ? 'src-line current' : 'src-line',
        el('span', 'line-number', String(line).padStart(3)),
        el('span', 'marker', current ? '▶' : ' '),
        file.lines[line - 1] ?? '',
      ),
    );
  }
  return lines;
}

function buttons(worker: PlayWorker, actions: WorkerActions): HTMLElement {
  const key = worker.index + 1;
  const ready = worker.state === 'ready' && key <= 9;
  const one = el('button', 'step', el('kbd', '', String(key)), ' step');
  // A worker past its last operation has none to finish: its button says so, rather than "finish op".
  const current = worker.state === 'done' ? undefined : worker.ops[worker.op];
  const whole = el('button', 'step-op', el('kbd', '', `⇧${key}`), current ? ` finish ${current}` : ' done');
  one.disabled = whole.disabled = !ready;
  one.dataset['worker'] = whole.dataset['worker'] = String(worker.index);
  one.addEventListener('click', () => actions.step(worker.index, 'step'));
  whole.addEventListener('click', () => actions.step(worker.index, 'op'));
  return el('div', 'buttons', one, whole);
}

function column(state: PlayState, worker: PlayWorker, actions: WorkerActions): HTMLElement {
  const next = worker.next ? el('div', 'next', 'next: ', el('code', '', worker.next.text)) : el('div', 'next', ' ');
  const node = el(
    'section',
    `worker ${worker.state}`,
    el('h2', '', worker.label, ' ', el('span', `state ${worker.state}`, stateText(worker))),
    ops(worker),
    source(state, worker),
    next,
    buttons(worker, actions),
  );
  node.dataset['worker'] = String(worker.index);
  return node;
}

export function drawWorkers(state: PlayState, actions: WorkerActions): HTMLElement {
  const row = el('div', 'worker-row');
  for (const worker of state.workers) row.append(column(state, worker, actions));
  return row;
}
