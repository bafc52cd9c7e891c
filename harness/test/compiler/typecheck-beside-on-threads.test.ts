/**
 * A single check's typecheck beside it (`npm run check`): on a thread of its own when the file
 * changed, from the kept verdict when it did not, and never the verdict of an earlier text.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typecheckBeside } from '../../compiler/typecheck-beside.ts';
import { loadKata, root } from '../../curriculum/katas.ts';

const check = await loadKata('kata-4');
const solution = readFileSync(check.paths.solution, 'utf8');
const folder = join(root, '.scratch-typecheck-beside', 'kata-4');
mkdirSync(folder, { recursive: true });
const file = join(folder, check.file);
afterAll(() => rmSync(join(root, '.scratch-typecheck-beside'), { recursive: true, force: true }));

const lines = async () => (await typecheckBeside(file).done).problems.map((problem) => problem.at.line);

describe('the typecheck beside a check', () => {
  it("answers a changed file's type error with its line, again unchanged, and none once it is fixed", async () => {
    const broken = `${solution}\nexport const beside: number = '${Date.now()}';\n`;
    writeFileSync(file, broken);
    const line = broken.split('\n').length - 1;
    expect(await lines()).toEqual([line]);
    expect(await lines()).toEqual([line]);
    writeFileSync(file, `${solution}// fixed ${Date.now()}\n`);
    expect(await lines()).toEqual([]);
  });
});
