/**
 * parseArgv parses a command's arguments as zx's parseArgv did (it is minimist's, which zx wraps),
 * without loading zx: zx and what it bundles cost every command about 150 ms of CPU to load.
 */
import minimist from 'minimist';

export function parseArgv(args: string[], options: minimist.Opts = {}): minimist.ParsedArgs {
  return minimist(args, options);
}

/** Parsed is a command's arguments, and the options it does not know (reported after `--help` is honoured). */
export interface Parsed {
  readonly args: minimist.ParsedArgs;
  readonly unknownOptions: readonly string[];
}

/** parseOptions parses `args` as parseArgv does, collecting every option `options` does not name, and keeping only plain words besides. */
export function parseOptions(args: string[], options: minimist.Opts = {}): Parsed {
  const unknownOptions: string[] = [];
  const parsed = parseArgv(args, {
    ...options,
    unknown: (arg: string) => {
      if (arg.startsWith('-')) unknownOptions.push(arg);
      return !arg.startsWith('-');
    },
  });
  return { args: parsed, unknownOptions };
}
