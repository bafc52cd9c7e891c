/** The shared cells as the reports name them: value, bits, who wrote each last; the cell the step just wrote stands out. */
import type { PlayState } from '../protocol.ts';
import { el } from './dom.ts';

function workerName(state: PlayState, index: number | undefined): string {
  if (index === undefined) return '—';
  return state.workers.find((worker) => worker.index === index)?.label ?? `worker ${index}`;
}

export function drawMemory(state: PlayState): HTMLElement {
  const table = el('table', 'memory');
  table.append(
    el('thead', '', el('tr', '', el('th', '', 'cell'), el('th', 'value', 'value'), el('th', '', 'last writer'))),
  );
  const body = el('tbody');
  for (const cell of state.memory) {
    // The bits go under the value, small: a float's 16 hex digits beside it would not fit the column.
    const value = el('td', 'value', cell.value);
    if (cell.bits !== undefined) value.append(el('div', 'bits', cell.bits));
    const row = el('tr', cell.changed ? 'changed' : '', el('td', 'name', cell.name), value);
    row.append(el('td', 'writer', workerName(state, cell.lastWriter)));
    body.append(row);
  }
  table.append(body);
  return table;
}
