/**
 * parseArgv parses a command's arguments as zx's parseArgv did (it is minimist's, which zx wraps),
 * without loading zx: zx and what it bundles cost every command about 150 ms of CPU to load.
 */
import minimist from 'minimist';

export function parseArgv(args: string[], options: minimist.Opts = {}): minimist.ParsedArgs {
  return minimist(args, options);
}
