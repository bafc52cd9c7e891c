/**
 * A lesson passes: kata-1's solution is solved, and the lost update it shows is what the kata teaches,
 * so no report of it (text, --json, --html, the play page) tells the attendee to fix it. The same
 * finding in a kata that requires concurrency is a failure, and carries the advice.
 */
import { describe, expect, it } from 'vitest';
import type { Kata } from '../../curriculum/resolve.ts';
import type { Finding } from '../../detectors/finding.ts';
import type { Report } from '../../engine/results.ts';
import { isLesson } from '../../engine/verdict.ts';
import { playFinding } from '../../play/finding-words.ts';
import { renderHtml } from '../../report/html.ts';
import { reportJson } from '../../report/json.ts';
import { renderText } from '../../report/text.ts';
import { checkPicture } from '../../workshop/check-picture.ts';
import { root, loadKata } from '../../curriculum/katas.ts';
import { SEED } from './cases.ts';
import { cliCheck } from './cli-report.ts';

/** flat is text with its wrapping undone, so that a sentence is found whatever the width broke. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const command = 'npm run check kata-1 --';

/** required is kata-1 as a kata whose concurrency finding fails it, as from kata-2 on. */
const required = (kata: Kata): Kata => ({ ...kata, policy: { ...kata.policy, concurrency: 'required' } });

describe("a lesson's report", () => {
  it("words kata-1's lost update without the advice that a failure of it carries", async () => {
    const kata = await loadKata('kata-1');
    const { result, text } = await cliCheck(
      { name: 'kata-1-lesson', kata: 'kata-1', impl: 'solutions/kata-1/counter.ts' },
      SEED,
      { typecheck: false },
    );
    expect(result.status).toBe('pass');
    const stage = result.properties.find((property) => property.failure);
    const finding = stage?.failure?.finding as Finding;
    expect(isLesson(kata, stage!.property, finding)).toBe(true);
    // The detector words its way out apart from what happened, so that a lesson can leave it out.
    const advice = finding.advice ?? [];
    expect(advice.length).toBeGreaterThan(0);
    expect(finding.details.length).toBeGreaterThan(0);

    const json = JSON.stringify(reportJson(result, root, { loadedMs: 0, sinceProcessStartMs: 0, cpuMs: 0 }));
    const html = renderHtml(checkPicture(kata, result, command, root));
    const page = playFinding(finding, isLesson(kata, 'concurrency', finding)).lines.join(' ');
    for (const line of finding.details) {
      expect(flat(text)).toContain(flat(line));
      expect(page).toContain(line);
    }
    for (const line of advice) {
      expect(flat(text)).not.toContain(flat(line));
      expect(json).not.toContain(JSON.stringify(line).slice(1, -1));
      expect(html).not.toContain(line.slice(0, 40));
      expect(page).not.toContain(line);
    }

    // The same result, judged as a failure, says what to change, in every form.
    const failing: Report = { ...result, status: 'fail' };
    const failingText = renderText(required(kata), failing, { command });
    const failingJson = JSON.stringify(reportJson(failing, root, { loadedMs: 0, sinceProcessStartMs: 0, cpuMs: 0 }));
    const failingHtml = renderHtml(checkPicture(required(kata), failing, command, root));
    for (const line of advice) {
      expect(flat(failingText)).toContain(flat(line));
      expect(failingJson).toContain(JSON.stringify(line).slice(1, -1));
      expect(failingHtml).toContain(line.slice(0, 40));
      expect(playFinding(finding).lines.join(' ')).toContain(line);
    }
  });
});
