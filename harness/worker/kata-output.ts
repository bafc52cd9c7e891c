/**
 * What kata code prints (`console.log` in a method, to debug it) goes to stderr, never stdout, where
 * `--json` and the grader's lines go. A check calls a method thousands of times, so only the first
 * lines of each check are shown, then one line saying the rest was left out.
 */
import { Writable } from 'node:stream';
import { SHOWN_LINES } from './console-cap.ts';

let lines = 0;

/** kataOutput is the one sink every worker thread's stdout is piped into. */
export const kataOutput = new Writable({
  write(chunk: Buffer, _encoding, done) {
    if (lines > SHOWN_LINES) return done();
    const text = chunk.toString();
    const room = SHOWN_LINES - lines;
    const parts = text.split('\n');
    const newlines = parts.length - 1;
    if (newlines <= room) {
      lines += newlines;
      process.stderr.write(text, () => done());
      return;
    }
    lines = SHOWN_LINES + 1;
    const shown = parts
      .slice(0, room)
      .map((line) => `${line}\n`)
      .join('');
    process.stderr.write(`${shown}… kata code printed more: the rest of its output in this check is left out\n`, () =>
      done(),
    );
  },
});
kataOutput.setMaxListeners(0);

/** startKataOutput starts a check's share of kata output lines. */
export function startKataOutput(): void {
  lines = 0;
}
