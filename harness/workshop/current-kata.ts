/**
 * currentKata guesses the kata an attendee is on without running anything: the one whose file they
 * saved last, among those that differ from the shipped stub; kata-1 before they have touched any.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kataIds, loadKata } from '../curriculum/katas.ts';
import { stubPath } from './stubs.ts';

export async function currentKata(root: string): Promise<string> {
  const katas = kataIds();
  let current: { kata: string; savedAt: number } | undefined;
  for (const kata of katas) {
    const file = join(root, 'katas', kata, (await loadKata(kata)).file);
    if (!existsSync(file) || readFileSync(file, 'utf8') === readFileSync(stubPath(root, kata), 'utf8')) continue;
    const savedAt = statSync(file).mtimeMs;
    if (!current || savedAt > current.savedAt) current = { kata, savedAt };
  }
  return current?.kata ?? katas[0]!;
}
