/** The top bar: the kata, its goal and whether this path reached it, and the workload to start again with. */
import type { PlayState } from '../protocol.ts';
import { el } from './dom.ts';

export interface HeaderActions {
  chooseWorkload(workload: number): void;
}

function workloads(state: PlayState, actions: HeaderActions): HTMLElement {
  const select = el('select', 'workload');
  state.workloads.forEach((name, index) => {
    const option = el('option', '', name);
    option.value = String(index);
    option.selected = index === state.workload;
    select.append(option);
  });
  select.addEventListener('change', () => {
    select.blur(); // the number keys go back to the workers
    actions.chooseWorkload(Number(select.value));
  });
  return el('label', 'workloads', 'workload ', select);
}

export function drawHeader(state: PlayState, actions: HeaderActions): HTMLElement[] {
  const reached = state.goal.reached ? el('span', 'reached yes', '✓ reached') : el('span', 'reached no', 'not yet');
  return [
    el('h1', '', el('span', 'kata-id', state.kata.id), ' ', state.kata.title),
    el('div', 'goal', el('b', '', 'Goal: '), state.goal.text, ' ', reached),
    workloads(state, actions),
  ];
}
