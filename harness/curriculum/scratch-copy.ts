/**
 * Checking a file that lives outside this checkout. Node and tsx take a `.ts` file with no
 * `package.json` of this project above it for CommonJS, and fail to load it ("Cannot require() ES
 * Module … in a cycle"); nor could it import `fast-check` or the kata API from there. So such a
 * file is checked as a copy in `.objects/` beside `katas/`, in a folder of that check's own that
 * the check removes when it is done, with its imports of this harness (whatever path reached
 * `harness/` from where it was) pointed at this checkout. Line numbers are kept: only a specifier
 * changes, inside its line. A report names the copy's path, and `renamePaths` gives it back the
 * user's.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/** SCRATCH is the folder, inside the checkout, that holds the copies. */
export const SCRATCH = '.objects';

/** Placed is a file as the check loads it: where it is (the copy, or the file itself) and where the user keeps it. */
export interface Placed {
  readonly loaded: string;
  readonly own: string;
}

/** inCheckout says whether `file` (absolute) is inside the checkout at `root`. */
export function inCheckout(file: string, root: string): boolean {
  const path = relative(root, file);
  return !path.startsWith('..') && !path.startsWith(sep) && path !== '';
}

/**
 * placeFile returns `file` itself when it is inside the checkout, else a copy of it in `folder`
 * (a folder of its own under `.objects/`, made by `scratchFolder`; the caller removes it).
 */
export function placeFile(file: string, root: string, folder: string): Placed {
  if (inCheckout(file, root)) return { loaded: file, own: file };
  mkdirSync(folder, { recursive: true });
  const loaded = join(folder, basename(file));
  writeFileSync(loaded, pointedAtHarness(readFileSync(file, 'utf8'), folder, root));
  return { loaded, own: file };
}

/**
 * scratchFolder names a fresh folder under `.objects/` for one check's copies, so that checks at
 * once never share one. It is made only when a file is copied into it.
 */
export function scratchFolder(root: string): string {
  return join(root, SCRATCH, `check-${process.pid}-${randomUUID().slice(0, 8)}`);
}

/** A string literal in an import or export that names a file under some `harness/` folder. */
const harnessSpecifier = /(\b(?:from|import)\s*\(?\s*)(['"])(?:[^'"\n]*\/)?harness\/([^'"\n]+)\2/g;

/** pointedAtHarness rewrites each import of `…/harness/<path>` to this checkout's `harness/<path>`, as seen from `folder`. */
export function pointedAtHarness(source: string, folder: string, root: string): string {
  return source.replace(harnessSpecifier, (_match, lead: string, quote: string, path: string) => {
    const target = relative(folder, join(root, 'harness', path))
      .split(sep)
      .join('/');
    return `${lead}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
  });
}

/**
 * renamePaths copies a value (a report: plain objects and arrays) with every string in it that
 * names the copy naming the user's file instead. Other objects (a spec, its arbitraries) are kept
 * as they are, never copied.
 */
export function renamePaths<T>(value: T, placed: readonly Placed[]): T {
  const moved = placed.filter((file) => file.loaded !== file.own);
  if (moved.length === 0) return value;
  const rename = (text: string) => moved.reduce((out, file) => out.split(file.loaded).join(file.own), text);
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return rename(item);
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype) return item;
    return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, key === 'spec' ? inner : walk(inner)]));
  };
  return walk(value) as T;
}
