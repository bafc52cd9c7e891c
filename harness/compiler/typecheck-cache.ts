/**
 * A typecheck's verdict, kept for the files it read: a kata checked again unchanged (a second
 * `npm run check`, a grade of the same file) is not compiled again, and the compiler is not even
 * loaded (loading it and parsing the standard library's declarations is most of a cold check's
 * CPU, about 500 ms). A verdict holds while every file the program read outside the compiler's own
 * library (the kata, what it imports, the declarations of the Node it may use) has the same
 * content, and so do the compiler's version and this folder's sources (the options, the wording).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../../node_modules/.cache/counter-katas/typechecks/', import.meta.url));
const compilerSources = fileURLToPath(new URL('./', import.meta.url));

interface Kept<Problem> {
  readonly key: string;
  readonly inputs: readonly string[];
  readonly problems: readonly Problem[];
}

/** The typecheck itself: its problems, and every file it read outside the compiler's own library. */
export interface Checked<Problem> {
  readonly problems: Problem[];
  readonly inputs: readonly string[];
}

let salt: string | undefined;

/** saltOf is what every verdict depends on besides its inputs: the compiler's version, and how this harness asks it and words what it says. */
function saltOf(): string {
  if (salt === undefined) {
    const hash = createHash('sha256');
    const require = createRequire(import.meta.url);
    hash.update(readFileSync(require.resolve('typescript/package.json')));
    for (const name of readdirSync(compilerSources).sort())
      if (name.endsWith('.ts')) hash.update(name).update(readFileSync(join(compilerSources, name)));
    salt = hash.digest('hex');
  }
  return salt;
}

function keyOf(inputs: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(saltOf());
  try {
    for (const input of inputs) hash.update(`${input}\n`).update(readFileSync(input));
  } catch {
    return undefined; // an input is gone: check again
  }
  return hash.digest('hex');
}

function recordOf(file: string): string {
  return join(folder, `${createHash('sha256').update(file).digest('hex').slice(0, 24)}.json`);
}

/** keptTypecheck returns the kept verdict on `file` when it still holds, or runs `check` and keeps its verdict. */
export function keptTypecheck<Problem>(file: string, check: (file: string) => Checked<Problem>): Problem[] {
  const record = recordOf(file);
  try {
    const kept = JSON.parse(readFileSync(record, 'utf8')) as Kept<Problem>;
    if (kept.inputs[0] === file && keyOf(kept.inputs) === kept.key) return [...kept.problems];
  } catch {
    // none kept yet, or unreadable: check
  }
  const { problems, inputs } = check(file);
  const ordered = [file, ...inputs.filter((input) => input !== file).sort()];
  const key = keyOf(ordered);
  if (key === undefined) return problems;
  try {
    mkdirSync(dirname(record), { recursive: true });
    const partial = `${record}.${process.pid}`;
    writeFileSync(partial, JSON.stringify({ key, inputs: ordered, problems } satisfies Kept<Problem>));
    renameSync(partial, record);
  } catch {
    // a read-only install (a grading sandbox): every check compiles
  }
  return problems;
}
