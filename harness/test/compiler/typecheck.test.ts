/** What typecheck adds to the compiler's reasons: a member that looks misspelt, and Atomics' rule for integer arrays. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typecheck } from '../../compiler/typecheck.ts';

const folder = mkdtempSync(join(tmpdir(), 'counter-katas-typecheck-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const checked = (name: string, source: string) => {
  const file = join(folder, name);
  writeFileSync(file, source);
  return typecheck(file).map((problem) => problem.message);
};
const counter = (members: string) =>
  `interface Counter { add(delta: number): void; value(): number }\nexport class C implements Counter {\n  add(delta: number): void {}\n${members}\n}\n`;

describe('typecheck', () => {
  it('names the member that looks like a missing one misspelt, and no other', () => {
    expect(checked('typo.ts', counter('  valeu(): number { return 0; }'))[0]).toMatch(
      /\n {2}Its valeu\(\) at line 4 looks like value\(\) misspelt\.$/,
    );
    expect(checked('missing.ts', counter('  total(): number { return 0; }'))[0]).not.toMatch(/misspelt/);
  });

  it('says Atomics works on integer arrays only when a float array is given to it, and not for other mismatches', () => {
    const [float] = checked('float.ts', 'const cell = new Float64Array(1);\nAtomics.add(cell, 0, 1);\n');
    expect(float).toMatch(/Atomics works on integer arrays only .* never on a Float64Array\.$/);
    const [wrong] = checked('argument.ts', "const cell = new Int32Array(1);\nAtomics.add(cell, 0, '1');\n");
    expect(wrong).toBeDefined();
    expect(wrong).not.toMatch(/integer arrays only/);
  });

  it('checks again, in the same process, a file whose own import changed, and a file put back as it was', () => {
    writeFileSync(join(folder, 'helper.ts'), 'export function twice(x: number): number {\n  return 2 * x;\n}\n');
    const user = "import { twice } from './helper.ts';\nexport const four = twice('2');\n";
    expect(checked('user.ts', user)).toHaveLength(1);
    // Only the import changed: the program kept from the last typecheck must not answer for it.
    writeFileSync(join(folder, 'helper.ts'), 'export function twice(x: string): string {\n  return x + x;\n}\n');
    expect(checked('user.ts', user)).toEqual([]);
    writeFileSync(join(folder, 'helper.ts'), 'export function twice(x: number): number {\n  return 2 * x;\n}\n');
    expect(checked('user.ts', user)[0]).toMatch(
      /Argument of type 'string' is not assignable to parameter of type 'number'/,
    );
  });
});
