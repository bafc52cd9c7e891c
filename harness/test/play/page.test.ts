/**
 * The play page in chromium, against the fake play server (fake-play-server.ts): what it draws of
 * a PlayState, and what it sends for each key and click. The real server's tests, with the engine
 * behind it, are in page-on-threads.test.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from '../support/chromium.ts';
import { type FakeOptions, startFakePlay } from './fake-play-server.ts';
import { at } from './page-position.ts';

const haveBrowser = haveChromium('play/page.test.ts');

describe.skipIf(!haveBrowser)('the play page, in chromium, against a fake server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  async function open(options: FakeOptions = {}) {
    const play = await startFakePlay(options);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(play.url);
    return { play, page };
  }

  it('loses an update by keys, names it, marks the overwriting write, and undo takes it away', async () => {
    const { play, page } = await open();
    await page.locator('.worker').first().waitFor();
    for (const key of ['1', '2', '2']) await page.keyboard.press(key);
    await at(page, 3, 3);
    await expect(page.locator('.finding.found').count()).resolves.toBe(0);
    await expect(page.locator('.reached').textContent()).resolves.toBe('not yet');
    await page.keyboard.press('1');
    await at(page, 4, 4);
    await expect(page.locator('.finding .headline').textContent()).resolves.toBe(
      'lost update: 2 adds should sum to 2, but value() is 1',
    );
    await expect(page.locator('.reached').textContent()).resolves.toBe('✓ reached');
    await expect(page.locator('.step.marked').getAttribute('data-step')).resolves.toBe('4');
    await expect(page.locator('.step.marked').textContent()).resolves.toMatch(/write cell\[0\] ← 1:21 ✗/);
    await expect(page.locator('.command').textContent()).resolves.toMatch(/^npm run check kata-1 -- --replay \S+$/);
    await page.keyboard.press('ArrowLeft');
    await at(page, 3, 4);
    await expect(page.locator('.finding.found').count()).resolves.toBe(0);
    await expect(page.locator('.step.ahead').getAttribute('data-step')).resolves.toBe('4');
    await page.keyboard.press('r');
    await at(page, 4, 4);
    await expect(page.locator('.finding.found').count()).resolves.toBe(1);
    await page.close();
    await play.stop();
  });

  it("steps a worker by its button, finishes an operation with Shift, and goes to a step by clicking the timeline's row", async () => {
    const { play, page } = await open();
    await page.locator('.worker[data-worker="1"] button.step').click();
    await at(page, 1, 1);
    await expect(page.locator('.worker[data-worker="1"] .next').textContent()).resolves.toBe('next: write cell[0]');
    await expect(page.locator('.worker[data-worker="1"] .src-line.current').textContent()).resolves.toMatch(
      /^ *21▶ {4}this\.cell\[0\] \+= delta;$/,
    );
    await page.keyboard.press('Shift+Digit1');
    await at(page, 3, 3);
    await expect(page.locator('.worker[data-worker="0"] .state').textContent()).resolves.toBe('done');
    // A worker with no operation left has none to finish: its button says it is done, and is off.
    const finish = (worker: number) => page.locator(`.worker[data-worker="${worker}"] button.step-op`);
    await expect(finish(0).textContent()).resolves.toBe('⇧1 done');
    await expect(finish(0).isDisabled()).resolves.toBe(true);
    await expect(finish(1).textContent()).resolves.toBe('⇧2 finish add(1)');
    await expect(finish(1).isEnabled()).resolves.toBe(true);
    await expect(page.locator('.memory tr.changed .writer').textContent()).resolves.toBe('worker 0');
    await page.locator('.step[data-step="1"]').click();
    await at(page, 1, 3);
    await page.keyboard.press('End');
    await at(page, 3, 3);
    await page.keyboard.press('Home');
    await at(page, 0, 3);
    await page.close();
    await play.stop();
  });

  it('opens a path as a film: every step ahead, played forward and back', async () => {
    const { play, page } = await open({ path: [0, 1, 1, 0] });
    await at(page, 0, 4);
    await expect(page.locator('.step.ahead').count()).resolves.toBe(4);
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
    await at(page, 4, 4);
    await expect(page.locator('.finding.found').count()).resolves.toBe(1);
    await page.keyboard.press('ArrowRight'); // past the end: nothing to play
    await page.keyboard.press('u');
    await at(page, 3, 4);
    await expect(page.locator('.finding.found').count()).resolves.toBe(0);
    await page.close();
    await play.stop();
  });

  it('shows the report when the kata does not load, and says bye when it closes', async () => {
    const unloaded = { headline: 'katas/kata-1/counter.ts:21:5: syntax error', lines: ['  21 |   this.cell[0] +=;'] };
    const { play, page } = await open({ unloaded });
    await expect(page.locator('.report-text').textContent()).resolves.toBe(
      'katas/kata-1/counter.ts:21:5: syntax error\n  21 |   this.cell[0] +=;',
    );
    await expect(page.locator('main').isVisible()).resolves.toBe(false);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => play.byes()).toBe(1);
    await play.stop();
  });
});
