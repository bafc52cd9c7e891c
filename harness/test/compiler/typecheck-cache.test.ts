/**
 * A typecheck's verdict is kept for the files it read, and holds only while none of them changed.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptTypecheck } from '../../compiler/typecheck-cache.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-typecheck-cache-');

describe('a kept typecheck', () => {
  it('is used while the file and what it imports are unchanged, and checked again after a change to either', () => {
    const dir = scratch();
    const kata = join(dir, 'counter.ts');
    const imported = join(dir, 'helper.ts');
    writeFileSync(kata, "import { x } from './helper.ts';\n");
    writeFileSync(imported, 'export const x = 1;\n');
    let compiled = 0;
    const check = (file: string) => {
      compiled++;
      return { problems: [`problem ${compiled} in ${file}`], inputs: [imported, file] };
    };

    expect(keptTypecheck(kata, check)).toEqual([`problem 1 in ${kata}`]);
    expect(keptTypecheck(kata, check)).toEqual([`problem 1 in ${kata}`]);
    expect(compiled).toBe(1);

    appendFileSync(imported, '// changed\n');
    expect(keptTypecheck(kata, check)).toEqual([`problem 2 in ${kata}`]);
    appendFileSync(kata, '// changed\n');
    expect(keptTypecheck(kata, check)).toEqual([`problem 3 in ${kata}`]);
    expect(keptTypecheck(kata, check)).toEqual([`problem 3 in ${kata}`]);
    expect(compiled).toBe(3);
  });
});
