/** The shared cells as the reports name them: value, bits, who wrote each last; the cell the step just wrote stands out. */
import type { PlayState } from '../protocol.ts';
import { el } from './dom.ts';

function workerName(state: PlayState, index: number | undefined): string {
  if (index === undefined) return '—';
  return state.workers.find((worker) => worker.index === index)?.label ?? `worker ${index}`;
}

export function drawMemory(state: PlayState): HTMLElement {
  const hasBits = state.memory.some((cell) => cell.bits !== undefined);
  const table = el('table', 'memory');
  const head = el('tr', '', el('th', '', 'cell'), el('th', 'value', 'value'));
  if (hasBits) head.append(el('th', '', 'bits'));
  head.append(el('th', '', 'last writer'));
  table.append(el('thead', '', head));
  const body = el('tbody');
  for (const cell of state.memory) {
    const row = el('tr', cell.changed ? 'changed' : '', el('td', 'name', cell.name), el('td', 'value', cell.value));
    if (hasBits) row.append(el('td', 'bits', cell.bits ?? ''));
    row.append(el('td', 'writer', workerName(state, cell.lastWriter)));
    body.append(row);
  }
  table.append(body);
  return table;
}
