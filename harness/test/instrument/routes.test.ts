/**
 * Every route to shared memory, end to end: a racy counter written through each route is flagged by
 * the check (random cases and systematic search alike), and code that reaches for what it may not
 * is refused with a message that names its file and line.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { findingOf } from '../../engine/results.ts';
import { examine } from '../../engine/examine.ts';
import { runSystematic } from '../../engine/exhaustive.ts';
import { liveWorkers } from '../../worker/pool.ts';

const folder = fileURLToPath(new URL('../fixtures/routes/', import.meta.url));
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const routes = files.filter((name) => !name.startsWith('refused-')).map((name) => ({ name, file: folder + name }));
const refused = files.filter((name) => name.startsWith('refused-')).map((name) => ({ name, file: folder + name }));
const check = await loadKata('kata-4');

describe('a racy counter through each route', () => {
  it.each(routes)('is flagged by the check: $name', async ({ file }) => {
    const { flaggedBy } = (await import(file)) as { flaggedBy: string };
    const result = await examine(check, { implementation: file, seed: 1 });
    const found = result.properties.flatMap((property) => findingOf(property)?.detector ?? []);
    expect(result.status).toBe('fail');
    expect(found).toContain(flaggedBy);
  });

  it.each(routes)('is flagged by systematic search: $name', async ({ file }) => {
    const outcome = await runSystematic(check, { implementation: file });
    expect(outcome.status).toBe('fail');
    expect(outcome.explored.some((entry) => entry.failure)).toBe(true);
  });
});

describe('code that reaches past the kata API', () => {
  it.each(refused)('is refused with its file and line: $name', async ({ file }) => {
    const result = await examine(check, { implementation: file, seed: 1 });
    expect(result.status).toBe('error');
    expect(result.loadError?.at?.file).toBe(file);
    expect(result.loadError?.at?.line).toBeGreaterThan(0);
    expect(result.loadError?.message.length).toBeGreaterThan(20);
    expect(liveWorkers()).toBe(0);
  });
});
