/**
 * A play: a kata's scheduler driven by hand. The session keeps the path of decisions taken (with the
 * steps undone, for redo) and how many of the page's steps are taken; every answer runs paths from
 * the start on the check's workers (runs.ts) and reads the state off those runs (state.ts). Undo and
 * redo are replays of the path to another step, never a second model of the run.
 */
import { type TypeProblem, typecheck } from '../compiler/typecheck.ts';
import type { Kata } from '../curriculum/resolve.ts';
import type { PoolLimits } from '../engine/pools.ts';
import { encodeScheduleToken } from '../engine/token.ts';
import { Abort } from '../scheduler/control.ts';
import { type DecisionEvent, decisionEvents, fileName, foldCalls } from './decisions.ts';
import type { Film } from './film.ts';
import { loadFailure, typeFailure } from './finding-words.ts';
import type { PlayFinding, PlayState } from './protocol.ts';
import { PlayRuns } from './runs.ts';
import { playState } from './state.ts';
import { type PlayWorkload, playWorkloads } from './workloads.ts';

/** MAX_OP_STEPS bounds "run to the end of this operation": a loop that never returns stops there. */
const MAX_OP_STEPS = 200;

/** PlayError is a request the play cannot follow: a worker that does not exist, a workload out of range. */
export class PlayError extends Error {
  override readonly name = 'PlayError';
}

export class PlaySession {
  private runs: PlayRuns;
  private workload = 0;
  /** path is every decision taken, the undone ones (the redo tail) included. */
  private path: number[] = [];
  /** position is how many of the page's steps are taken. */
  private position = 0;
  /** typeErrors are the kata file's, which the check refuses to run: so does the play. */
  private typeErrors: readonly TypeProblem[] = [];

  private constructor(
    readonly kata: Kata,
    readonly limits: PoolLimits,
    readonly workloads: readonly PlayWorkload[],
  ) {
    this.runs = new PlayRuns(kata, limits, workloads[0]!.ops, workloads[0]!.seed);
  }

  /** open starts a play of `kata` on `limits.implementation`, with its own workload first; a film opens at step 0 of a path. */
  static async open(kata: Kata, limits: PoolLimits, film?: Film): Promise<PlaySession> {
    const own = playWorkloads(kata);
    const replayed = film && { name: 'the replayed run', ops: film.ops.map((list) => [...list]), seed: film.seed };
    const session = new PlaySession(kata, limits, replayed ? [replayed, ...own] : own);
    // The workers load on their own threads while this one typechecks, as in the check.
    const starting = session.runs.start();
    session.typeErrors = typecheck(limits.implementation);
    if (!(await starting) || session.refused) return session;
    if (film) {
      // The token's run, whole: its path, then on without preempting, as the check replays it.
      const whole = await session.runs.run(film.path, false);
      session.path = whole.run.outcome.decisions.map((decision) => decision.chosen);
    }
    return session;
  }

  /** ends says after how many decisions each page step of the whole path ends. */
  private async ends(): Promise<number[]> {
    return foldCalls(await this.events());
  }

  private async events(): Promise<DecisionEvent[]> {
    return decisionEvents((await this.runs.run(this.path)).run.history);
  }

  /** decisionsAt is how many decisions the page's first `position` steps take. */
  private async decisionsAt(position: number): Promise<number> {
    return position === 0 ? 0 : ((await this.ends())[position - 1] ?? this.path.length);
  }

  /** nextOf is worker w's next event after `prefix`, from the run one decision further; undefined when it cannot run. */
  private async nextOf(prefix: readonly number[], worker: number): Promise<DecisionEvent | undefined> {
    const further = await this.runs.run([...prefix, worker]);
    const decisions = further.run.outcome.decisions;
    if (further.run.outcome.abort === Abort.Diverged || decisions.length <= prefix.length) return undefined;
    if (decisions[prefix.length]!.chosen !== worker) return undefined;
    return decisionEvents(further.run.history)[prefix.length];
  }

  /** step lets `worker` take its next step (a harness call whole), or with `to: 'op'` every step to the end of its operation. */
  async step(worker: number, to: 'step' | 'op'): Promise<PlayState> {
    if (!Number.isInteger(worker) || worker < 0 || worker >= this.runs.ops.length)
      throw new PlayError(`there is no worker ${worker}`);
    if (this.refused) return this.state();
    const taken = this.path.slice(0, await this.decisionsAt(this.position));
    const before = taken.length;
    for (let steps = 0; steps < MAX_OP_STEPS; steps++) {
      const event = await this.nextOf(taken, worker);
      if (!event) break;
      taken.push(worker);
      const after = await this.nextOf(taken, worker);
      if (to === 'step' && !(event.call !== undefined && after?.call === event.call)) break;
      if (to === 'op' && (event.ends || !after)) break;
    }
    if (taken.length === before) return this.state();
    // Taking the step the redo tail holds keeps the rest of the tail.
    const keeps = taken.every((chosen, i) => this.path[i] === chosen);
    if (!keeps) this.path = taken;
    const ends = await this.ends();
    this.position = ends.findIndex((end) => end >= taken.length) + 1;
    return this.state();
  }

  /** goto moves to page step `step` of the current path: undo and redo. */
  async goto(step: number): Promise<PlayState> {
    if (!Number.isInteger(step)) throw new PlayError(`step ${step} is not a step number`);
    const count = this.refused ? 0 : (await this.ends()).length;
    this.position = Math.max(0, Math.min(step, count));
    return this.state();
  }

  /** chooseWorkload starts again, at step 0, with workload `index`. */
  async chooseWorkload(index: number): Promise<PlayState> {
    const chosen = this.workloads[index];
    if (!Number.isInteger(index) || !chosen) throw new PlayError(`there is no workload ${index}`);
    await this.runs.close();
    this.runs = new PlayRuns(this.kata, this.limits, chosen.ops, chosen.seed);
    const starting = this.runs.start();
    this.typeErrors = typecheck(this.limits.implementation);
    await starting;
    this.workload = index;
    this.path = [];
    this.position = 0;
    return this.state();
  }

  /** token replays the path up to the current step with `npm run check <kata> -- --replay <token>`. */
  async token(): Promise<string> {
    const taken = this.refused ? [] : this.path.slice(0, await this.decisionsAt(this.position));
    return encodeScheduleToken({
      kata: this.kata.id,
      ops: this.runs.ops.map((list) => [...list]),
      path: taken,
      seed: this.runs.seed,
    });
  }

  /** state is everything the page shows now. */
  async state(): Promise<PlayState> {
    const names = this.workloads.map((entry) => entry.name);
    const token = await this.token();
    const refused = this.refused;
    if (refused) return this.unloaded(names, token, refused);
    const events = await this.events();
    const ends = foldCalls(events);
    const prefix = this.path.slice(0, this.position === 0 ? 0 : ends[this.position - 1]);
    const here = await this.runs.run(prefix);
    const next: (DecisionEvent | undefined)[] = [];
    for (let w = 0; w < this.runs.ops.length; w++) next.push(await this.nextOf(prefix, w));
    return playState({
      kata: this.kata,
      implementation: this.limits.implementation,
      workloads: names,
      workload: this.workload,
      events,
      ends,
      position: this.position,
      here,
      next,
      memoryBytes: this.runs.memoryBytes,
      token,
    });
  }

  /**
   * refused is the check's report of a kata file it does not run: one that could not be loaded (a
   * syntax error, a throw at import), or one with type errors.
   */
  private get refused(): PlayFinding | undefined {
    const file = fileName(this.limits.implementation);
    if (this.runs.loadError) return loadFailure(file, this.runs.loadError);
    return this.typeErrors.length > 0 ? typeFailure(file, this.typeErrors) : undefined;
  }

  /** unloaded is the state of a kata file the check does not run: its file:line report, and nothing to step. */
  private unloaded(workloads: string[], token: string, finding: PlayFinding): PlayState {
    return {
      kata: { id: this.kata.id, title: this.kata.title },
      goal: { text: this.kata.play?.goal ?? '', reached: false },
      workloads,
      workload: this.workload,
      files: [],
      workers: [],
      memory: [],
      steps: [],
      position: 0,
      finding,
      token,
      done: true,
    };
  }

  /** close stops the workers. */
  async close(): Promise<void> {
    await this.runs.close();
  }
}
