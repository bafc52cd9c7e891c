/**
 * Your katas, under vitest: `npm run ui` lists one test per kata, in order. A failing kata's error
 * is its report, timeline included; the drawn interleaving (the page `--html` draws) is attached to
 * it, one click away. A kata not started yet is skipped; one started fails until it is solved.
 * `npm test` (the instructors' suite) does not run them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { kataIds, loadKata, root } from '../harness/curriculum/katas.ts';
import { examine } from '../harness/engine/examine.ts';
import { renderHtml } from '../harness/report/html.ts';
import { renderText } from '../harness/report/text.ts';
import { isUntouched } from '../harness/workshop/progress.ts';
import { dropWarmPools, keepPoolsWarm } from '../harness/worker/warm-pools.ts';

const katas = await Promise.all(kataIds().map(async (kata) => ({ kata, check: await loadKata(kata) })));
// KATAS_DIR checks another folder of katas (the suite proves that a broken one gets its report);
// it must sit directly in the checkout, as katas/ does, so that a kata's `../../harness/` resolves.
const katasDir = process.env['KATAS_DIR'] ? resolve(root, process.env['KATAS_DIR']) : join(root, 'katas');

/** NotSolved carries a kata's report as its message, and no stack: the report says where to look. */
class NotSolved extends Error {
  constructor(report: string) {
    super(report);
    this.name = 'NotSolved';
    this.stack = `${this.name}: ${report}`;
  }
}

// One kata's threads check the next (harness/worker/warm-pools.ts says why nothing carries over).
keepPoolsWarm();
afterAll(() => dropWarmPools());

for (const { kata, check } of katas) {
  it(`${kata} · ${check.title}`, async ({ annotate, skip }) => {
    const file = join(katasDir, kata, check.file);
    // Not started is not a failure: the same rule as `npm run check`'s progress list.
    if (existsSync(file) && isUntouched(check, file)) skip(`not started: npm run check ${kata}`);
    const result = await examine(check, { implementation: file, typecheck: true });
    const report = renderText(check, result, { command: `npm run check ${kata} --` });
    const failure = result.properties.find((property) => (property.failure?.history?.steps.length ?? 0) > 0)?.failure;
    if (failure?.history) {
      const html = renderHtml({
        title: `${kata} · ${check.title}`,
        verdict: result.status,
        finding: failure.finding,
        history: failure.history,
        replay: `npm run check ${kata} -- --replay ${failure.token}`,
      });
      // Attached (one click: Download), and written where `--html` writes it, to open in a browser.
      const page = join(root, 'results', `${kata}.html`);
      mkdirSync(dirname(page), { recursive: true });
      writeFileSync(page, html);
      await annotate(`the interleaving, drawn: ${pathToFileURL(page).href}`, {
        contentType: 'text/html',
        body: html,
        bodyEncoding: 'utf-8',
      });
    }
    if (result.status !== 'pass') throw new NotSolved(`\n${report}`);
    // A solved kata keeps its report (a lesson kata's lost update is its lesson) in the test's output.
    console.log(report);
    expect(result.status).toBe('pass');
  });
}
