/** The text report of a check, as an attendee reads it in a terminal: one line per stage, a failure's timeline, and what to do next. */
import fc from 'fast-check';
import { relative } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import { bytes } from '../detectors/allocation.ts';
import { explanation } from '../detectors/finding.ts';
import type { Failure, Report, StageResult } from '../engine/results.ts';
import { renderSites } from './allocation-sites-text.ts';
import { columns } from './plain-text.ts';
import { closingLines } from './closing-lines.ts';
import { renderExhaustiveCheck, renderSystematic } from './exhaustive-text.ts';
import { isLesson } from '../engine/verdict.ts';
import { DEFAULT_SPIN_PATIENCE, LONG_SPIN_PATIENCE } from '../scheduler/control.ts';
import type { StageText, TextOptions, TextStyle } from './text-pieces.ts';
import {
  count,
  expectedLines,
  headlineLines,
  loadErrorLines,
  place,
  sentenceLines,
  titleLine,
  typeErrorLines,
} from './text-pieces.ts';
import { plain, type Style, timeline, wrap } from './timeline.ts';

const what: Record<string, string> = {
  concurrency: 'threads interleaved: no lost update, reads explained',
  races: 'conflicting accesses ordered (happens-before)',
  exhaustive: 'every execution of small workloads, within a preemption bound',
  allocations: 'bytes per call, on a real thread, like go test -benchmem',
};

/** renderText turns a check result into the report an attendee reads in a terminal. */
export function renderText(check: Kata, result: Report, options: TextOptions): string {
  if (result.mode !== 'check') {
    const explored = result.properties[0]?.explored ?? [];
    return renderSystematic(
      check,
      result.implementation,
      { status: result.status, explored, ...(result.loadError ? { loadError: result.loadError } : {}) },
      options,
    );
  }
  const style = options.style ?? { ...plain, good: (text: string) => text };
  const file = relative(process.cwd(), result.implementation);
  const out: string[] = [titleLine(check, file, style, options), ''];
  if (result.loadError) return [...out, ...loadErrorLines(file, result.loadError, style)].join('\n');
  if (result.typeErrors) return [...out, ...typeErrorLines(file, result.typeErrors, style, options.width)].join('\n');
  for (const property of result.properties) out.push(...renderProperty(check, property, result, style, options));
  out.push('');
  out.push(...closingLines(check, result, style, options.command));
  return out.join('\n');
}

const renderProperty: StageText = (check, property, result, style, options) => {
  const name = property.property.padEnd(12);
  if (property.status === 'skipped') return [style.dim(`- ${name}skipped until the checks above pass`)];
  if (property.property === 'allocations') return renderAllocations(property, result.implementation, style, options);
  if (property.property === 'exhaustive') return renderExhaustiveCheck(check, property, result, style, options);
  if (property.status === 'pass') {
    const lines = [
      `${style.good(`✓ ${name}`)}${count(property.runs, 'run')}: ${property.property === 'contract' ? check.spec.contract : property.property === 'concurrency' && !check.spec.commutes ? 'threads interleaved: every result explained' : what[property.property]}`,
    ];
    const coverage = property.coverage;
    if (coverage && property.property === 'concurrency') {
      lines.push(
        style.dim(
          `  ${count(coverage.interleavings, 'distinct interleaving')}, up to ${coverage.decisions} steps a run, ${count(coverage.switches, 'context switch', 'context switches')}`,
        ),
      );
      if (coverage.spinning > 0) {
        const few = check.origin === 'kata' ? "a few steps (kata-8's cool-down)" : 'a few steps';
        lines.push(
          ...sentenceLines(
            [
              `In ${count(coverage.spinning, 'run')} a thread spun while it waited: the check let it step aside, after ${DEFAULT_SPIN_PATIENCE} looks, or ${LONG_SPIN_PATIENCE} in one run in four, where a bounded spin runs out. On a real machine a spin burns a core: fine for a wait of ${few}, but a longer wait should sleep in Atomics.wait.`,
            ],
            options.width ?? 80,
          ),
        );
      }
    }
    if (property.property === 'races')
      lines[0] = `${style.good(`✓ ${name}`)}on all ${property.runs.toLocaleString('en')} runs: ${what.races}`;
    const pct = property.pct;
    if (pct && property.property === 'concurrency') {
      lines.push(
        style.dim(
          `  PCT, depth ${pct.depth}: any one bug of depth ≤ ${pct.depth} would have been found with probability`,
        ),
        style.dim(
          `  ≥ ${(pct.confidence * 100).toFixed(1)}% over ${property.runs} runs (1/(n·k^(d−1)) a run, n = ${pct.threads} threads, k = ${pct.steps} steps)`,
        ),
      );
    }
    const cas = property.cas;
    if (cas && property.property === 'concurrency') {
      const perAdd = cas.failed / Math.max(1, cas.adds);
      // Per call that changes the object: a counter's add, a histogram's observe.
      const per = fc.sample(check.spec.writeOp, { numRuns: 1, seed: 0 })[0]?.kind ?? 'change';
      lines.push(
        style.dim(
          `  ${cas.failed} of ${cas.calls} compareExchange calls failed and retried: ${perAdd > 0 && perAdd < 0.01 ? 'under 0.01' : perAdd.toFixed(2)} retries per ${per}`,
        ),
      );
    }
    return lines;
  }
  const failure = property.failure;
  if (!failure) {
    // A failure without a case to show (a race that did not race again when replayed).
    const finding = property.finding;
    return [
      style.bad(`✗ ${name}`) + (finding?.summary ?? 'failed'),
      ...(finding ? explanation(finding) : []).map((line) => `  ${line}`),
    ];
  }
  const finding = failure.finding;
  const lesson = isLesson(check, property.property, finding);
  const mark = lesson ? style.bold(`! ${name}`) : style.bad(`✗ ${name}`);
  const out = headlineLines(mark, name, finding.summary, options.width ?? 80);
  if (finding.detector === 'not-solved') {
    if (finding.at) out.push(`  at ${place(finding.at)}`);
    out.push(...explanation(finding).map((line) => `  ${line}`));
    return out;
  }
  out.push(style.dim(`  found after ${count(failure.runs, 'run')}, shrunk ${count(failure.shrinks, 'time')}`));
  if (finding.expected !== undefined) out.push(...expectedLines(finding, options.width ?? 80));
  if (finding.at) out.push(`  at ${place(finding.at)}`);
  out.push(...renderFailure(failure, result, style, options, lesson));
  return out;
};

/** renderAllocations reports the allocation budget: B/op for add, inc and value, and what allocates. */
function renderAllocations(
  property: StageResult,
  implementation: string,
  style: TextStyle,
  options: TextOptions,
): string[] {
  const name = 'allocations ';
  const verdict = property.allocations;
  const finding = property.finding;
  if (!verdict)
    return [
      style.bad(`✗ ${name}`) + (finding?.summary ?? 'not measured'),
      ...(finding?.at ? [`  at ${place(finding.at)}`] : []),
    ];
  const figures = Object.entries(verdict.profile.ops)
    .map(([op, measure]) => `${op}() ${bytes(measure.bytesPerOp)}`)
    .join(', ');
  const noise = style.dim(
    `  budget ${bytes(verdict.budget)}; the meter's noise floor is ${verdict.profile.floor.bytesPerOp.toFixed(2)} B/op, tolerance ${verdict.tolerance.toFixed(1)}`,
  );
  if (property.note)
    return [
      style.good(`✓ ${name}`) + figures,
      ...property.note.map((line, i) => style.dim(`  ${i === 0 ? 'note for later: ' : ''}${line}`)),
    ];
  if (!finding) return [style.good(`✓ ${name}`) + figures, noise];
  const width = options.width ?? 80;
  return [
    style.bad(`✗ ${name}`) + finding.summary,
    // Each figure stays whole ("value() 304 B/op"): a long line breaks before "got".
    ...(columns(`  expected ${finding.expected}, got ${finding.actual}`) <= width
      ? [`  expected ${finding.expected}, got ${finding.actual}`]
      : [`  expected ${finding.expected},`, ...wrap(`    got ${finding.actual}`, width, '    ')]),
    ...(finding.at ? [`  at ${place(finding.at)}`] : []),
    noise,
    '',
    ...(verdict.sites ? [...renderSites(verdict.sites, implementation, width - 2).map((line) => `  ${line}`), ''] : []),
    ...sentenceLines(explanation(finding), width),
  ];
}

function renderFailure(failure: Failure, result: Report, style: Style, options: TextOptions, lesson = false): string[] {
  const out: string[] = [''];
  if (failure.history && failure.history.steps.length + failure.history.ops.length > 0) {
    out.push(
      ...timeline(failure.history, {
        file: result.implementation,
        marks: failure.finding.marks,
        width: (options.width ?? 80) - 2,
        style,
      }).map((line) => `  ${line}`),
    );
    out.push('');
  }
  // Sentences wrap at the report's width, like the timeline above them. A lesson passes: no advice.
  const told = explanation(failure.finding, lesson);
  out.push(...sentenceLines(told, options.width ?? 80));
  if (told.length > 0) out.push('');
  if (lesson && failure.race) {
    // The lesson's run is also a data race: the harness's own detector says so in the shape of Go's
    // -race warning (the talk's slide 10), and says whose words they are.
    const [access, previous] = failure.race.details;
    out.push(`  The harness's race detector, in go test -race's words, on this run:`);
    out.push(
      style.bad(`  ==================`),
      style.bad(`  ${failure.race.summary}`),
      `  ${access}`,
      `  ${previous}`,
      style.bad(`  ==================`),
      '',
    );
  }
  if (failure.token)
    out.push(
      style.dim(`  seed ${failure.seed} · path ${failure.path || '(none)'}${caseEnvironment(failure)}`),
      `  replay: ${options.command} --replay ${failure.token}`,
    );
  return out;
}

/**
 * caseEnvironment is what a failing case set apart from its operations: the seed of the kata's
 * Math.random and, when they are not the workers' positions, the threadIds that seed gave them.
 */
function caseEnvironment(failure: Failure): string {
  const { seed } = failure.counterexample;
  if (seed === 0) return '';
  const ids = failure.threadIds ?? [];
  const positions = ids.every((id, worker) => id === worker + 1);
  return ` · Math.random seed ${seed}${positions ? '' : ` · threadId ${ids.join(', ')}`}`;
}
