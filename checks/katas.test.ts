/**
 * Your katas, under vitest: `npm run ui` shows each kata's report, timeline included, in the
 * browser, and attaches the failure picture (the page `--html` draws) to every failing kata.
 * These fail until you solve them; `npm test` (the instructors' suite) does not run them.
 */
import { describe, expect, it } from 'vitest';
import { kataFile, knownKatas, loadCheck } from '../harness/check/katas.ts';
import { runCheck } from '../harness/check/run-check.ts';
import { renderHtml } from '../harness/report/html.ts';
import { renderText } from '../harness/report/text.ts';

describe.each(knownKatas())('%s', (kata) => {
  it('passes its check', async ({ annotate }) => {
    const check = await loadCheck(kata);
    const result = await runCheck(check, { implementation: kataFile(check), typecheck: true });
    const report = renderText(check, result, { command: `npm run check ${kata} --` });
    console.log(report);
    await annotate('the report', { contentType: 'text/plain', body: report, bodyEncoding: 'utf-8' });
    const failure = result.properties.find((property) => (property.failure?.history?.steps.length ?? 0) > 0)?.failure;
    if (failure?.history) {
      const html = renderHtml({ title: `${kata} · ${check.title}`, verdict: result.status, finding: failure.finding, history: failure.history, replay: `npm run check ${kata} -- --replay ${failure.token}` });
      await annotate('the failing interleaving, drawn', { contentType: 'text/html', body: html, bodyEncoding: 'utf-8' });
    }
    expect(result.status, `\n${report}`).toBe('pass');
  });
});
