/** `npm run hint kata-4`: the next hint for a kata, one more each time: a nudge, the idea, then nearly the answer. */
import { paint } from '../report/paint.ts';
import { parseArgv } from './parse-argv.ts';
import { useColour } from './colour.ts';
import { kataIdOf, root } from '../curriculum/katas.ts';
import { currentKata } from '../workshop/current-kata.ts';
import { nextHint } from '../workshop/hints.ts';

const usage = `Usage: npm run hint [kata] [-- --again]

Shows the next hint for the kata (by default the one you saved last): first a nudge, then the idea,
then something close to the answer.
  --again   show the last hint you saw once more`;

const args = parseArgv(process.argv.slice(2), { boolean: ['again', 'help'] });
// `npm run hint kata-2 --again` gives --again to npm, which passes it on as npm_config_again.
const again = Boolean(args['again']) || process.env['npm_config_again'] === 'true';
useColour();

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : await currentKata(root);
  const kata = kataIdOf(asked);
  if (!kata) {
    console.error(`error: there is no kata "${asked}"\n\n${usage}`);
    return 2;
  }
  const next = nextHint(root, kata, again);
  if (!next) {
    console.log(`${kata} has no hints. Its README is katas/${kata}/README.md.`);
    return 0;
  }
  console.log(`${paint.bold(`${kata} · hint ${next.number} of ${next.of}: ${next.hint.title}`)}\n`);
  console.log(`${next.hint.text}\n`);
  console.log(
    paint.dim(
      next.number < next.of
        ? `Run npm run hint ${kata} again for the next one.`
        : `That was the last hint. The reference solution is solutions/${kata}/, with the changed lines marked // solved:.`,
    ),
  );
  return 0;
}

process.exitCode = await main();
