/**
 * The talk's counters in Go (harness/bench/go/), run by `npm run bench -- --go` with
 * `go test -bench=Counter -benchmem -cpu=1,2,4`, on the same machine and in the same sitting as the
 * JavaScript bench, so that each side's ratios can be read next to the other's. Standard library
 * only, and nothing fetched: the toolchain on the PATH runs as it is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cell, Run } from './counters.ts';

/** goFolder holds the Go module: counters.go, retold from the talk, and its benchmark. */
export const goFolder = fileURLToPath(new URL('./go/', import.meta.url));

/** HOW_TO_INSTALL_GO is what the bench says when `go` is not on the PATH. */
export const HOW_TO_INSTALL_GO =
  'Go is not installed, so there is no Go column. To compare: sudo apt-get install golang-go (Debian, Ubuntu), brew install go (macOS), or https://go.dev/dl/, then npm run bench -- --go';

/** goEnvironment runs the installed toolchain as it is, offline: no toolchain download, no module proxy, no workspace from a parent folder. */
function goEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off', GOWORK: 'off' };
}

/** goVersion returns `go version`'s answer, or undefined when there is no `go` to run. */
export function goVersion(): string | undefined {
  const result = spawnSync('go', ['version'], { env: goEnvironment(), encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim();
}

/** GoResult is every cell the Go benchmark printed, and its command line. */
export interface GoResult {
  readonly command: string;
  readonly cells: readonly Cell[];
}

const resultLine = /^BenchmarkCounter\/(\S+?)(?:-(\d+))?\s+(\d+)\s+([\d.]+) ns\/op\s+([\d.]+) B\/op/;

/**
 * parseGoBench reads `go test -bench` output into cells, one run per line. Go names a benchmark
 * run at -cpu=1 without a suffix (`BenchmarkCounter/mutex`), and at 2 `BenchmarkCounter/mutex-2`.
 */
export function parseGoBench(output: string): Cell[] {
  const cells = new Map<string, { name: string; workers: number; runs: Run[] }>();
  for (const line of output.split('\n')) {
    const match = resultLine.exec(line.trim());
    if (!match) continue;
    const [, name, cpu, ops, ns, bytes] = match;
    const workers = cpu === undefined ? 1 : Number(cpu);
    const key = `${name}-${workers}`;
    if (!cells.has(key)) cells.set(key, { name: name!, workers, runs: [] });
    cells.get(key)!.runs.push({ ops: Number(ops), nsPerOp: Number(ns), bytesPerOp: Number(bytes) });
  }
  return [...cells.values()];
}

export interface GoBenchOptions {
  readonly workerCounts: readonly number[];
  readonly count: number;
  readonly ms: number;
}

/** goBenchArgs are go's arguments: the JavaScript bench's worker counts as -cpu, its runs as -count, its run time as -benchtime. */
export function goBenchArgs(options: GoBenchOptions): string[] {
  return [
    'test',
    '-run',
    '^$',
    '-bench',
    '^BenchmarkCounter$',
    '-benchmem',
    `-cpu=${options.workerCounts.join(',')}`,
    `-count=${options.count}`,
    `-benchtime=${options.ms}ms`,
  ];
}

/** runGoBench runs the Go benchmark and resolves with its cells; it rejects with go's own output when go test fails. */
export function runGoBench(options: GoBenchOptions): Promise<GoResult> {
  const args = goBenchArgs(options);
  const command = `go ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd: goFolder, env: goEnvironment() });
    let output = '';
    const hear = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', hear);
    child.stderr.on('data', hear);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ command, cells: parseGoBench(output) });
      else reject(new Error(`${command} failed (exit code ${code}):\n${output.trim()}`));
    });
  });
}
