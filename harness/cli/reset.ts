/**
 * `npm run reset kata-3`: puts the shipped stub of a kata back. It copies your file to .backups/
 * first and says where; it asks before it touches anything, unless you add --yes.
 */
import { relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { paint } from '../report/paint.ts';
import { parseArgv } from './parse-argv.ts';
import { useColour } from './colour.ts';
import { loadKata, kataIdOf, root } from '../curriculum/katas.ts';
import { ResetError, resetKata } from '../workshop/stubs.ts';

const usage = `Usage: npm run reset <kata> [-- --yes]

Puts the kata's file back as it was shipped. Your file is copied to .backups/ first.
  --yes   do not ask`;

const args = parseArgv(process.argv.slice(2), { boolean: ['yes', 'help'] });
// `npm run reset kata-2 --yes` gives --yes to npm, not to this script; npm passes it on as npm_config_yes.
const yes = Boolean(args['yes']) || process.env['npm_config_yes'] === 'true';
useColour();

async function main(): Promise<number> {
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  if (args['help'] || !asked) {
    console.log(usage);
    return asked || args['help'] ? 0 : 2;
  }
  const kata = kataIdOf(asked);
  if (!kata) {
    console.error(`error: there is no kata "${asked}"\n\n${usage}`);
    return 2;
  }
  const check = await loadKata(kata);
  const file = relative(process.cwd(), check.paths.kata);
  if (!yes) {
    if (!process.stdin.isTTY) {
      console.error(
        `error: reset asks before it replaces ${file}, and there is no terminal to ask in. Run: npm run reset ${kata} -- --yes`,
      );
      return 2;
    }
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question(
      `Replace ${file} with the shipped stub? Your file is copied to .backups/ first. [y/N] `,
    );
    prompt.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      console.log('Nothing changed.');
      return 0;
    }
  }
  let outcome: ReturnType<typeof resetKata>;
  try {
    outcome = resetKata({ root, kata, file: check.file });
  } catch (error) {
    // A file or folder that cannot be written (permissions, a full disk).
    const cause = (error instanceof ResetError ? error.cause : error) as NodeJS.ErrnoException;
    const why = cause.code
      ? `${cause.code}: ${relative(process.cwd(), cause.path ?? file)}`
      : String(cause.message ?? cause);
    const kept =
      error instanceof ResetError && error.backup
        ? ` Your version is safe in ${error.backup}.`
        : ` ${file} was not changed.`;
    console.error(`${paint.red('error:')} could not reset ${file} (${why}).${kept}`);
    return 1;
  }
  if (!outcome.changed) console.log(`${file} already is the shipped stub: nothing to reset.`);
  else if (outcome.backup)
    console.log(`${paint.green('✓')} ${file} is the shipped stub again. Your version is in ${outcome.backup}`);
  else console.log(`${paint.green('✓')} ${file} was missing; the shipped stub is back.`);
  return 0;
}

process.exitCode = await main();
