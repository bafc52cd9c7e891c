/**
 * Systematic search: a stateless model checker. It runs the workload again and again, each time
 * following a path of decisions (path.ts) that differs from an earlier one at a single decision, in
 * depth-first order, until every execution within the preemption bound has been covered, up to the
 * order of independent events:
 *
 * - Preemption bounding (Musuvathi and Qadeer, "Iterative Context Bounding for Systematic Testing of
 *   Multithreaded Programs", PLDI 2007): a decision that takes the turn from a worker that could have
 *   gone on is a preemption, and an execution may have at most `bound` of them. CHESS found every
 *   bug it exposed with at most 2.
 * - Dynamic partial-order reduction (Flanagan and Godefroid, POPL 2005): after each execution, every
 *   pair of dependent events of different workers that nothing else orders is a race, and the
 *   search backtracks to the decision before the first of them, to try the other worker there. Pairs
 *   that are independent (dependence.ts) are never tried both ways.
 * - Sleep sets (Godefroid 1996): a worker whose next event was explored from an earlier decision, and
 *   is independent of everything run since, is not run again from here (path.ts keeps them online).
 * - Under a preemption bound the reduction alone would miss executions; as loom does (after Coons,
 *   Musuvathi and McKinley, "Bounded Partial-Order Reduction", OOPSLA 2013), each backtrack point is
 *   also added at the last context switch before it.
 */
import type { Decision } from '../control.ts';
import type { Footprint } from '../dependence.ts';
import { forEachRace } from './races.ts';

/** Executed is one execution as the search sees it: its decisions, each event's access, and what each worker had pending at the end. */
export interface Executed {
  readonly decisions: readonly Decision[];
  /** events[d] is the access of the event decision d granted. */
  readonly events: readonly Footprint[];
  /** pending[w] is worker w's next event when the run ended, if it had one. */
  readonly pending: readonly (Footprint | undefined)[];
  /** causes[d] lists the decisions whose events the event of decision d waited for: the notify that woke it, the returns worker 0's join waited for. */
  readonly causes?: readonly (readonly number[] | undefined)[];
}

/** Next is the schedule of the next execution: the path to follow, and the sleep set where it branches. */
export interface Next {
  readonly path: number[];
  readonly sleepFrom: number;
  readonly sleep: number;
}

interface Node {
  readonly enabled: number;
  chosen: number;
  done: number;
  backtrack: number;
  readonly sleep: number;
  /** previous is the worker whose event came just before this decision, -1 for the first. */
  readonly previous: number;
  /** preemptions counts the preemptions of the decisions before this one. */
  readonly preemptions: number;
}

const bit = (w: number) => 1 << w;
const bits = (mask: number) => {
  const out: number[] = [];
  for (let w = 0; mask >> w; w++) if (mask & bit(w)) out.push(w);
  return out;
};

/** SearchStats says how much the search covered. */
export interface SearchStats {
  readonly executions: number;
  /** pruned counts the alternatives within the bound that the reduction proved need not run: one per decision and worker. */
  readonly pruned: number;
  /** sleepBlocked counts executions cut short because everything left was explored elsewhere. */
  readonly sleepBlocked: number;
}

/** DepthFirstSearch walks the tree of decisions of one workload, one execution at a time. */
export class DepthFirstSearch {
  private nodes: Node[] = [];
  private branch = -1;
  private executions = 0;
  private pruned = 0;
  private sleepBlocked = 0;

  /** With `reduce` false it is plain depth-first search: every runnable worker at every decision (for tests and comparisons). */
  constructor(
    readonly bound: number,
    readonly reduce = true,
  ) {}

  get stats(): SearchStats {
    return { executions: this.executions, pruned: this.pruned, sleepBlocked: this.sleepBlocked };
  }

  /** record takes in one finished (or sleep-blocked) execution: its new decisions become nodes, and its races backtrack points. */
  record(executed: Executed, blocked: boolean): void {
    this.executions++;
    if (blocked) this.sleepBlocked++;
    const { decisions } = executed;
    this.nodes.length = Math.min(this.nodes.length, this.branch + 1);
    for (let d = this.branch + 1; d < decisions.length; d++) {
      const decision = decisions[d]!;
      const previous = d === 0 ? -1 : decisions[d - 1]!.chosen;
      const before = d === 0 ? undefined : this.nodes[d - 1]!;
      const preemptions = before ? before.preemptions + (isPreemption(before, before.chosen) ? 1 : 0) : 0;
      const backtrack = this.reduce ? bit(decision.chosen) : decision.runnable;
      this.nodes.push({
        enabled: decision.runnable,
        chosen: decision.chosen,
        done: bit(decision.chosen),
        backtrack,
        sleep: this.reduce ? decision.sleep : 0,
        previous,
        preemptions,
      });
    }
    if (this.reduce) this.analyse(executed);
  }

  /** next picks the next execution to run, or undefined when the search is complete. */
  next(): Next | undefined {
    for (let d = this.nodes.length - 1; d >= 0; d--) {
      const node = this.nodes[d]!;
      const candidates = bits(node.backtrack & ~node.done & ~node.sleep & node.enabled).filter(
        (w) => node.preemptions + (isPreemption(node, w) ? 1 : 0) <= this.bound,
      );
      if (candidates.length === 0) {
        this.pruned += bits(node.enabled & ~node.done).filter(
          (w) => node.preemptions + (isPreemption(node, w) ? 1 : 0) <= this.bound,
        ).length;
        this.nodes.pop();
        continue;
      }
      const choice = candidates[0]!;
      const sleep = (node.sleep | node.done) & ~bit(choice);
      node.chosen = choice;
      node.done |= bit(choice);
      this.branch = d;
      // Sleep sets assume that what they prune was explored from an earlier decision; under a
      // preemption bound that exploration may have been cut short, so they apply only without one.
      const sleeps = this.reduce && this.bound === Infinity;
      return { path: this.nodes.map((entry) => entry.chosen), sleepFrom: sleeps ? d : -1, sleep: sleeps ? sleep : 0 };
    }
    return undefined;
  }

  /**
   * analyse finds the races of an execution (races.ts) and adds, for each, a backtrack point that
   * reverses it: a race is a pair of dependent events of different workers with nothing between them
   * in happens-before order. To run the second before the first, the search must start, at the
   * decision before the first, with a worker that can begin the events that do not depend on the
   * first one, followed by the second: one of their "initials". If none of them is already to be
   * tried there, one is added.
   */
  private analyse(executed: Executed): void {
    forEachRace(executed, (first, initials, second) => this.reverse(first, initials, second));
  }

  /**
   * reverse adds a backtrack point at decision `d` for one of `initials`, unless one is already
   * there. Under a preemption bound it also adds one at the last context switch before `d`, for
   * `second`, the worker of the race's second event: the initials are those of decision `d`, and
   * from an earlier decision one of them may run before events it would have to follow.
   */
  private reverse(d: number, initials: number, second: number): void {
    const node = this.nodes[d];
    if (!node) return;
    const add = (at: Node, wanted: number) => {
      if (at.backtrack & wanted) return;
      const enabled = wanted & at.enabled;
      if (enabled === 0) {
        at.backtrack |= at.enabled;
        return;
      }
      const awake = enabled & ~at.sleep;
      if (awake === 0) return; // every initial sleeps here: the reversal was explored from an earlier decision
      at.backtrack |= bit(bits(awake)[0]!);
    };
    add(node, initials);
    if (this.bound === Infinity) return;
    // Under a preemption bound, also at the last context switch before it (as loom does).
    for (let k = d - 1; k >= 1; k--) {
      const at = this.nodes[k]!;
      if (at.chosen !== this.nodes[k - 1]!.chosen) {
        add(at, second);
        return;
      }
    }
    if (d > 0) add(this.nodes[0]!, second);
  }
}

/** isPreemption says whether choosing `worker` at this node takes the turn from a worker that could have gone on. */
function isPreemption(node: Node, worker: number): boolean {
  return node.previous >= 0 && worker !== node.previous && (node.enabled & bit(node.previous)) !== 0;
}
