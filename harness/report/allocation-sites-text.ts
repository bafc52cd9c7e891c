/**
 * The allocation report's "where": for each method over budget, the lines V8's sampling heap
 * profiler found it allocating in, with the code on each, cut to the report's width.
 */
import { basename } from 'node:path';
import type { AllocatingLine } from '../alloc/allocating-lines.ts';
import type { MethodSites } from '../alloc/method-sites.ts';
import { bytes } from '../detectors/allocation.ts';
import { columns, plainText } from './plain-text.ts';

/** renderSites is the lines that say where each method allocates, each at most `width` columns. */
export function renderSites(sites: readonly MethodSites[], file: string, width: number): string[] {
  const name = basename(file);
  const out = ["What allocates, by V8's sampling heap profiler on the meter's thread:"];
  for (const site of sites) {
    const shown = site.functions.filter((fn) => fn.lines.length > 0);
    if (shown.length === 0) {
      out.push(`${site.op}() ${bytes(site.bytesPerCall)}: none of its own lines makes an object`);
      if (site.suspects) {
        out.push('  Most likely a float boxed where it is handed to Atomics, here:');
        for (const line of site.suspects) out.push(siteLine({ ...line, makes: '' }, name, '    ', width));
      }
      continue;
    }
    out.push(`${site.op}() ${bytes(site.bytesPerCall)}:`);
    const split = site.functions.length > 1;
    for (const fn of shown) {
      // Several functions share the figure as the profile split it: sampled, so about.
      if (split) out.push(`  ${fn.name}() (line ${fn.line}), about ${Math.round(fn.bytesPerCall)} B per call:`);
      for (const line of fn.lines) out.push(siteLine(line, name, split ? '    ' : '  ', width));
    }
  }
  return out;
}

/** siteLine is "  counter.ts:48  const f = new Float64Array(1);", with what it makes when the code does not say. */
function siteLine(line: AllocatingLine, file: string, indent: string, width: number): string {
  const says = line.makes === '' || line.text.includes(`new ${line.makes.replace(/^an? /, '')}`);
  const notes = [...(says ? [] : [line.makes]), ...(line.within ? [`in ${line.within}()`] : [])];
  const suffix = notes.length > 0 ? `  (${notes.join(', ')})` : '';
  const prefix = `${indent}${file}:${line.line}  `;
  const room = Math.max(12, width - 2 - columns(prefix) - columns(suffix));
  return `${prefix}${plainText(line.text, room)}${suffix}`;
}
