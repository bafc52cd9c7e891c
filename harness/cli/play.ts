/**
 * `npm run play kata-1`: be the scheduler. Starts the play server on 127.0.0.1 and opens its page
 * (or prints its URL with --no-open); stops on Ctrl-C, or when the last page closes.
 * Exit code 0 when it stopped; 2: a usage error.
 */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { parseOptions } from './parse-argv.ts';
import { kataIdOf, kataIds, loadKata } from '../curriculum/katas.ts';
import { decodeToken, TokenError } from '../engine/token.ts';
import { startPlayServer } from '../play/server.ts';
import { PlaySession } from '../play/session.ts';
import { kataFile, UsageError } from './usage.ts';

const usage = `Usage: npm run play <kata> [-- options]

  Be the scheduler: step each worker of the kata by hand, on the check's own
  threads and detectors, and try to reach the kata's goal.

  <kata>            kata-1, or just 1

Options:
  --solutions       play the reference solution instead of your kata
  --impl <file>     play any file that exports the kata's class
  --replay <token>  open a failure the check printed as a film, step by step
  --32bit           run as on a 32-bit machine: plain 64-bit accesses take two steps
  --no-open         print the page's address instead of opening a browser
  --help            show this help`;

// `--no-open` is minimist's negation of the boolean `open`, so it is a known option.
const { args, unknownOptions } = parseOptions(process.argv.slice(2), {
  boolean: ['solutions', 'help', '32bit', 'open'],
  string: ['impl', 'replay'],
  default: { open: true },
});

/** openPage asks the desktop to open the page; the opener exits on its own, and the browser is not ours. */
function openPage(url: string): void {
  const [command, ...rest] =
    process.platform === 'darwin'
      ? ['open']
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""']
        : ['xdg-open'];
  const opener = spawn(command!, [...rest, url], { stdio: 'ignore', detached: true });
  opener.on('error', () => console.log(`Open ${url} in a browser.`));
  opener.unref();
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  if (unknownOptions.length > 0) throw new UsageError(`unknown option ${unknownOptions.join(', ')}`);
  const token = args['replay'] ? decodeToken(String(args['replay'])) : undefined;
  const asked = args._[0] !== undefined ? String(args._[0]) : token?.kata;
  if (!asked) throw new UsageError(`name a kata to play: npm run play kata-1. Known katas: ${kataIds().join(', ')}`);
  const id = kataIdOf(asked);
  if (!id) throw new UsageError(`there is no kata "${asked}". Known katas: ${kataIds().join(', ')}`);
  if (token && token.kata !== id) throw new UsageError(`that replay token belongs to ${token.kata}, not ${id}`);
  const kata = await loadKata(id);
  const { implementation } = kataFile(kata, args['impl'], Boolean(args['solutions']));
  const limits = { implementation, ...(args['32bit'] ? { platform: '32-bit' as const } : {}) };
  // A film of a random or PCT token runs the check's replay: its engine loads only then.
  const film = token ? await (await import('../play/film.ts')).filmOf(kata, limits, token) : undefined;
  const session = await PlaySession.open(kata, limits, film);
  const server = await startPlayServer(session);
  const stop = () => {
    console.log('\nStopping the play.');
    void server.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`${kata.id} · ${kata.title} · ${relative(process.cwd(), implementation)}`);
  console.log(`Playing on ${server.url}`);
  console.log('Ctrl-C stops it; so does closing the page.');
  if (args['open']) openPage(server.url);
  await server.stopped;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof TokenError || (error as Error).name === 'FilmError') {
      console.error(`play: ${(error as Error).message}`);
      if (error instanceof UsageError) console.error(usage);
      process.exitCode = 2;
      return;
    }
    console.error(error);
    process.exitCode = 2;
  },
);
