/**
 * The terminal's colours, as chalk paints them (`paint.red('error:')`, `paint.red.bold(...)`): the
 * five the harness uses, and `level` (0: none). zx's chalk cost every command about 150 ms of CPU to
 * load with the rest of zx; these are a few lines. By default colour is on for a terminal unless
 * NO_COLOR is set, and on anywhere with FORCE_COLOR (https://no-color.org, https://force-color.org);
 * the commands decide for themselves with cli/colour.ts: a terminal, unless NO_COLOR is set or the
 * output is meant for a program, so that a check run from a test or a pipe never prints escapes.
 */
const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;

type StyleName = keyof typeof codes;

/** Paint paints its text, and chains: `paint.red.bold(text)`. */
export type Paint = ((text: unknown) => string) & { readonly [name in StyleName]: Paint };

function colourByDefault(): number {
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined) return force === '0' || force === 'false' ? 0 : 1;
  return process.stdout?.isTTY && !process.env['NO_COLOR'] ? 1 : 0;
}

const settings = { level: colourByDefault() };

function painter(styles: readonly (readonly [number, number])[]): Paint {
  const paint = (text: unknown): string => {
    let painted = String(text);
    if (settings.level === 0 || painted === '') return painted;
    for (const [open, close] of [...styles].reverse()) {
      // A style closed inside the text (bold and dim share one close) is opened again after it, as chalk does.
      painted = `\u001b[${open}m${painted.replaceAll(`\u001b[${close}m`, `\u001b[${close}m\u001b[${open}m`)}\u001b[${close}m`;
    }
    return painted;
  };
  for (const name of Object.keys(codes) as StyleName[])
    Object.defineProperty(paint, name, { get: () => painter([...styles, codes[name]]) });
  return paint as Paint;
}

/** paint is chalk's interface to the colours the harness uses; `paint.level = 0` turns them off. */
export const paint = Object.defineProperty(painter([]), 'level', {
  get: () => settings.level,
  set: (level: number) => {
    settings.level = level;
  },
}) as Paint & { level: number };
