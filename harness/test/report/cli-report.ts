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
import type { Report } from '../../engine/results.ts';
import type { GoldenCase } from './cases.ts';

export async function cliReport(golden: GoldenCase, seed: number): Promise<string> {
  if (golden.exhaustive) {
    const { check, implementation, command } = await cliArguments(golden);
    const outcome = await runSystematic(check, { implementation, outcomes: true });
    return `${renderSystematic(check, implementation, outcome, { command })}\n`;
  }
  return (await cliCheck(golden, seed)).text;
}

/** CliCheck is one seeded check: the report the engine returned, and its text as the CLI prints it. */
export interface CliCheck {
  readonly result: Report;
  readonly text: string;
}

/**
 * cliCheck is cliReport's seeded check, with the Report beside its text, for tests that read both.
 * `typecheck: false` leaves out the compiler, which takes seconds, for a file that `npm run
 * typecheck` already compiles: its report is the same.
 */
export async function cliCheck(golden: GoldenCase, seed: number, { typecheck = true } = {}): Promise<CliCheck> {
  const { check, implementation, command } = await cliArguments(golden);
  const result = await examine(check, { implementation, typecheck, seed });
  // console.log's newline ends what the CLI prints.
  return { result, text: `${renderText(check, result, { command })}\n` };
}

/** cliArguments is what the CLI makes of `<kata> --impl <file>`: the kata, the file's path, the command to replay it. */
async function cliArguments(golden: GoldenCase) {
  // The CLI runs from the repository's top folder (npm run), and prints paths relative to it.
  if (resolve(process.cwd()) !== resolve(root))
    throw new Error(`run the golden test from ${root}, not ${process.cwd()}`);
  const check = await loadKata(golden.kata);
  const implementation = resolve(golden.impl);
  const command = `npm run check ${golden.kata} -- --impl ${relative(process.cwd(), implementation)}`;
  return { check, implementation, command };
}
