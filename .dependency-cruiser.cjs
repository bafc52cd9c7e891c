/**
 * The house's layers, enforced by `npm test` (`npm run layers`). Each layer (a folder, or for the
 * kata API two files and a folder) imports only layers below it, so there are no circles among
 * folders; a file may import any file of its own layer, and there are no circles among files.
 * harness/README.md names the layers and what each holds; keep the two in step.
 */
const layers = [
  // What a kata imports: the kata API and the harness's Mutex and Channel.
  ['kata API', '^harness/(kata\\.ts|thread-id\\.ts|sync/)'],
  // Views, Atomics and the arena: every way kata code reaches shared memory, instrumented.
  ['instruments', '^harness/instrument/'],
  // The allocation meter (Go's -benchmem), on an uninstrumented thread.
  ['allocation meter', '^harness/alloc/'],
  // The control block, the path of decisions, the choosers.
  ['scheduler', '^harness/scheduler/'],
  // Kata code on checked threads: the worker's side (its runtime) and the main thread's (the pool).
  ['checked threads', '^harness/worker/'],
  // Kata code on free-running threads, nothing instrumented: the meter, bench and stress.
  ['free threads', '^harness/free/'],
  // The compiler that typechecks kata files.
  ['compiler', '^harness/compiler/'],
  // Sequential specifications of the objects katas build.
  ['objects', '^harness/objects/'],
  // The record of a run: its history, what each step did to memory, values.
  ['record', '^harness/record/'],
  // Findings from a history.
  ['detectors', '^harness/detectors/'],
  // The manifest and each kata resolved once.
  ['curriculum', '^(harness/curriculum/|checks/manifest\\.ts$|checks/[^/]+/definition\\.ts$)'],
  // Strategies, running and judging a case, the checks of a kata, the report value.
  ['engine', '^harness/engine/'],
  // Formatters of the report value.
  ['report', '^harness/report/'],
  // The learner's words: progress and its statuses, hints, the stubs that reset puts back.
  ['workshop', '^harness/workshop/'],
  // Stress rounds: free-running threads counting outcomes, as jcstress does.
  ['stress', '^harness/stress/'],
  // Grading a class, each attendee in a sandbox.
  ['grading', '^harness/grading/'],
  // Writing katas: verifying that one is sound, and scaffolding a new one.
  ['authoring', '^harness/authoring/'],
  // Playing the scheduler by hand: the play server and its page (npm run play).
  ['play', '^harness/play/'],
  // The commands: parse arguments, call one API, print.
  ['commands', '^harness/cli/'],
  // The benchmarks and the soak, which measure and print what the commands do.
  ['benchmarks', '^harness/bench/'],
];

const upward = layers.flatMap(([name, path], rank) => {
  const above = layers.slice(rank + 1).map(([, higher]) => `(${higher})`);
  if (above.length === 0) return [];
  return [
    {
      name: `no-import-up-from-${name.replace(/ /g, '-')}`,
      comment: `${name} imports only layers below it`,
      severity: 'error',
      from: { path },
      to: { path: above.join('|') },
    },
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import circles, among files or among folders',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'harness-not-from-tests',
      comment: 'the harness never imports its tests or their support',
      severity: 'error',
      from: { path: '^harness/', pathNot: '^harness/(test|bench)/' },
      to: { path: '^harness/test/' },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|results|\\.backups)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
