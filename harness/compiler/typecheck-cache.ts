/**
 * A typecheck's verdict, kept for the files it read: a kata checked again unchanged (a second
 * `npm run check`, a grade of the same file) is not compiled again, and the compiler is not even
 * loaded (loading it and parsing the standard library's declarations is most of a cold check's
 * CPU, about 500 ms). A verdict holds while every file the program read outside the compiler's own
 * library (the kata, what it imports, the declarations of the Node it may use) has the same
 * content, and so do its settings: the compiler's version, this folder's sources (the options, the
 * wording) and the checkout's tsconfigs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../../node_modules/.cache/counter-katas/typechecks/', import.meta.url));
const compilerSources = fileURLToPath(new URL('./', import.meta.url));
const checkout = fileURLToPath(new URL('../../', import.meta.url));

interface Kept<Problem> {
  readonly key: string;
  readonly inputs: readonly string[];
  readonly problems: readonly Problem[];
}

/** The typecheck itself: its problems, and every file it read outside the compiler's own library, with the text it read. */
export interface Checked<Problem> {
  readonly problems: Problem[];
  readonly inputs: readonly { readonly file: string; readonly text: string }[];
}

/**
 * typecheckSettings are the files every verdict depends on besides its inputs: the compiler's
 * version, how this harness asks it and words what it says, and the tsconfigs. The typecheck takes
 * its options from typecheck.ts, not from a tsconfig, but an instructor who edits one expects the
 * next check to see it. Read on every lookup (a few small files), so that a long watch sees an edit too.
 */
export function typecheckSettings(): string[] {
  const require = createRequire(import.meta.url);
  return [
    require.resolve('typescript/package.json'),
    ...readdirSync(compilerSources)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => join(compilerSources, name)),
    join(checkout, 'tsconfig.json'),
    join(checkout, 'katas', 'tsconfig.json'),
  ];
}

/** settingsKey hashes the settings' content: read before a typecheck, so that one edited while it runs is not taken as seen. */
function settingsKey(settings: readonly string[]): string | undefined {
  const hash = createHash('sha256');
  try {
    for (const setting of settings) hash.update(`${setting}\n`).update(readFileSync(setting));
  } catch {
    return undefined; // a setting is gone: check, and keep nothing
  }
  return hash.digest('hex');
}

/** keyOf hashes the settings' key with each input and its content: undefined when an input cannot be read. */
function keyOf(
  settings: string,
  inputs: readonly string[],
  content: (input: string) => string | Buffer,
): string | undefined {
  const hash = createHash('sha256').update(settings);
  try {
    for (const input of inputs) hash.update(`${input}\n`).update(content(input));
  } catch {
    return undefined; // an input is gone: check again
  }
  return hash.digest('hex');
}

function recordOf(file: string): string {
  return join(folder, `${createHash('sha256').update(file).digest('hex').slice(0, 24)}.json`);
}

/** keptVerdict returns the kept verdict on `file` when it still holds, without loading the compiler; undefined when it must be checked. */
export function keptVerdict<Problem>(file: string, settings = typecheckSettings()): Problem[] | undefined {
  const key = settingsKey(settings);
  return key === undefined ? undefined : verdictKept(file, key);
}

function verdictKept<Problem>(file: string, settings: string): Problem[] | undefined {
  try {
    const kept = JSON.parse(readFileSync(recordOf(file), 'utf8')) as Kept<Problem>;
    if (kept.inputs[0] === file && keyOf(settings, kept.inputs, (input) => readFileSync(input)) === kept.key)
      return [...kept.problems];
  } catch {
    // none kept yet, or unreadable: check
  }
  return undefined;
}

/**
 * keptTypecheck returns the kept verdict on `file` when it still holds, or runs `check` and keeps its
 * verdict, under the texts the compiler read: a file saved again while it ran is not taken as checked.
 */
export function keptTypecheck<Problem>(
  file: string,
  check: (file: string) => Checked<Problem>,
  settings = typecheckSettings(),
): Problem[] {
  const settingsHash = settingsKey(settings);
  const kept = settingsHash === undefined ? undefined : verdictKept<Problem>(file, settingsHash);
  if (kept) return kept;
  const { problems, inputs } = check(file);
  if (settingsHash === undefined) return problems;
  const texts = new Map(inputs.map((input) => [input.file, input.text]));
  const ordered = [file, ...[...texts.keys()].filter((input) => input !== file).sort()];
  const key = keyOf(settingsHash, ordered, (input) => {
    const text = texts.get(input);
    if (text === undefined) throw new Error(`${input} was not read`);
    return text;
  });
  if (key === undefined) return problems;
  const record = recordOf(file);
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
