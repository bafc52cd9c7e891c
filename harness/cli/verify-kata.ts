/**
 * `npm run verify-kata -- kata-4` (every kata with no name): checks that a kata is sound, for its
 * author. Prints a table of what it expected and got, and exits 1 on any miss.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { paint } from '../report/paint.ts';
import { parseArgv } from './parse-argv.ts';
import { useColour } from './colour.ts';
import { UsageError, wholeNumber } from './usage.ts';
import { kataIdOf, kataIds, loadKata, root } from '../curriculum/katas.ts';
import { leftToFill } from '../authoring/left-to-fill.ts';
import { columnsFor, summary, tableHeader, tableRow } from '../authoring/verification-table.ts';
import { type Row, seedsFor, verificationSteps } from '../authoring/verification.ts';

const usage = `Usage: npm run verify-kata [-- <kata>...] [--seeds N]

Checks that a kata is sound (every kata, with no name): its README, hints, stub and solution are
there and it is in checks/manifest.ts; the stub fails; the solution passes, and systematic search
on it is complete; every mutant is flagged by the detector it names, by the random check on each
seed and by systematic search; every correct variant passes. Exits 1 on any miss.
  --seeds N   random checks per file, on seeds 42, 20151110, 2015, ... (default 3)`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help'], string: ['seeds'] });
useColour();

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  let seeds: number[];
  try {
    seeds = seedsFor(args['seeds'] === undefined ? 3 : wholeNumber('seeds', args['seeds'], 1, 50));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${usage}`);
    return 2;
  }
  const asked = args._.map(String);
  const ids = asked.length === 0 ? kataIds() : asked.map((name) => kataIdOf(name) ?? name);
  const unknown = ids.filter((id) => !kataIds().includes(id) && !existsSync(join(root, 'checks', id)));
  if (unknown.length > 0) {
    console.error(`error: there is no kata ${unknown.map((id) => `"${id}"`).join(', ')}\n\n${usage}`);
    return 2;
  }
  const columns = columnsFor(ids);
  const rows: Row[] = [];
  const print = (row: Row) => {
    rows.push(row);
    const line = tableRow(columns, row);
    console.log(row.ok ? line : paint.red(line));
  };
  console.log(paint.bold(tableHeader(columns)));
  for (const id of ids) {
    const listed = kataIds().includes(id);
    print({
      kata: id,
      item: 'curriculum',
      expected: 'in checks/manifest.ts',
      got: listed ? 'listed' : 'not listed',
      ok: listed,
    });
    if (!listed) continue;
    let kata: Awaited<ReturnType<typeof loadKata>>;
    try {
      kata = await loadKata(id);
    } catch (error) {
      const got = error instanceof Error ? error.message : String(error);
      print({ kata: id, item: 'definition', expected: `checks/${id}/definition.ts`, got, ok: false });
      continue;
    }
    for (const step of await verificationSteps(kata, seeds)) {
      try {
        for (const row of await step.run()) print(row);
      } catch (error) {
        const got = `threw: ${error instanceof Error ? error.message : String(error)}`;
        print({ kata: id, item: step.item, expected: 'runs', got, ok: false });
      }
    }
    const left = leftToFill(kata);
    if (left.length > 0) {
      console.log(paint.yellow(`\n${id}: left to fill in (lines marked TODO(author)):`));
      const width = Math.max(...left.map((placeholder) => placeholder.at.length));
      for (const placeholder of left) console.log(`  ${placeholder.at.padEnd(width)}  ${placeholder.text}`);
      console.log('');
    }
  }
  const verdict = summary(rows);
  console.log(rows.every((row) => row.ok) ? paint.green(verdict) : paint.red(verdict));
  return rows.every((row) => row.ok) ? 0 : 1;
}

process.exitCode = await main();
