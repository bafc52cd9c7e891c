/**
 * The house's layers, enforced by `npm test` (`npm run layers`). Each layer imports only layers
 * below it; a file may import any file of its own layer, and there are no circles at all.
 * harness/README.md names the layers and what each holds; keep the two in step.
 */
const layers = [
  // What a kata imports: the kata API and the harness's Mutex and Channel.
  ['kata API', '^harness/(kata\\.ts|thread-id\\.ts|sync/)'],
  // Views, Atomics, the arena, and the allocation meter.
  ['instruments', '^harness/(instrument|alloc)/'],
  // The control block, the path of decisions, the choosers.
  ['scheduler', '^harness/scheduler/'],
  // Kata code on threads: the checked worker (both sides), and free-running threads.
  ['threads', '^harness/(worker|free)/'],
  // Sequential specifications, and the compiler that typechecks kata files.
  ['objects', '^harness/(objects|compiler)/'],
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
  // The learner's and the instructor's words: progress, hints, reset, grading, stress rounds.
  ['workshop', '^harness/(workshop|grading|stress)/'],
  // The commands: parse arguments, call one API, print.
  ['faces', '^harness/(cli|bench)/'],
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
