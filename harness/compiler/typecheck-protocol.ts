import type { TypeProblem } from './typecheck.ts';

/** TypecheckRequest asks the typecheck's thread for a file's type errors; `id` counts requests from 1. */
export interface TypecheckRequest {
  readonly id: number;
  readonly file: string;
}

/** TypecheckAnswer is the thread's answer to request `id`: the type errors and how long they took, or why it could not tell. */
export type TypecheckAnswer =
  | { readonly id: number; readonly problems: TypeProblem[]; readonly ms: number }
  | { readonly id: number; readonly error: string };

/**
 * PendingTypecheck is a typecheck under way. `poll` reads its verdict without waiting (undefined
 * until it has one), for a caller that runs a check meanwhile and cannot return to its event loop;
 * `done` waits for it.
 */
export interface PendingTypecheck {
  poll(): Typechecked | undefined;
  readonly done: Promise<Typechecked>;
}

/** Typechecked is a typecheck's verdict: the type errors, and the milliseconds it took. */
export interface Typechecked {
  readonly problems: TypeProblem[];
  readonly ms: number;
}
