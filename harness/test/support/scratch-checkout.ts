/**
 * scratchCheckout copies the parts of this checkout a command needs (the harness, the kata
 * definitions, the katas, the solutions, package.json) into `dir` (a folder from scratchDirs, say),
 * with node_modules linked: a test can then run a command that writes katas/ (reset, say) without
 * ever touching the checkout's own. Returns `dir`.
 */
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../curriculum/katas.ts';

export function scratchCheckout(dir: string): string {
  for (const part of ['harness', 'checks', 'katas', 'solutions', 'package.json', 'tsconfig.json'])
    cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
