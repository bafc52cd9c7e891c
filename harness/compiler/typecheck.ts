import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../scheduler/protocol.ts';
import { misspeltMember } from './misspelt-member.ts';
import { loadTypeScript } from './typescript.ts';
import { type Checked, keptTypecheck } from './typecheck-cache.ts';

/**
 * The parts of the standard library a kata may use. Parsing all of ES2023's declarations takes
 * about 400 ms; these take about 80.
 */
const libs = [
  'lib.es5.d.ts',
  'lib.es2015.core.d.ts',
  'lib.es2015.collection.d.ts',
  'lib.es2015.iterable.d.ts',
  'lib.es2015.symbol.d.ts',
  'lib.es2015.symbol.wellknown.d.ts',
  'lib.es2016.array.include.d.ts',
  'lib.es2017.sharedmemory.d.ts',
  'lib.es2017.typedarrays.d.ts',
  'lib.es2020.bigint.d.ts',
  'lib.es2020.sharedmemory.d.ts',
];

/** nodeForKatas declares the Node APIs a kata may import, such as `threadId` for a striped counter. */
const nodeForKatas = fileURLToPath(new URL('./node-for-katas.d.ts', import.meta.url));

/** TypeError in a kata: where, and what the compiler said. */
export interface TypeProblem {
  readonly at: SourceLocation;
  readonly message: string;
}

/**
 * libraryFiles keeps the parsed declarations of the standard library and of node_modules: they do
 * not change, and parsing them is most of a typecheck, so a second check in one process (npm run
 * watch) parses only the kata's own files.
 */
const libraryFiles = new Map<string, import('typescript').SourceFile>();

/** ownFiles keeps every other file parsed, with its text: one whose text is unchanged is not parsed again. */
const ownFiles = new Map<string, import('typescript').SourceFile>();

/**
 * lastBuilds keeps each root file's last program as a builder: the next typecheck of that file reuses
 * its unchanged files and their diagnostics (the kata API's modules), and checks only what changed
 * and what imports it, as `tsc --watch` does.
 */
const lastBuilds = new Map<string, import('typescript').SemanticDiagnosticsBuilderProgram>();

let versions = 0;

/**
 * typecheck compiles one kata file (and what it imports) with the project's strict settings and
 * returns its type errors. tsx strips types without checking them, so without this a kata that
 * passes `"1"` to `add(delta: number)` would run, and fail in a confusing way. A file checked before
 * and unchanged since, with all it imports, is not compiled again (typecheck-cache.ts).
 */
export function typecheck(file: string): TypeProblem[] {
  return keptTypecheck(file, compile);
}

function compile(file: string): Checked<TypeProblem> {
  const { ts, save } = loadTypeScript();
  const options: import('typescript').CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    lib: libs,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, fresh) => {
    const kept = libraryFiles.get(name);
    if (kept) return kept;
    const library = name.includes('/node_modules/') || name === nodeForKatas;
    const text = library ? undefined : ts.sys.readFile(name);
    const own = ownFiles.get(name);
    if (own && text !== undefined && own.text === text) return own;
    const parsed = read(name, version, onError, fresh);
    if (!parsed) return parsed;
    // The builder tells files apart by version: a new parse is a new version.
    Object.assign(parsed, { version: String(++versions) });
    (library ? libraryFiles : ownFiles).set(name, parsed);
    return parsed;
  };
  const builder = ts.createSemanticDiagnosticsBuilderProgram([file, nodeForKatas], options, host, lastBuilds.get(file));
  lastBuilds.set(file, builder);
  const program = builder.getProgram();
  // The builder answers every question getPreEmitDiagnostics asks, from its cache where nothing changed.
  const diagnostics = ts.getPreEmitDiagnostics(builder as unknown as import('typescript').Program);
  save();
  // What the verdict depends on: every file read but the compiler's own library (its version is kept).
  const library = dirname(ts.getDefaultLibFilePath(options));
  const inputs = program
    .getSourceFiles()
    .filter((source) => dirname(source.fileName) !== library)
    .map((source) => ({ file: source.fileName, text: source.text }));
  const problems = diagnostics.flatMap((diagnostic) => {
    if (!diagnostic.file || diagnostic.start === undefined) return [];
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    return [
      {
        at: { file: diagnostic.file.fileName, line: line + 1, column: character + 1 },
        message: withMisspelling(explain(diagnostic.code, message), misspeltMember(ts, diagnostic.file, message)),
      },
    ];
  });
  return { problems, inputs };
}

/**
 * NODE_NAMES are TypeScript's "Cannot find name 'process'. Do you need to install type definitions
 * for node?" (2580, 2591, 2592): its advice would send an attendee to npm, but katas have no Node
 * on purpose.
 */
const NODE_NAMES = new Set([2580, 2591, 2592]);

/**
 * NOT_INTEGER_ARRAY finds an Atomics call given a float (or clamped) array, whose every overload
 * wants an integer one: the compiler lists each overload's reasons, never that rule.
 */
const NOT_INTEGER_ARRAY =
  /Argument of type '(Float64Array|Float32Array|Float16Array|Uint8ClampedArray)\b[^']*' is not assignable to parameter of type '[^']*\b(Int32Array|BigInt64Array)\b/;

function explain(code: number, message: string): string {
  const notInteger = NOT_INTEGER_ARRAY.exec(message);
  if (notInteger)
    return `${message}\n  Atomics works on integer arrays only (Int32Array and its kin, or BigInt64Array), never on a ${notInteger[1]}.`;
  if (!NODE_NAMES.has(code)) return message;
  const name = /'([^']+)'/.exec(message)?.[1] ?? 'that';
  return `Cannot find name '${name}': katas cannot use Node's ${name}. A kata uses its SharedMemory, Atomics, and what harness/kata.ts and harness/sync/ export.`;
}

/** withMisspelling adds, under the compiler's reasons, the member that looks like the missing one misspelt. */
function withMisspelling(message: string, misspelt: string | undefined): string {
  return misspelt ? `${message}\n  ${misspelt}` : message;
}
