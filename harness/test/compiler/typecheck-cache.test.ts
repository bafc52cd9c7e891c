/**
 * A typecheck's verdict is kept for the files it read, and holds only while none of them, and none
 * of its settings (the tsconfigs among them), changed.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Checked, keptTypecheck, keptVerdict, typecheckSettings } from '../../compiler/typecheck-cache.ts';
import { root } from '../../curriculum/katas.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-typecheck-cache-');

/** counting is a stand-in typecheck of `inputs` (read as they are now) that counts how often it ran. */
function counting(inputs: () => string[]) {
  const counter = {
    compiled: 0,
    check: (file: string): Checked<string> => {
      counter.compiled++;
      const read = inputs().map((input) => ({ file: input, text: readFileSync(input, 'utf8') }));
      return { problems: [`problem ${counter.compiled} in ${file}`], inputs: read };
    },
  };
  return counter;
}

/** scratchKata writes a kata file and a tsconfig (its one setting) into a new folder. */
function scratchKata(kataText: string, tsconfigText = '{}\n') {
  const dir = scratch();
  const kata = join(dir, 'counter.ts');
  const settings = [join(dir, 'tsconfig.json')];
  writeFileSync(settings[0]!, tsconfigText);
  writeFileSync(kata, kataText);
  return { dir, kata, settings };
}

describe('a kept typecheck', () => {
  it('is used while the file and what it imports are unchanged, and checked again after a change to either', () => {
    const { dir, kata, settings } = scratchKata("import { x } from './helper.ts';\n");
    const imported = join(dir, 'helper.ts');
    writeFileSync(imported, 'export const x = 1;\n');
    const typecheck = counting(() => [imported, kata]);

    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 1 in ${kata}`]);
    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 1 in ${kata}`]);
    expect(keptVerdict(kata, settings)).toEqual([`problem 1 in ${kata}`]);
    expect(typecheck.compiled).toBe(1);

    appendFileSync(imported, '// changed\n');
    expect(keptVerdict(kata, settings)).toBeUndefined();
    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 2 in ${kata}`]);
    appendFileSync(kata, '// changed\n');
    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 3 in ${kata}`]);
    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 3 in ${kata}`]);
    expect(typecheck.compiled).toBe(3);
  });

  it('is checked again after an edit to a setting, such as a tsconfig', () => {
    const { kata, settings } = scratchKata('export const x = 1;\n', '{ "compilerOptions": { "strict": true } }\n');
    const typecheck = counting(() => [kata]);
    keptTypecheck(kata, typecheck.check, settings);
    expect(keptVerdict(kata, settings)).toEqual([`problem 1 in ${kata}`]);

    writeFileSync(settings[0]!, '{ "compilerOptions": { "strict": false } }\n');
    expect(keptVerdict(kata, settings)).toBeUndefined();
    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 2 in ${kata}`]);
    expect(typecheck.compiled).toBe(2);
  });

  it('is not kept for a save that came while the compiler ran: the next lookup checks the saved text', () => {
    const { kata, settings } = scratchKata('export const x = 1;\n');
    const typecheck = counting(() => [kata]);
    const savedMeanwhile = (file: string): Checked<string> => {
      const checked = typecheck.check(file);
      writeFileSync(kata, 'export const x: number = "saved while it compiled";\n');
      return checked;
    };
    expect(keptTypecheck(kata, savedMeanwhile, settings)).toEqual([`problem 1 in ${kata}`]);
    expect(keptVerdict(kata, settings)).toBeUndefined();
    expect(keptTypecheck(kata, typecheck.check, settings)).toEqual([`problem 2 in ${kata}`]);
  });

  it("depends on the checkout's tsconfigs, the compiler's version and every source of the typecheck", () => {
    const settings = typecheckSettings();
    expect(settings).toEqual(
      expect.arrayContaining([
        join(root, 'tsconfig.json'),
        join(root, 'katas', 'tsconfig.json'),
        join(root, 'harness', 'compiler', 'typecheck.ts'),
        join(root, 'harness', 'compiler', 'misspelt-member.ts'),
        join(root, 'node_modules', 'typescript', 'package.json'),
      ]),
    );
  });
});
