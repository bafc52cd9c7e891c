/**
 * scaffoldKata writes a new kata from the template (kata-template.ts) and adds it to the curriculum,
 * `checks/manifest.ts`: last, or after the kata it is told. It never overwrites: a kata whose id is
 * taken, in the manifest or by a folder, is refused before anything is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { correct, definition, hints, type KataNames, mutant, readme, solution, stub } from './kata-template.ts';

/** ScaffoldError is a kata that cannot be scaffolded, and why, in the author's words. */
export class ScaffoldError extends Error {}

/** ScaffoldRequest is the new kata's names, and the kata it comes after (last, when unset). */
export interface ScaffoldRequest extends KataNames {
  readonly after?: string;
}

/** ScaffoldedFile is one file written: where, relative to the checkout, and what it is for. */
export interface ScaffoldedFile {
  readonly path: string;
  readonly role: string;
}

/** scaffoldKata writes the kata's files under `root` and lists them, the manifest last. */
export function scaffoldKata(root: string, request: ScaffoldRequest): ScaffoldedFile[] {
  const { id, file } = request;
  if (!/^[a-z][a-z0-9-]*$/.test(id))
    throw new ScaffoldError(
      `a kata's name is lower-case letters, digits and dashes, starting with a letter: not "${id}"`,
    );
  if (!/^[a-z][a-z0-9-]*\.ts$/.test(file))
    throw new ScaffoldError(`the attendee's file is a .ts file name such as counter.ts: not "${file}"`);
  const manifestFile = join(root, 'checks', 'manifest.ts');
  const manifest = withEntry(readFileSync(manifestFile, 'utf8'), request);
  const files: [string, string, string][] = [
    [`katas/${id}/README.md`, readme(request), "what attendees read: what to do, the talk's part"],
    [`katas/${id}/${file}`, stub(request), "the attendee's file, with its // TODO: lines"],
    [`checks/${id}/stub.ts`, stub(request), 'the shipped stub, which npm run reset puts back'],
    [`checks/${id}/definition.ts`, definition(request), "the check: threads, and the object's spec"],
    [`checks/${id}/hints.md`, hints(), 'three hints: a nudge, the idea, nearly there'],
    [`checks/${id}/mutants/load-then-store.ts`, mutant(), 'a wrong answer, naming its detector'],
    [`checks/${id}/correct/compare-exchange-loop.ts`, correct(), 'another right answer'],
    [`solutions/${id}/${file}`, solution(request), 'the reference solution'],
  ];
  const taken = [`katas/${id}`, `checks/${id}`, `solutions/${id}`].filter((folder) => existsSync(join(root, folder)));
  if (taken.length > 0) throw new ScaffoldError(`${taken.join(', ')} already exists: nothing was written`);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  writeFileSync(manifestFile, manifest);
  const place = request.after ? `after ${request.after}` : 'last';
  return [
    ...files.map(([path, , role]) => ({ path, role })),
    { path: 'checks/manifest.ts', role: `${id} added to the curriculum, ${place}` },
  ];
}

/**
 * withEntry is the manifest's text with one more entry: on the line after `after`'s, or before the
 * list's closing `];`. The manifest is TypeScript an author edits by hand, so its text is edited, not
 * regenerated: its comments and order stay as they were.
 */
export function withEntry(manifest: string, request: ScaffoldRequest): string {
  const lines = manifest.split('\n');
  const idOf = (line: string) => /\bid:\s*'([^']+)'/.exec(line)?.[1];
  if (lines.some((line) => idOf(line) === request.id))
    throw new ScaffoldError(`${request.id} is already in checks/manifest.ts: nothing was written`);
  const title = request.title.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const entry = `  { id: '${request.id}', title: '${title}', file: '${request.file}' },`;
  let at: number;
  if (request.after) {
    at = lines.findIndex((line) => idOf(line) === request.after) + 1;
    if (at === 0) throw new ScaffoldError(`there is no kata ${request.after} in checks/manifest.ts to put it after`);
  } else {
    at = lines.findLastIndex((line) => line.trim() === '];');
    if (at < 0) throw new ScaffoldError("checks/manifest.ts has no closing '];' to add the kata before");
  }
  return [...lines.slice(0, at), entry, ...lines.slice(at)].join('\n');
}
