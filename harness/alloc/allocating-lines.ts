/**
 * Which lines of a function make an object, read from its source. The heap profiler says which
 * function allocated (`profile-sites.ts`) but not which of its lines; this looks only inside that
 * function, and inside the functions it calls that V8 may have compiled into it, for the lines
 * whose code makes an object, and says what each makes.
 */
import { codeOnly } from './code-only.ts';

/** AllocatingLine is one line that makes an object on every pass. */
export interface AllocatingLine {
  /** line is 1-based; text is the line's code as written, trimmed. */
  readonly line: number;
  readonly text: string;
  /** makes says what the line makes: "a Float64Array", "an array", "a closure", "a BigInt". */
  readonly makes: string;
  /** within names the function the line is in, when it is not the one the profiler named. */
  readonly within?: string;
}

/** A kind of expression that makes an object, and what it makes. */
interface Maker {
  readonly pattern: RegExp;
  readonly makes: (match: RegExpExecArray) => string;
}

const makers: readonly Maker[] = [
  { pattern: /\bnew\s+([A-Z][\w$]*)/, makes: (match) => `${/^[AEIOU]/.test(match[1]!) ? 'an' : 'a'} ${match[1]}` },
  { pattern: /\bBigInt\s*\(|\b\d+n\b/, makes: () => 'a BigInt' },
  { pattern: /=>|\bfunction\b/, makes: () => 'a closure' },
  { pattern: /(?:^|[=(,:?]|\breturn)\s*\[|\.\.\./, makes: () => 'an array' },
  { pattern: /(?:^|[=(,:?]|\breturn)\s*\{/, makes: () => 'an object' },
  {
    pattern: /\.(?:map|filter|slice|concat|split|subarray|entries|keys|values)\(|\bArray\.from\(/,
    makes: () => 'an array',
  },
  { pattern: /`/, makes: () => 'a string' },
];

/** keywords look like calls (`if (`) and are not. */
const keywords = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'typeof', 'function', 'super']);

/** bigIntViews names the file's BigInt64Array views: `bits` in `this.bits = memory.bigInt64(1)`. */
function bigIntViews(code: string): Set<string> {
  const names = new Set<string>();
  for (const match of code.matchAll(
    /([A-Za-z_$][\w$]*)\s*[:=][^;\n]*\b(?:BigInt64Array|BigUint64Array|bigInt64|bigUint64)\b/g,
  ))
    names.add(match[1]!);
  return names;
}

/** readsBigInt says whether a line reads a BigInt64Array, by Atomics or by index: each read is a new BigInt. */
function readsBigInt(line: string, views: Set<string>): boolean {
  for (const name of views) {
    const view = `(?:this\\.)?${name.replace(/\$/g, '\\$')}\\b`;
    if (new RegExp(`Atomics\\.\\w+\\(\\s*${view}`).test(line)) return true;
    if (new RegExp(`${view}\\s*\\[[^\\]]*\\](?!\\s*[-+*/|&^]?=[^=])`).test(line)) return true;
  }
  return false;
}

/** bodyOf finds the lines (0-based, inclusive) of the function whose header is on `line` (0-based): from its `{` to the matching `}`. */
function bodyOf(code: string[], line: number): { from: number; to: number } | undefined {
  let depth = 0;
  let opened = false;
  for (let i = line; i < code.length; i++) {
    for (const char of code[i]!) {
      if (char === '{') {
        depth++;
        opened = true;
      } else if (char === '}') depth--;
      if (opened && depth === 0) return { from: line, to: i };
    }
  }
  return undefined;
}

/** definitionOf finds the line (0-based) where the file defines a function or method `name`. */
function definitionOf(code: string[], name: string): number | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const header = new RegExp(
    `^\\s*(?:(?:private|public|protected|static|async|readonly)\\s+)*(?:function\\s+)?${escaped}\\s*(?:=\\s*(?:\\([^)]*\\)|\\w+)\\s*=>|\\()`,
  );
  const found = code.findIndex((text) => header.test(text) && !/^\s*(?:return|if|for|while)\b/.test(text));
  return found === -1 ? undefined : found;
}

/** What a scan says of one line of code (in a function with these parameters): what it makes, or nothing. */
type LineScan = (code: string, parameters: readonly string[]) => string | undefined;

/** parametersOf names the parameters on a function's header line: `delta` in `add(delta: number): void {`. */
function parametersOf(header: string): string[] {
  const list = /\(([^)]*)\)/.exec(header)?.[1] ?? '';
  return list
    .split(',')
    .map((parameter) => /^\s*(?:(?:private|public|protected|readonly)\s+)*([A-Za-z_$][\w$]*)/.exec(parameter)?.[1])
    .filter((parameter): parameter is string => parameter !== undefined);
}

/**
 * scanFunction runs `scan` over the lines of the function whose header is on `line` (0-based), and
 * over the functions it calls, as far as the file defines them: all of them (`callees: 'always'`),
 * or only while nothing was found. A line that throws is left out: it runs once, not on every call.
 */
function scanFunction(source: string, line: number, scan: LineScan, callees: 'always' | 'when-none'): AllocatingLine[] {
  const original = source.split('\n');
  const code = codeOnly(source).split('\n');
  const found: AllocatingLine[] = [];
  const seen = new Set<number>();
  const visit = (start: number, within: string | undefined, depth: number): void => {
    if (seen.has(start) || depth > 4) return;
    seen.add(start);
    const body = bodyOf(code, start);
    if (!body) return;
    const called: string[] = [];
    const parameters = parametersOf(code[body.from]!);
    for (let i = body.from; i <= body.to; i++) {
      // The header's own line holds the parameters, not a closure, even for an arrow function.
      const text = i === body.from ? code[i]!.replace(/^[^{]*\{/, '') : code[i]!;
      if (/\bthrow\b/.test(text)) continue;
      const makes = scan(text, parameters);
      if (makes) found.push({ line: i + 1, text: original[i]!.trim(), makes, ...(within ? { within } : {}) });
      for (const call of text.matchAll(/(?:\bthis\.|(?<![.\w$]))([A-Za-z_$][\w$]*)\s*\(/g))
        if (!keywords.has(call[1]!)) called.push(call[1]!);
    }
    if (callees === 'when-none' && found.length > 0) return;
    for (const callee of called) {
      const at = definitionOf(code, callee);
      if (at !== undefined && (at < body.from || at > body.to)) visit(at, callee, depth + 1);
    }
  };
  visit(line, undefined, 0);
  return found.sort((a, b) => a.line - b.line);
}

/**
 * allocatingLines lists the lines of the function starting on `line` (1-based) that make an
 * object. What the function's own lines make explains what it allocates; the functions it calls
 * are looked into only when it makes nothing itself (V8 compiles small callees into their caller).
 */
export function allocatingLines(source: string, line: number): AllocatingLine[] {
  const views = bigIntViews(codeOnly(source));
  const scan: LineScan = (text) => {
    const maker = makers.map((m) => ({ m, match: m.pattern.exec(text) })).find((x) => x.match);
    return maker ? maker.m.makes(maker.match!) : readsBigInt(text, views) ? 'a BigInt' : undefined;
  };
  return scanFunction(source, line - 1, scan, 'when-none');
}

/** An Atomics call that writes a value, with its arguments. */
const ATOMIC_WRITE = /Atomics\.(?:add|sub|and|or|xor|store|exchange|compareExchange)\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;

/**
 * floatsHandedToAtomics lists the lines of method `name`, and of the functions it calls, that hand
 * Atomics a parameter as it came (not `delta | 0`): where V8 boxes a float it cannot prove is a
 * small integer. The profiler cannot see that box when the method runs alone (its argument then
 * arrives boxed already), so these are suspects, not findings.
 */
export function floatsHandedToAtomics(source: string, name: string): AllocatingLine[] {
  const line = definitionOf(codeOnly(source).split('\n'), name);
  if (line === undefined) return [];
  const scan: LineScan = (text, parameters) => {
    for (const call of text.matchAll(ATOMIC_WRITE)) {
      const values = call[1]!
        .split(',')
        .slice(2)
        .map((value) => value.trim());
      if (values.some((value) => parameters.includes(value))) return 'a boxed float';
    }
    return undefined;
  };
  return scanFunction(source, line, scan, 'always');
}
