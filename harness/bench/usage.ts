/** What `npm run soak -- --help` and `npm run bench:harness -- --help` print: both are long runs, never started by asking for help. */

export const soakUsage = `Usage: npm run soak [-- <seeds> [katas]]

Checks every solution, mutant and correct variant with many random seeds and counts the verdicts
that came out wrong; exits 1 if there is one.
  npm run soak                 50 fresh random seeds
  npm run soak -- 200          more
  npm run soak -- 50 kata-8    only some katas (a list: kata-4,kata-8, or 4,8)`;

export const harnessSpeedUsage = `Usage: npm run bench:harness [-- options]

The harness's own figures, printed next to the targets in the README (several minutes in all).
  --only <list>       sections: speed, threads, cold, watch, checks, play, shrink, systematic,
                      search, first, reduction, detection, grading (default: every one)
  --seeds <n>         random seeds for detection (default 50)
  --first-seeds <n>   seeds per mutant for first (default 5)
  --katas <list>      checks and first: only these katas (kata-2,kata-3)
  --class <n>         attendees in grading's generated class (default 30)
  --against <folder>  cold, watch and checks: time another checkout too (a clone of main), each
                      of its runs right after this one's, and print both side by side
  --help              show this help`;
