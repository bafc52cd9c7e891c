/**
 * capConsole lets kata code print its first lines, then makes `console` do nothing in this thread:
 * a check calls a method millions of times (the allocation meter alone does), and formatting and
 * sending each line to the main thread would make a check that prints take minutes. The main thread
 * shows a check's first lines of all threads together (kata-output.ts).
 */
/** SHOWN_LINES is how many lines of kata output one check shows, and so the most one thread need print. */
export const SHOWN_LINES = 200;

const CAPPED = ['log', 'info', 'debug', 'warn', 'error', 'table', 'dir', 'trace'] as const;

/** capConsole replaces `console`'s printing methods with ones that print SHOWN_LINES times in all. */
export function capConsole(): void {
  let left = SHOWN_LINES;
  for (const name of CAPPED) {
    const print = console[name] as (...data: unknown[]) => void;
    console[name] = (...data: unknown[]) => {
      if (left <= 0) return;
      left--;
      print.apply(console, data);
    };
  }
}
