import fc from 'fast-check';
import { relative } from 'node:path';
import { findingOf, type Report, type Failure, type StageResult } from '../engine/results.ts';
import type { Kata } from '../curriculum/resolve.ts';
import type { Explored, SystematicCheck } from '../engine/results.ts';
import { isLesson } from '../engine/verdict.ts';
import { excerpt, locate } from './source.ts';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';
import type { Style } from './timeline.ts';
import { plain, timeline, wrap } from './timeline.ts';
import { bytes } from '../detectors/allocation.ts';

export interface TextOptions {
  readonly style?: Style & { readonly good: (text: string) => string };
  readonly width?: number;
  /** note follows the title, e.g. "as on a 32-bit machine". */
  readonly note?: string;
  /** command is how the attendee ran the check, for the replay line, e.g. "npm run check kata-1 --". */
  readonly command: string;
}

const what: Record<string, string> = {
  concurrency: 'threads interleaved: no lost update, every read explained',
  races: 'every two conflicting accesses ordered (happens-before)',
  exhaustive: 'every execution of small workloads, within a preemption bound',
  allocations: 'bytes per call, on a real thread, like go test -benchmem',
};

function place(at: SourceLocation | undefined): string {
  return at ? `${relative(process.cwd(), at.file)}:${at.line}` : '';
}

/** loadErrorLines explain a kata file that could not be imported: the error, where, the line itself, and what to do. */
function loadErrorLines(file: string, error: ErrorInfo, style: Style): string[] {
  const { at, message } = locate(error);
  const name = error.name === 'TransformError' ? 'SyntaxError' : error.name;
  const lines = [style.bad(`✗ ${file} could not be loaded`)];
  if (at) lines.push(`  ${place(at)}:${at.column}: ${name}: ${message.split('\n').join('\n  ')}`, '', ...excerpt(at).map((line) => `    ${line}`));
  else lines.push(`  ${name}: ${message.split('\n').join('\n  ')}`);
  lines.push('', 'Fix the error above and run the check again.');
  return lines;
}

/** renderText turns a check result into the report an attendee reads in a terminal. */
export function renderText(check: Kata, result: Report, options: TextOptions): string {
  if (result.mode !== 'check') {
    const explored = result.properties[0]?.explored ?? [];
    return renderSystematic(check, result.implementation, { status: result.status, explored, ...(result.loadError ? { loadError: result.loadError } : {}) }, options);
  }
  const style = options.style ?? { ...plain, good: (text: string) => text };
  const file = relative(process.cwd(), result.implementation);
  const out: string[] = [style.bold(`${check.id} · ${check.title} · ${file}`) + (options.note ? style.dim(` · ${options.note}`) : ''), ''];
  if (result.loadError) return [...out, ...loadErrorLines(file, result.loadError, style)].join('\n');
  if (result.typeErrors) {
    out.push(style.bad(`✗ ${file} has type errors`));
    for (const problem of result.typeErrors) {
      out.push(`  ${place(problem.at)}:${problem.at.column}: ${problem.message.split('\n').join('\n    ')}`, '', ...excerpt(problem.at).map((line) => `    ${line}`), '');
    }
    out.push('Fix them and run the check again.');
    return out.join('\n');
  }
  for (const property of result.properties) out.push(...renderProperty(check, property, result, style, options));
  out.push('');
  out.push(...verdict(check, result, style));
  return out.join('\n');
}

function renderProperty(
  check: Kata,
  property: StageResult,
  result: Report,
  style: NonNullable<TextOptions['style']>,
  options: TextOptions,
): string[] {
  const name = property.property.padEnd(12);
  if (property.status === 'skipped') return [style.dim(`- ${name}skipped until the checks above pass`)];
  if (property.property === 'allocations') return renderAllocations(property, style);
  if (property.property === 'exhaustive') return renderExhaustiveCheck(check, property, result, style, options);
  if (property.status === 'pass') {
    const lines = [`${style.good(`✓ ${name}`)}${count(property.runs, 'run')}: ${property.property === 'contract' ? check.spec.contract : what[property.property]}`];
    const coverage = property.coverage;
    if (coverage && property.property === 'concurrency') {
      lines.push(style.dim(`  ${count(coverage.interleavings, 'distinct interleaving')}, up to ${coverage.decisions} steps a run, ${count(coverage.switches, 'context switch', 'context switches')}`));
      if (coverage.spinning > 0) {
        lines.push(
          `  In ${count(coverage.spinning, 'run')} a thread spun while it waited: the check let it step aside. On a real`,
          "  machine a spin burns a core: fine for a wait of a few steps (kata-8's cool-down), but a",
          '  longer wait should sleep in Atomics.wait.',
        );
      }
    }
    if (property.property === 'races') lines[0] = `${style.good(`✓ ${name}`)}on all ${property.runs} runs above: ${what.races}`;
    const pct = property.pct;
    if (pct && property.property === 'concurrency') {
      lines.push(
        style.dim(`  PCT, depth ${pct.depth}: any one bug of depth ≤ ${pct.depth} would have been found with probability`),
        style.dim(`  ≥ ${(pct.confidence * 100).toFixed(1)}% over ${property.runs} runs (1/(n·k^(d−1)) a run, n = ${pct.threads} threads, k = ${pct.steps} steps)`),
      );
    }
    const cas = property.cas;
    if (cas && property.property === 'concurrency') {
      const perAdd = cas.failed / Math.max(1, cas.adds);
      // Per call that changes the object: a counter's add, a histogram's observe.
      const per = fc.sample(check.spec.writeOp, { numRuns: 1, seed: 0 })[0]?.kind ?? 'change';
      lines.push(style.dim(`  ${cas.failed} of ${cas.calls} compareExchange calls failed and retried: ${perAdd > 0 && perAdd < 0.01 ? 'under 0.01' : perAdd.toFixed(2)} retries per ${per}`));
    }
    return lines;
  }
  const failure = property.failure;
  if (!failure) {
    // A failure without a case to show (a race that did not race again when replayed).
    const finding = property.finding;
    return [style.bad(`✗ ${name}`) + (finding?.summary ?? 'failed'), ...(finding?.details ?? []).map((line) => `  ${line}`)];
  }
  const finding = failure.finding;
  const lesson = isLesson(check, property.property, finding);
  const mark = lesson ? style.bold(`! ${name}`) : style.bad(`✗ ${name}`);
  // The headline wraps at the report's width, its continuation under its first word.
  const hang = ' '.repeat(2 + name.length);
  const [headline = '', ...more] = wrap(finding.summary, (options.width ?? 80) - hang.length, hang);
  const out = [mark + headline, ...more];
  if (finding.detector === 'not-solved') {
    if (finding.at) out.push(`  at ${place(finding.at)}`);
    out.push(...finding.details.map((line) => `  ${line}`));
    return out;
  }
  out.push(style.dim(`  found after ${count(failure.runs, 'run')}, shrunk ${count(failure.shrinks, 'time')}`));
  if (finding.expected !== undefined) out.push(...wrap(`  expected ${finding.expected}, got ${finding.actual}`, options.width ?? 80, '    '));
  if (finding.at) out.push(`  at ${place(finding.at)}`);
  out.push(...renderFailure(failure, result, style, options, lesson));
  return out;
}

/** renderAllocations reports the allocation budget: B/op for add, inc and value, and what allocates. */
function renderAllocations(property: StageResult, style: NonNullable<TextOptions['style']>): string[] {
  const name = 'allocations ';
  const verdict = property.allocations;
  const finding = property.finding;
  if (!verdict) return [style.bad(`✗ ${name}`) + (finding?.summary ?? 'not measured'), ...(finding?.at ? [`  at ${place(finding.at)}`] : [])];
  const figures = Object.entries(verdict.profile.ops).map(([op, measure]) => `${op}() ${bytes(measure.bytesPerOp)}`).join(', ');
  const noise = style.dim(`  budget ${bytes(verdict.budget)}; the meter's noise floor is ${verdict.profile.floor.bytesPerOp.toFixed(2)} B/op, tolerance ${verdict.tolerance.toFixed(1)}`);
  if (property.note) return [style.good(`✓ ${name}`) + figures, ...property.note.map((line, i) => style.dim(`  ${i === 0 ? 'note for later: ' : ''}${line}`))];
  if (!finding) return [style.good(`✓ ${name}`) + figures, noise];
  return [
    style.bad(`✗ ${name}`) + finding.summary,
    `  expected ${finding.expected}, got ${finding.actual}`,
    ...(finding.at ? [`  at ${place(finding.at)}`] : []),
    noise,
    '',
    ...finding.details.map((line) => `  ${line}`),
  ];
}

function renderFailure(failure: Failure, result: Report, style: Style, options: TextOptions, lesson = false): string[] {
  const out: string[] = [''];
  if (failure.history && failure.history.steps.length + failure.history.ops.length > 0) {
    out.push(...timeline(failure.history, { file: result.implementation, marks: failure.finding.marks, width: (options.width ?? 80) - 2, style }).map((line) => `  ${line}`));
    out.push('');
  }
  // Sentences wrap at the report's width, like the timeline above them.
  out.push(...failure.finding.details.flatMap((line) => wrap(line, (options.width ?? 80) - 2, '').map((part) => `  ${part}`)));
  if (failure.finding.details.length > 0) out.push('');
  if (lesson && failure.race) {
    // The lesson's run is also a data race: say it the way Go's race detector does (the talk's slide 10).
    const [access, previous] = failure.race.details;
    out.push(`  Go's race detector (go test -race) says this of the same run:`);
    out.push(style.bad(`  ==================`), style.bad(`  ${failure.race.summary}`), `  ${access}`, `  ${previous}`, style.bad(`  ==================`), '');
  }
  if (failure.token) out.push(style.dim(`  seed ${failure.seed} · path ${failure.path || '(none)'}`), `  replay: ${options.command} --replay ${failure.token}`);
  return out;
}

function verdict(check: Kata, result: Report, style: NonNullable<TextOptions['style']>): string[] {
  const concurrency = result.properties.find((property) => property.property === 'concurrency');
  const notSolved = result.properties.some((property) => property.failure?.finding.detector === 'not-solved');
  const nextLine = check.next ? [`Next: ${check.next} (katas/${check.next}/README.md)`] : ['That was the last kata.'];
  const hint = style.dim(`Stuck? npm run hint ${check.id} gives one hint at a time.`);
  if (notSolved) {
    return [`${check.id} is not solved yet.`, `Read katas/${check.id}/README.md, then fill in each // TODO:.`, hint];
  }
  if (result.status === 'error') {
    return [style.bad(`${check.id} crashed or hung: fix the error above first.`)];
  }
  if (result.replayed) {
    const command = `npm run check ${check.id}`;
    // A replayed lesson is the lesson again, as the check that printed its token said: it never "passes now".
    const replayed = result.properties.find((property) => property.property === result.replayed);
    if (replayed && isLesson(check, replayed.property, findingOf(replayed))) return [lessonLine(check), `Run ${command} for the whole check.`];
    return result.status === 'pass'
      ? [style.good(`The replayed ${result.replayed} case passes now.`), `Run ${command} for the whole check.`]
      : [style.bad(`The replayed ${result.replayed} case still fails.`), `Study the run above, then run ${command} for the whole check.`, hint];
  }
  if (result.status === 'fail' && result.properties.some((property) => property.property === 'allocations' && property.status === 'fail')) {
    return [style.bad(`${check.id} is not solved yet: it counts right, but it allocates.`), `See what allocates above, and katas/${check.id}/README.md.`, hint];
  }
  if (result.status === 'fail') {
    const systematic = result.properties.some((property) => property.property === 'exhaustive' && property.status === 'fail');
    const which = systematic ? 'the one with the fewest preemptions and operations that systematic search found' : 'the smallest one fast-check found';
    return [style.bad(`${check.id} is not solved yet.`), `The run above is ${which}: replay it to study it.`, hint];
  }
  if (check.policy.concurrency === 'lesson') {
    const lesson = concurrency?.failure ? [check.policy.lesson ?? ''] : ['No race showed up: is your counter thread-safe already? That comes later.'];
    return [style.good(`${check.id} is solved: the contract holds.`), ...lesson.filter(Boolean), ...nextLine];
  }
  return [style.good(`${check.id} is solved.`), ...nextLine];
}

/** lessonLine ends a report whose finding is the kata's lesson (kata-1's lost update), a search's or a replay's. */
function lessonLine(check: Kata): string {
  return `${check.id}: ${check.policy.lesson ?? ''}`;
}

/** duration renders milliseconds for a person: "40 ms", "2.3 s". */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** count renders "1 run", "3 runs", with thousands separated. */
function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}

/** renderExplored reports what systematic search did with one workload: what it proved, or its failure. */
function renderExplored(check: Kata, implementation: string, entry: Explored, style: NonNullable<TextOptions['style']>, options: TextOptions): string[] {
  const out: string[] = [];
  const replay = entry.replayed === true;
  const mode = replay ? 'replay      ' : 'exhaustive  ';
  const bound = entry.bound === Infinity ? 'any number of preemptions' : `≤ ${count(entry.bound, 'preemption')}`;
  const proved = `${entry.complete ? 'all ' : ''}${count(entry.executions, 'execution')} with ${bound}`;
  const histogram = entry.outcomes.map((row) => `  ${row.value.padEnd(26)}${count(row.executions, 'execution').padStart(16)}  ${row.forbidden ? style.bad('forbidden') : 'acceptable'}`);
  const table = histogram.length > 1 || entry.failure ? ['', style.dim(`  ${'outcome'.padEnd(26)}${'executions'.padStart(16)}  verdict`), ...histogram] : [];
  if (!entry.failure) {
    if (replay) out.push(`${style.good(`✓ ${mode}`)}the replayed schedule passes`);
    else if (!entry.complete) out.push(`${style.bad(`! ${mode}`)}stopped after ${count(entry.executions, 'execution')}: too many to explore; nothing failed so far`, style.dim(`  ${entry.workload}`));
    else out.push(`${style.good(`✓ ${mode}`)}${proved}: no failure`, style.dim(`  ${entry.workload}`), style.dim(`  ${count(entry.pruned, 'alternative')} pruned as equivalent · ${duration(entry.ms)}`), ...table);
    return out;
  }
  const { finding, history, ops, preemptions } = entry.failure;
  const lesson = isLesson(check, 'exhaustive', finding);
  out.push((lesson ? style.bold(`! ${mode}`) : style.bad(`✗ ${mode}`)) + finding.summary);
  if (!replay) {
    out.push(style.dim(`  found among ${count(entry.executions, 'execution')} of ${entry.workload}`));
    const operations = ops.filter((list) => list[0]?.kind !== 'loop').reduce((sum, list) => sum + list.length, 0);
    out.push(style.dim(`  the smallest failing run: ${count(operations, 'operation')} and ${count(preemptions, 'preemption')}`));
  }
  if (finding.expected !== undefined) out.push(`  expected ${finding.expected}, got ${finding.actual}`);
  if (finding.at) out.push(`  at ${place(finding.at)}`);
  if (history.steps.length + history.ops.length > 0) {
    out.push('');
    out.push(...timeline(history, { file: implementation, marks: finding.marks, width: (options.width ?? 80) - 2, style }).map((line) => `  ${line}`));
  }
  out.push('', ...finding.details.map((line) => `  ${line}`));
  out.push('', `  replay: ${options.command} --replay ${entry.failure.token}`);
  if (table.length > 0 && !replay) out.push(...table);
  return out;
}

/** renderExhaustiveCheck is the exhaustive line of a full check: one line for what it proved, or the failure. */
function renderExhaustiveCheck(check: Kata, property: StageResult, result: Report, style: NonNullable<TextOptions['style']>, options: TextOptions): string[] {
  const explored = property.explored ?? [];
  const failed = explored.find((entry) => entry.failure && entry.failure.finding === property.finding) ?? explored.find((entry) => entry.failure);
  if (failed) return renderExplored(check, result.implementation, failed, style, options);
  if (property.finding) return [style.bad('✗ exhaustive  ') + property.finding.summary, ...property.finding.details.map((line) => `  ${line}`)];
  const executions = explored.reduce((sum, entry) => sum + entry.executions, 0);
  const pruned = explored.reduce((sum, entry) => sum + entry.pruned, 0);
  const bound = explored[0]?.bound ?? 0;
  const width = Math.max(...explored.map((entry) => entry.executions)).toLocaleString('en').length;
  return [
    `${style.good('✓ exhaustive  ')}all ${count(executions, 'execution')} with ${bound === Infinity ? 'any number of preemptions' : `≤ ${count(bound, 'preemption')}`}: no failure`,
    ...explored.map((entry) => style.dim(`  ${entry.executions.toLocaleString('en').padStart(width)} of ${entry.workload}`)),
    style.dim(`  ${count(pruned, 'alternative')} pruned as equivalent · ${duration(property.ms)}`),
  ];
}

/**
 * renderSystematic reports systematic search (`--exhaustive`, or a replayed schedule): for each
 * workload, what it proved, the outcome table, or the first failure with its timeline.
 */
export function renderSystematic(check: Kata, implementation: string, outcome: SystematicCheck, options: TextOptions): string {
  const style = options.style ?? { ...plain, good: (text: string) => text };
  const file = relative(process.cwd(), implementation);
  const out: string[] = [style.bold(`${check.id} · ${check.title} · ${file}`) + (options.note ? style.dim(` · ${options.note}`) : ''), ''];
  if (outcome.loadError) return [...out, ...loadErrorLines(file, outcome.loadError, style)].join('\n');
  for (const entry of outcome.explored) out.push(...renderExplored(check, implementation, entry, style, options), '');
  const last = outcome.status === 'pass' ? style.good(`${check.id}: systematic search found no failure.`) : outcome.status === 'error' ? style.bad(`${check.id}: the search could not finish.`) : style.bad(`${check.id} is not solved yet.`);
  if (outcome.status === 'pass' && outcome.explored.some((entry) => isLesson(check, 'exhaustive', entry.failure?.finding))) out.push(lessonLine(check));
  else out.push(last);
  return out.join('\n');
}
