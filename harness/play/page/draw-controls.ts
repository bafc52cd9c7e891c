/**
 * Moving along the path: to the start, one step back, one forward, to the end. A path with steps
 * past the position (after an undo, or a token opened as a film) plays forward from here.
 */
import type { PlayState } from '../protocol.ts';
import { el } from './dom.ts';

export interface ControlActions {
  goTo(position: number): void;
}

function button(label: string, key: string, target: number, enabled: boolean, actions: ControlActions) {
  const node = el('button', 'move', el('kbd', '', key), ` ${label}`);
  node.disabled = !enabled;
  node.addEventListener('click', () => actions.goTo(target));
  return node;
}

export function drawControls(state: PlayState, actions: ControlActions): HTMLElement[] {
  const { position } = state;
  const total = state.steps.length;
  return [
    button('start', 'Home', 0, position > 0, actions),
    button('undo', '←', position - 1, position > 0, actions),
    el('span', 'position', `step ${position} of ${total}`),
    button('redo', '→', position + 1, position < total, actions),
    button('end', 'End', total, position < total, actions),
    el('span', 'keys', '1–9 step a worker · ⇧1–9 finish its operation · u, r undo, redo'),
  ];
}
