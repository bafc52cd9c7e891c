import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { inCheckout, placeFile, pointedAtHarness, renamePaths, scratchFolder } from '../../curriculum/scratch-copy.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('scratch-copy-');

describe('a file outside the checkout', () => {
  it('imports this harness from its copy, whatever path reached harness/ from where it was, on the same line', () => {
    const source = [
      "import type { SharedMemory } from '../../harness/kata.ts';",
      'import { Mutex } from "/home/me/counter-katas/harness/sync/mutex.ts";',
      "import { helper } from './helper.ts';",
      "const harness = 'harness/kata.ts';",
    ].join('\n');
    const folder = join(root, '.objects', 'abc');
    expect(pointedAtHarness(source, folder, root).split('\n')).toEqual([
      "import type { SharedMemory } from '../../harness/kata.ts';",
      'import { Mutex } from "../../harness/sync/mutex.ts";',
      "import { helper } from './helper.ts';",
      "const harness = 'harness/kata.ts';",
    ]);
  });

  it('is checked as a copy in .objects/, and a report names the user file again', () => {
    const dir = scratch();
    const file = join(dir, 'queue.ts');
    writeFileSync(file, "import type { SharedMemory } from '../harness/kata.ts';\nexport default class Q {}\n");
    const folder = scratchFolder(root);
    const placed = placeFile(file, root, folder);
    try {
      expect(placed.own).toBe(file);
      expect(inCheckout(placed.loaded, root)).toBe(true);
      expect(placed.loaded.startsWith(join(root, '.objects'))).toBe(true);
      expect(readFileSync(placed.loaded, 'utf8')).toContain("from '../../harness/kata.ts'");
      const report = {
        implementation: placed.loaded,
        at: { file: placed.loaded, line: 2 },
        lines: [`at ${placed.loaded}:2`],
      };
      const spec = { name: 'queue' };
      expect(renamePaths({ ...report, history: { spec } }, [placed])).toEqual({
        implementation: file,
        at: { file, line: 2 },
        lines: [`at ${file}:2`],
        history: { spec },
      });
      // The spec is handed on as it is, never copied.
      expect(renamePaths({ history: { spec } }, [placed]).history.spec).toBe(spec);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('inside the checkout is checked where it is', () => {
    const file = join(root, 'checks', 'examples', 'ring-buffer', 'ring-buffer.ts');
    expect(existsSync(file)).toBe(true);
    expect(placeFile(file, root, join(root, '.objects', 'unused'))).toEqual({ loaded: file, own: file });
    expect(existsSync(join(root, '.objects', 'unused'))).toBe(false);
  });
});
