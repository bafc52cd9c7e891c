/** `npm run hint kata-4`: the next hint for a kata, one more each time: a nudge, the idea, then nearly the answer. */
import { chalk, parseArgv } from 'zx';
import { useColour } from './colour.ts';
import { resolveKata, root } from '../check/katas.ts';
import { nextHint } from '../workshop/hints.ts';

const usage = `Usage: npm run hint <kata> [-- --again]

Shows the next hint for the kata: first a nudge, then the idea, then something close to the answer.
  --again   show the last hint you saw once more`;

const args = parseArgv(process.argv.slice(2), { boolean: ['again', 'help'] });
useColour();

function main(): number {
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  if (args['help'] || !asked) {
    console.log(usage);
    return args['help'] ? 0 : 2;
  }
  const kata = resolveKata(asked);
  if (!kata) {
    console.error(`error: there is no kata "${asked}"\n\n${usage}`);
    return 2;
  }
  const next = nextHint(root, kata, Boolean(args['again']));
  if (!next) {
    console.log(`${kata} has no hints. Its README is katas/${kata}/README.md.`);
    return 0;
  }
  console.log(chalk.bold(`${kata} · hint ${next.number} of ${next.of}: ${next.hint.title}`), '\n');
  console.log(next.hint.text, '\n');
  console.log(
    chalk.dim(
      next.number < next.of
        ? `Run npm run hint ${kata} again for the next one.`
        : `That was the last hint. The reference solution is solutions/${kata}/, with the changed lines marked // solved:.`,
    ),
  );
  return 0;
}

process.exitCode = main();
