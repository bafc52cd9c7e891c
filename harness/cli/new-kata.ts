/**
 * `npm run new-kata -- queue`: writes a new kata from the template, a small counter that passes as
 * written, adds it to checks/manifest.ts, and says what to edit and how to verify it.
 */
import { parseArgv } from './parse-argv.ts';
import { useColour } from './colour.ts';
import { kataIds, root } from '../curriculum/katas.ts';
import { ScaffoldError, scaffoldKata } from '../authoring/scaffold.ts';

const usage = `Usage: npm run new-kata -- <name> [--title "..."] [--file counter.ts] [--after <kata>]

Writes a new kata from the template (its README, stub, hints, check definition with the object's
spec, solution, a mutant and a correct variant) and adds it to checks/manifest.ts. It never
overwrites a kata that exists.
  --title   what the kata is called in progress and reports (default: its name)
  --file    the file attendees edit in katas/<name>/ (default: counter.ts)
  --after   the kata it comes after in the curriculum (default: last)`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help'], string: ['title', 'file', 'after'] });
useColour();

function main(): number {
  const id = args._[0] !== undefined ? String(args._[0]) : undefined;
  if (args['help'] || !id) {
    console.log(usage);
    return args['help'] ? 0 : 2;
  }
  const after = args['after'] === undefined ? undefined : String(args['after']);
  if (after !== undefined && !kataIds().includes(after)) {
    console.error(`error: there is no kata "${after}" to put ${id} after\n\n${usage}`);
    return 2;
  }
  let written: ReturnType<typeof scaffoldKata>;
  try {
    written = scaffoldKata(root, {
      id,
      title: args['title'] === undefined ? id : String(args['title']),
      file: args['file'] === undefined ? 'counter.ts' : String(args['file']),
      ...(after ? { after } : {}),
    });
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  }
  console.log(`Wrote the kata ${id}: a small counter that passes as written, for you to change.\n`);
  const width = Math.max(...written.map((file) => file.path.length));
  for (const file of written) console.log(`  ${file.path.padEnd(width)}  ${file.role}`);
  console.log(`
Next:
  1. Edit the files: each line marked TODO(author) is yours to write; verify-kata lists those left.
  2. npm run verify-kata -- ${id}
     the stub fails, the solution passes, each mutant is flagged by the detector it names
  3. npm run check ${id} -- --solutions
     the report an attendee sees, on your solution`);
  return 0;
}

process.exitCode = main();
