/**
 * Tiered hints, as rustlings gives them: each kata has three in `checks/<kata>/hints.md` (a nudge,
 * the idea, something close to the solution), shown one more each time you ask. How many you have
 * seen is kept per kata in `.katas-state.json`, which git ignores.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Hint is one section of a kata's hints.md. */
export interface Hint {
  readonly title: string;
  readonly text: string;
}

/** readHints splits `checks/<kata>/hints.md` at its `## ` headings. */
export function readHints(root: string, kata: string): Hint[] {
  const file = join(root, 'checks', kata, 'hints.md');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/^## /m)
    .filter((section) => section.trim() !== '')
    .map((section) => {
      const [title, ...rest] = section.split('\n');
      return { title: title!.trim(), text: rest.join('\n').trim() };
    });
}

interface State {
  hintsSeen?: Record<string, number>;
}

function statePath(root: string): string {
  return join(root, '.katas-state.json');
}

function readState(root: string): State {
  try {
    return JSON.parse(readFileSync(statePath(root), 'utf8')) as State;
  } catch {
    return {};
  }
}

/** NextHint is what `npm run hint` shows: the hint, which one it is, and how many there are. */
export interface NextHint {
  readonly hint: Hint;
  readonly number: number;
  readonly of: number;
}

/**
 * nextHint returns the next hint for a kata and remembers that it was shown. After the last one it
 * shows the last one again. `again` shows the last one seen, without moving on.
 */
export function nextHint(root: string, kata: string, again = false): NextHint | undefined {
  const hints = readHints(root, kata);
  if (hints.length === 0) return undefined;
  const state = readState(root);
  const seen = state.hintsSeen?.[kata] ?? 0;
  const number = Math.min(hints.length, again ? Math.max(1, seen) : seen + 1);
  writeFileSync(
    statePath(root),
    `${JSON.stringify({ ...state, hintsSeen: { ...state.hintsSeen, [kata]: Math.max(seen, number) } }, null, 2)}\n`,
  );
  return { hint: hints[number - 1]!, number, of: hints.length };
}

/** hintsSeen says how many hints of each kata were shown, for progress and grading. */
export function hintsSeen(root: string): Record<string, number> {
  return readState(root).hintsSeen ?? {};
}
