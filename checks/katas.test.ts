/**
 * Your katas, under vitest: `npm run ui` shows each kata's report, timeline included, in the browser.
 * These fail until you solve them; `npm test` (the instructors' suite) does not run them.
 */
import { describe, expect, it } from 'vitest';
import { kataFile, knownKatas, loadCheck } from '../harness/check/katas.ts';
import { runCheck } from '../harness/check/run-check.ts';
import { renderText } from '../harness/report/text.ts';

describe.each(knownKatas())('%s', (kata) => {
  it('passes its check', async () => {
    const check = await loadCheck(kata);
    const result = await runCheck(check, { implementation: kataFile(check), typecheck: true });
    const report = renderText(check, result, { command: `npm run check ${kata} --` });
    console.log(report);
    expect(result.status, `\n${report}`).toBe('pass');
  });
});
