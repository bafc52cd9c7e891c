import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../scheduler/protocol.ts';

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
 * typecheck compiles one kata file (and what it imports) with the project's strict settings and
 * returns its type errors. tsx strips types without checking them, so without this a kata that
 * passes `"1"` to `add(delta: number)` would run, and fail in a confusing way.
 */
export function typecheck(file: string): TypeProblem[] {
  // require, not import: importing this 9 MB CommonJS file as ESM scans it for exports, three times slower.
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const program = ts.createProgram([file, nodeForKatas], {
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
  });
  return ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
    if (!diagnostic.file || diagnostic.start === undefined) return [];
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return [{ at: { file: diagnostic.file.fileName, line: line + 1, column: character + 1 }, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') }];
  });
}
