/**
 * What the detectors say of the path so far, in the report's words, and the replay token that
 * `npm run check` accepts, with a button that copies the command.
 */
import type { PlayState } from '../protocol.ts';
import { el } from './dom.ts';

function verdict(state: PlayState): HTMLElement {
  const finding = state.finding;
  if (finding)
    return el(
      'div',
      'finding found',
      el('h2', 'headline', finding.headline),
      el('pre', 'finding-lines', finding.lines.join('\n')),
    );
  if (state.done) return el('div', 'finding clean', el('h2', '', 'Run over: no detector found anything.'));
  return el('div', 'finding clean', el('p', '', 'No finding yet: every detector judges each step you take.'));
}

/** copy puts the text on the clipboard (127.0.0.1 is a secure context), or selects it to copy by hand. */
async function copy(text: string, button: HTMLButtonElement, shown: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'copied';
  } catch {
    getSelection()?.selectAllChildren(shown);
    button.textContent = 'press Ctrl+C';
  }
}

function replay(state: PlayState): HTMLElement {
  const command = `npm run check ${state.kata.id} -- --replay ${state.token}`;
  const shown = el('code', 'command', command);
  const button = el('button', 'copy', 'copy');
  button.addEventListener('click', () => void copy(command, button, shown));
  return el('div', 'replay', el('div', 'replay-title', 'replay this path: ', button), shown);
}

export function drawFinding(state: PlayState): HTMLElement {
  return el('div', '', verdict(state), replay(state));
}
