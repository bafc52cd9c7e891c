/**
 * cliReport is what `npm run check <kata> -- --impl <file> --seed <n>` writes to a pipe, made in
 * this process: the same check and the same formatter as harness/cli/check.ts, without starting a
 * process per report. The CLI chooses, for a stdout that is no terminal, no colour (`useColour`)
 * and no width (`width()`: 80 columns); so do these calls, by passing neither. golden.test.ts
 * holds one report against the CLI itself, so that this copy of its choices cannot drift.
 */
import { relative, resolve } from 'node:path';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { runSystematic } from '../../engine/exhaustive.ts';
import { renderText } from '../../report/text.ts';
import { renderSystematic } from '../../report/exhaustive-text.ts';
import type { GoldenCase } from './cases.ts';

export async function cliReport(golden: GoldenCase, seed: number): Promise<string> {
  // The CLI runs from the repository's top folder (npm run), and prints paths relative to it.
  if (resolve(process.cwd()) !== resolve(root))
    throw new Error(`run the golden test from ${root}, not ${process.cwd()}`);
  const check = await loadKata(golden.kata);
  const implementation = resolve(golden.impl);
  const command = `npm run check ${golden.kata} -- --impl ${relative(process.cwd(), implementation)}`;
  if (golden.exhaustive) {
    const outcome = await runSystematic(check, { implementation, outcomes: true });
    return `${renderSystematic(check, implementation, outcome, { command })}\n`;
  }
  const result = await examine(check, { implementation, typecheck: true, seed });
  // console.log's newline ends what the CLI prints.
  return `${renderText(check, result, { command })}\n`;
}
