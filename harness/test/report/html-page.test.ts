/**
 * The --html picture, in a real browser: Debian's chromium, headless, driven by playwright-core
 * (a downloaded browser cannot be fetched here). It must render, draw every step, and mark the
 * right ones. CI installs chromium (.ci/run); elsewhere the test is skipped, saying why, when
 * there is no chromium to drive. Screenshots are saved to results/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { readsFrom, renderHtml } from '../../report/html.ts';
import { haveChromium, launchChromium } from '../support/chromium.ts';

const haveBrowser = haveChromium('html-page.test.ts');

describe.skipIf(!haveBrowser)('the --html failure picture, in chromium', () => {
  let browser: Browser;
  const scratch = mkdtempSync(join(tmpdir(), 'counter-katas-html-'));

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function picture(kata: string, implementation: string, seed: number) {
    const check = await loadKata(kata);
    const result = await examine(check, { implementation, seed });
    const failure = result.properties.find((property) => property.failure?.history)!.failure!;
    const file = join(scratch, `${kata}.html`);
    writeFileSync(
      file,
      renderHtml({
        title: kata,
        verdict: result.status,
        finding: failure.finding,
        history: failure.history!,
        replay: `npm run check ${kata} -- --replay ${failure.token}`,
      }),
    );
    const page = await browser.newPage({ viewport: { width: 1250, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    return { page, failure, history: failure.history! };
  }

  it("draws kata-1's lost update: every step, the overwriting write marked, the reads-from arrows", async () => {
    const { page, failure, history } = await picture('kata-1', (await loadKata('kata-1')).paths.solution, 3);
    expect(failure.finding.detector).toBe('lost-update');
    await expect(page.locator('.step').count()).resolves.toBe(history.steps.length);
    const marked = await page
      .locator('.step.marked')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-t'))));
    expect(marked).toEqual([...failure.finding.marks].sort((a, b) => a - b));
    await expect(page.locator('.step.marked').first().textContent()).resolves.toMatch(/write cell\[0\] ← 1/);
    // The test runs in Node, the callback in the page: it has the browser's getComputedStyle.
    const stroke = await page
      .locator('.step.marked rect')
      .first()
      .evaluate(
        (node) =>
          (globalThis as unknown as { getComputedStyle(n: unknown): { stroke: string } }).getComputedStyle(node).stroke,
      );
    expect(stroke).toBe('rgb(214, 39, 40)');
    await expect(page.locator('.reads-from').count()).resolves.toBe(readsFrom(history.steps).length);
    await expect(page.getByText('lost update: 2 adds should sum to 2, but value() is 1').count()).resolves.toBe(1);
    mkdirSync(join(root, 'results'), { recursive: true });
    const shot = join(root, 'results', 'html-kata-1.png');
    await page.screenshot({ path: shot, fullPage: true });
    // The picture was written, as a PNG (its size is the browser's business, not the test's).
    expect([...readFileSync(shot).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await page.close();
  }, 60_000);

  it("draws kata-6's torn read with both halves of the read marked", async () => {
    const splitWrite = join(root, 'checks/kata-6/mutants/aligned-but-plain.ts');
    const { page, failure, history } = await picture('kata-6', splitWrite, 1);
    expect(failure.finding.detector).toBe('torn-read');
    await expect(page.locator('.step').count()).resolves.toBe(history.steps.length);
    const texts = await page.locator('.step.marked').allTextContents();
    expect(texts.length).toBe(failure.finding.marks.length);
    for (const text of texts) expect(text).toMatch(/read +cell\[0\]\.(lo|hi)/);
    await page.screenshot({ path: join(root, 'results', 'html-kata-6.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
