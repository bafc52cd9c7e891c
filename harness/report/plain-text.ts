/**
 * Text from a submission, made safe to show an instructor. An error message or a name comes from
 * kata code, and kata code can put anything in it: escape sequences that clear the screen or retitle
 * the terminal, or a newline and a fake row of the table. Shown, it is one line of printable text,
 * cut to a length; padded, it is measured in terminal columns.
 */

// C0 and C1 controls, DEL, and the escape sequences built from them (CSI, OSC, and the rest).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it matches, to remove them.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it matches, to remove them.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** plainText returns `text` as one line of printable characters, at most `max` long (an ellipsis marks a cut). */
export function plainText(text: string, max = 300): string {
  const line = text
    .replace(ESCAPES, '')
    .replace(/\s*[\r\n]+\s*/g, ' ⏎ ')
    .replace(CONTROLS, ' ');
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}

/** columns is how many terminal columns `text` takes: wide (East Asian, emoji) characters two, combining marks none. */
export function columns(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f))
      continue;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** fitColumns cuts `text` to at most `width` columns (an ellipsis marks a cut) and pads it to exactly that. */
export function fitColumns(text: string, width: number): string {
  const whole = plainText(text, 10_000);
  if (columns(whole) <= width) return whole + ' '.repeat(width - columns(whole));
  let out = '';
  for (const char of whole) {
    if (columns(out) + columns(char) > width - 1) break;
    out += char;
  }
  out += '…';
  return out + ' '.repeat(Math.max(0, width - columns(out)));
}
