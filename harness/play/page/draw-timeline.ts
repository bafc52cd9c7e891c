/**
 * The steps so far, as the report's timeline lays them out: a numbered row per step, in its
 * worker's column, with its line. The steps the finding points at are red and marked ✗; steps past
 * the position (what redo would take again, or the rest of a film) are dimmed. A row is a button:
 * clicking it goes to just after that step.
 */
import type { PlayState } from '../protocol.ts';
import { el } from './dom.ts';

export interface TimelineActions {
  goTo(position: number): void;
}

export function drawTimeline(state: PlayState, actions: TimelineActions): HTMLElement {
  const table = el('table', 'timeline');
  const head = el('tr', '', el('th', 'n', '#'));
  for (const worker of state.workers) head.append(el('th', '', worker.label));
  table.append(el('thead', '', head));
  const body = el('tbody');
  const start = el('tr', state.position === 0 ? 'step start current' : 'step start', el('td', 'n', '0'));
  start.append(el('td', 'text', 'start'));
  start.addEventListener('click', () => actions.goTo(0));
  body.append(start);
  state.steps.forEach((step, index) => {
    const classes = ['step'];
    if (step.marked) classes.push('marked');
    if (index >= state.position) classes.push('ahead');
    if (index === state.position - 1) classes.push('current');
    const row = el('tr', classes.join(' '), el('td', 'n', String(index + 1)));
    row.dataset['step'] = String(index + 1);
    for (const worker of state.workers) {
      if (worker.index !== step.worker) {
        row.append(el('td', 'text'));
        continue;
      }
      const line = step.line === undefined ? '' : `:${step.line}`;
      row.append(
        el('td', 'text', el('code', '', step.text), el('span', 'line', line), step.marked ? el('span', 'x', ' ✗') : ''),
      );
    }
    row.addEventListener('click', () => actions.goTo(index + 1));
    body.append(row);
  });
  table.append(body);
  return table;
}

/** scrollToCurrent keeps the current step in view after each move. */
export function scrollToCurrent(container: HTMLElement): void {
  container.querySelector('.step.current')?.scrollIntoView({ block: 'nearest' });
}
