/**
 * misspeltMember finds, for "Property 'value' is missing in type 'MutexCounter'", the member of
 * that class whose name is one or two letters from the missing one (`valeu`): the compiler says
 * what is missing, never that it is there under another spelling.
 */
import type { SourceFile } from 'typescript';
import type { loadTypeScript } from './typescript.ts';

const MISSING = /Property '(\w+)' is missing in type '(\w+)'/;

/** misspeltMember says which member of the class looks like the missing one misspelt, or undefined. */
export function misspeltMember(
  ts: ReturnType<typeof loadTypeScript>['ts'],
  file: SourceFile,
  message: string,
): string | undefined {
  const match = MISSING.exec(message);
  if (!match) return undefined;
  const [, missing, className] = match as unknown as [string, string, string];
  let found: string | undefined;
  const visit = (node: import('typescript').Node): void => {
    if (found) return;
    if (ts.isClassLike(node) && node.name?.text === className) {
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
        if (!name || name === missing || distance(name, missing) > 2) continue;
        const { line } = file.getLineAndCharacterOfPosition(member.name!.getStart(file));
        const call = ts.isMethodDeclaration(member) ? '()' : '';
        found = `Its ${name}${call} at line ${line + 1} looks like ${missing}${call} misspelt.`;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** distance is the Levenshtein distance between two short names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}
