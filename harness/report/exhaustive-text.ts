/** The text of systematic search: `--exhaustive`, a replayed schedule, and the exhaustive stage of a check. */
import { relative } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import type { Explored, SystematicCheck } from '../engine/results.ts';
import { isLesson } from '../engine/verdict.ts';
import { explanation } from '../detectors/finding.ts';
import type { StageText, TextOptions, TextStyle } from './text-pieces.ts';
import {
  count,
  duration,
  expectedLines,
  headlineLines,
  lessonLine,
  loadErrorLines,
  place,
  sentenceLines,
  titleLine,
} from './text-pieces.ts';
import { plain, timeline, wrap } from './timeline.ts';
import { SHARED_STREAM } from '../worker/determinism.ts';

/** heldFixed says what systematic search did not vary, so that a pass claims no more than it covered. */
function heldFixed(seed: number): string {
  const shared = seed === SHARED_STREAM ? ' (one stream for all workers)' : '';
  const what = seed === SHARED_STREAM ? 'Math.random' : 'Math.random and threadIds';
  return `${what} held at seed ${seed}${shared}; random cases vary it`;
}

/** seedLine says what a pass held fixed, or, for the pass that runs worker 0 alone under many seeds, what it varied. */
function seedLine(entry: Explored): string {
  if (!entry.threadIds) return heldFixed(entry.randomSeed);
  const { first, last } = entry.threadIds;
  return `worker 0 alone under seeds 0 to ${last - first}: its threadId ${first} to ${last}`;
}

/**
 * spunOutLines says how many of the executions explored a workload again with a long spin patience
 * (engine/exhaustive.ts), where a bounded spin runs out: none when no thread spun.
 */
function spunOutLines(explored: readonly Explored[], style: TextStyle): string[] {
  const spun = explored.flatMap((entry) => (entry.spunOut ? [entry.spunOut] : []));
  if (spun.length === 0) return [];
  const executions = spun.reduce((sum, entry) => sum + entry.executions, 0);
  const { patience, bound } = spun[0]!;
  return [
    style.dim(
      `  ${executions.toLocaleString('en')} of them with ≤ ${count(bound, 'preemption')}, a spin let run ${patience} looks: a bounded one runs out`,
    ),
  ];
}

/** renderExplored reports what systematic search did with one workload: what it proved, or its failure. */
function renderExplored(
  check: Kata,
  implementation: string,
  entry: Explored,
  style: TextStyle,
  options: TextOptions,
): string[] {
  const out: string[] = [];
  const replay = entry.replayed === true;
  const mode = replay ? 'replay      ' : 'exhaustive  ';
  const bound = entry.bound === Infinity ? 'any number of preemptions' : `≤ ${count(entry.bound, 'preemption')}`;
  const proved = `${entry.complete ? 'all ' : ''}${count(entry.executions, 'execution')} with ${bound}`;
  // An outcome longer than its column (every result of an object whose calls do not commute) takes
  // lines of its own, and its figures go under it.
  const histogram = entry.outcomes.flatMap((row) => {
    const figures = `${count(row.executions, 'execution').padStart(16)}  ${row.forbidden ? style.bad('forbidden') : 'acceptable'}`;
    if (row.value.length <= 26) return [`  ${row.value.padEnd(26)}${figures}`];
    return [...wrap(`  ${row.value}`, (options.width ?? 80) - 2, '    '), `  ${''.padEnd(26)}${figures}`];
  });
  const table =
    histogram.length > 1 || entry.failure
      ? ['', style.dim(`  ${'outcome'.padEnd(26)}${'executions'.padStart(16)}  verdict`), ...histogram]
      : [];
  if (!entry.failure) {
    if (replay) out.push(`${style.good(`✓ ${mode}`)}the replayed schedule passes`);
    else if (!entry.complete)
      out.push(
        `${style.bad(`! ${mode}`)}stopped after ${count(entry.executions, 'execution')}: too many to explore; nothing failed so far`,
        style.dim(`  ${entry.workload}`),
      );
    else
      out.push(
        `${style.good(`✓ ${mode}`)}${proved}: no failure`,
        style.dim(`  ${entry.workload}`),
        ...spunOutLines([entry], style),
        style.dim(`  ${count(entry.pruned, 'alternative')} pruned as equivalent · ${duration(entry.ms)}`),
        style.dim(`  ${seedLine(entry)}`),
        ...table,
      );
    return out;
  }
  const { finding, history, ops, preemptions } = entry.failure;
  const lesson = isLesson(check, 'exhaustive', finding);
  const width = options.width ?? 80;
  out.push(...headlineLines(lesson ? style.bold(`! ${mode}`) : style.bad(`✗ ${mode}`), mode, finding.summary, width));
  if (!replay) {
    out.push(style.dim(`  found among ${count(entry.executions, 'execution')} of ${entry.workload}`));
    const operations = ops.filter((list) => list[0]?.kind !== 'loop').reduce((sum, list) => sum + list.length, 0);
    out.push(
      style.dim(
        `  the smallest failing run: ${count(operations, 'operation')} and ${count(preemptions, 'preemption')}${entry.failure.threadIds ? `, at threadId ${entry.failure.threadIds.join(', ')}` : ''}`,
      ),
    );
  }
  if (finding.expected !== undefined) out.push(...expectedLines(finding, width));
  if (finding.at) out.push(`  at ${place(finding.at)}`);
  if (history.steps.length + history.ops.length > 0) {
    out.push('');
    out.push(
      ...timeline(history, { file: implementation, marks: finding.marks, width: (options.width ?? 80) - 2, style }).map(
        (line) => `  ${line}`,
      ),
    );
  }
  out.push('', ...sentenceLines(explanation(finding, lesson), width));
  out.push('', `  replay: ${options.command} --replay ${entry.failure.token}`);
  if (table.length > 0 && !replay) out.push(...table);
  return out;
}

/**
 * fewerLines says which workloads were searched with a lower preemption bound than the check's (the
 * spec's edges, and worker 0 alone under each seed), where that bound could cut something: a lone
 * worker without a loop thread has one execution whatever the bound.
 */
function fewerLines(explored: readonly Explored[], bound: number, style: TextStyle): string[] {
  return explored.flatMap((entry) => {
    const seeds = entry.threadIds ? entry.threadIds.last - entry.threadIds.first + 1 : 1;
    if (entry.bound >= bound || entry.executions <= seeds) return [];
    const preemptions = entry.bound === 0 ? 'no preemption' : `≤ ${count(entry.bound, 'preemption')}`;
    const what = entry.threadIds ? 'worker 0 alone' : "the spec's edges, where each value goes";
    return [style.dim(`  ${entry.executions.toLocaleString('en')} of them with ${preemptions}: ${what}`)];
  });
}

/** renderExhaustiveCheck is the exhaustive line of a full check: one line for what it proved, or the failure. */
export const renderExhaustiveCheck: StageText = (check, property, result, style, options) => {
  const explored = property.explored ?? [];
  const failed =
    explored.find((entry) => entry.failure && entry.failure.finding === property.finding) ??
    explored.find((entry) => entry.failure);
  if (failed) return renderExplored(check, result.implementation, failed, style, options);
  if (property.finding)
    return [
      style.bad('✗ exhaustive  ') + property.finding.summary,
      ...explanation(property.finding).map((line) => `  ${line}`),
    ];
  const executions = explored.reduce((sum, entry) => sum + entry.executions, 0);
  const pruned = explored.reduce((sum, entry) => sum + entry.pruned, 0);
  const bound = explored[0]?.bound ?? 0;
  const width = Math.max(...explored.map((entry) => entry.executions)).toLocaleString('en').length;
  return [
    `${style.good('✓ exhaustive  ')}all ${count(executions, 'execution')} with ${bound === Infinity ? 'any number of preemptions' : `≤ ${count(bound, 'preemption')}`}: no failure`,
    ...explored.map((entry) =>
      style.dim(`  ${entry.executions.toLocaleString('en').padStart(width)} of ${entry.workload}`),
    ),
    ...spunOutLines(explored, style),
    ...fewerLines(explored, bound, style),
    style.dim(`  ${count(pruned, 'alternative')} pruned as equivalent · ${duration(property.ms)}`),
    ...[...new Set(explored.filter((entry) => !entry.threadIds).map((entry) => entry.randomSeed))].map((seed) =>
      style.dim(`  ${heldFixed(seed)}`),
    ),
  ];
};

/**
 * renderSystematic reports systematic search (`--exhaustive`, or a replayed schedule): for each
 * workload, what it proved, the outcome table, or the first failure with its timeline.
 */
export function renderSystematic(
  check: Kata,
  implementation: string,
  outcome: SystematicCheck,
  options: TextOptions,
): string {
  const style = options.style ?? { ...plain, good: (text: string) => text };
  const file = relative(process.cwd(), implementation);
  const out: string[] = [titleLine(check, file, style, options), ''];
  if (outcome.loadError) return [...out, ...loadErrorLines(file, outcome.loadError, style)].join('\n');
  for (const entry of outcome.explored) out.push(...renderExplored(check, implementation, entry, style, options), '');
  const last =
    outcome.status === 'pass'
      ? style.good(`${check.id}: systematic search found no failure.`)
      : outcome.status === 'error'
        ? style.bad(`${check.id}: the search could not finish.`)
        : style.bad(
            check.origin === 'object'
              ? `Your object does not behave as its ${check.spec.name} spec says.`
              : `${check.id} is not solved yet.`,
          );
  if (
    outcome.status === 'pass' &&
    outcome.explored.some((entry) => isLesson(check, 'exhaustive', entry.failure?.finding))
  )
    out.push(lessonLine(check));
  else out.push(last);
  return out.join('\n');
}
