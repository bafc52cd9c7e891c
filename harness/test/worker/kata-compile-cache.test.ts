/**
 * A kata's compilation is kept for the next process while every file it was compiled from is unchanged.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keepKata, keptKata } from '../../worker/kata-compile-cache.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-kata-compile-cache-');

describe('a kept compilation', () => {
  it('is found while the kata and its own files are unchanged, and not after a change to either', () => {
    const dir = scratch();
    const kata = join(dir, 'counter.ts');
    const helper = join(dir, 'helper.ts');
    writeFileSync(kata, "import { x } from './helper.ts';\nexport const y: number = x;\n");
    writeFileSync(helper, 'export const x = 1;\n');
    const compiled = {
      entry: pathToFileURL(kata).href,
      modules: [kata, helper].map((file) => ({ url: pathToFileURL(file).href, code: `// ${file}`, map: '{}' })),
    };
    expect(keptKata(kata)).toBeUndefined();
    keepKata(kata, [readFileSync(kata, 'utf8'), readFileSync(helper, 'utf8')], compiled);
    expect(keptKata(kata)).toEqual(compiled);

    appendFileSync(helper, '// changed\n');
    expect(keptKata(kata)).toBeUndefined();
    keepKata(kata, [readFileSync(kata, 'utf8'), readFileSync(helper, 'utf8')], compiled);
    expect(keptKata(kata)).toEqual(compiled);
    appendFileSync(kata, '// changed\n');
    expect(keptKata(kata)).toBeUndefined();
  });
});
