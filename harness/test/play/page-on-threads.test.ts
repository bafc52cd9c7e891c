/**
 * The play page in chromium against the real play server and its engine (issue 25's tests): a
 * lost update made by keys, named, replayed by the check from the page's token, and gone on undo;
 * a kata-6 tear the check printed, opened as a film and stepped back and forth; a kata file with
 * a syntax error, reported as the check reports it; nothing left running once the page closes.
 * Screenshots at 1280×720 go to results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { examineSchedule } from '../../engine/exhaustive.ts';
import { decodeToken } from '../../engine/token.ts';
import { filmOf } from '../../play/film.ts';
import { renderText } from '../../report/text.ts';
import { liveWorkers } from '../../worker/pool.ts';
import { haveChromium, launchChromium } from '../support/chromium.ts';
import { at } from './page-position.ts';
import { openPlay, press } from './real-play.ts';

const haveBrowser = haveChromium('play/page-on-threads.test.ts');
const shots = join(root, 'results');

describe.skipIf(!haveBrowser)('the play page, in chromium, against the play server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(() => browser?.close());

  it("makes kata-1's lost update by keys; the page names it, the check replays its token, and undo takes it away", async () => {
    const play = await openPlay(browser, 'kata-1');
    const { page } = play;
    await play.chooseWorkload('add(1) on two workers');
    let state = await press(page, '1');
    for (const move of ['2', '1', '2', '+1', '+2', '+1']) state = await press(page, move);
    const headline = await page.locator('.finding .headline').textContent();
    expect(headline).toBe('lost update: 2 adds should sum to 2, but value() is 1');
    await expect(page.locator('.reached').textContent()).resolves.toBe('✓ reached');
    await expect(page.locator('.step.marked td.text:not(:empty)').allTextContents()).resolves.toEqual([
      'write cell[0] ← 1:21 ✗',
    ]);
    await page.screenshot({ path: join(shots, 'play-kata-1.png') });

    // The command the page shows replays the same failure through the check's own replay.
    const command = (await page.locator('.command').textContent()) ?? '';
    const token = decodeToken(command.replace(/^npm run check kata-1 -- --replay /, ''));
    if (!('ops' in token)) throw new Error(`expected a schedule token in ${command}`);
    const kata = await loadKata('kata-1');
    const report = await examineSchedule(
      kata,
      { implementation: kata.paths.solution },
      token.ops,
      token.path,
      token.seed,
    );
    expect(report.properties[0]?.explored?.[0]?.failure?.finding.summary).toBe(headline);

    // Back to before the second write: no finding, the write dimmed ahead; End brings it back.
    const second = await page.locator('.step', { hasText: 'write cell[0]' }).nth(1).getAttribute('data-step');
    await page.locator(`.step[data-step="${Number(second) - 1}"]`).click();
    await at(page, Number(second) - 1, state.steps.length);
    await expect(page.locator('.finding.found').count()).resolves.toBe(0);
    await expect(page.locator('.reached').textContent()).resolves.toBe('not yet');
    await expect(page.locator(`.step[data-step="${second}"]`).getAttribute('class')).resolves.toMatch(/\bahead\b/);
    await page.keyboard.press('End');
    await at(page, state.steps.length, state.steps.length);
    await expect(page.locator('.finding .headline').textContent()).resolves.toBe(headline);

    await play.close();
    expect(liveWorkers()).toBe(0);
  });

  it("shows why kata-2's lock keeps a second worker out: it sleeps until the holder unlocks", async () => {
    const play = await openPlay(browser, 'kata-2');
    await play.chooseWorkload('add(1) on two workers');
    await press(play.page, '1');
    await press(play.page, '2');
    const second = play.page.locator('.worker[data-worker="1"]');
    await expect(second.locator('.state').textContent()).resolves.toMatch(/mu/);
    await expect(second.locator('button.step').isDisabled()).resolves.toBe(true);
    await play.close();
  });

  it('opens a kata-6 tear the check printed as a film, and steps it forward and back', async () => {
    const kata = await loadKata('kata-6');
    const implementation = join(root, 'checks/kata-6/mutants/aligned-but-plain.ts');
    const report = await examine(kata, { implementation, seed: 1 });
    const failure = report.properties.find((property) => property.failure)!.failure!;
    expect(failure.finding.detector).toBe('torn-read');
    const film = await filmOf(kata, { implementation }, decodeToken(failure.token));
    const play = await openPlay(browser, 'kata-6', {
      implementation: 'checks/kata-6/mutants/aligned-but-plain.ts',
      film,
    });
    const { page } = play;
    const total = await page.locator('.step[data-step]').count();
    await at(page, 0, total);
    await expect(page.locator('.step.ahead').count()).resolves.toBe(total);
    // Forward, one step at a time, until the detectors see the tear (a data race on the halves comes first).
    const headline = async () => (await page.locator('.finding .headline').allTextContents())[0] ?? '';
    let position = 0;
    while (!(await headline()).startsWith('torn read: ') && position < total) {
      await page.keyboard.press('ArrowRight');
      await at(page, ++position, total);
    }
    await expect(page.locator('.finding .headline').textContent()).resolves.toMatch(/^torn read: /);
    const marked = await page.locator('.step.marked td.text:not(:empty)').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const text of marked) expect(text).toMatch(/cell\[0\]\.(lo|hi)/);
    await page.screenshot({ path: join(shots, 'play-kata-6.png') });
    await page.keyboard.press('ArrowLeft');
    await at(page, position - 1, total);
    await expect(page.locator('.finding .headline').textContent()).resolves.not.toMatch(/^torn read/);
    await page.keyboard.press('Home');
    await at(page, 0, total);
    await play.close();
  });

  it('shows the check’s file:line report for a kata file with a syntax error', async () => {
    const play = await openPlay(browser, 'kata-4', { implementation: 'harness/test/fixtures/syntax-error.ts' });
    const shown = (await play.page.locator('.report-text').textContent()) ?? '';
    // The check's report of the same file, as the golden report pins it.
    const golden = readFileSync(join(root, 'harness/test/report/golden/syntax-error.txt'), 'utf8');
    expect(shown).toContain('harness/test/fixtures/syntax-error.ts:5:29: SyntaxError: Expected ";" but found "]"');
    const checkLines = golden.split('\n').map((text) => text.replace(/^\s*✗ /, '').trim());
    for (const line of shown.split('\n').filter((text) => text.trim() !== ''))
      expect(checkLines).toContain(line.trim());
    await play.close();
  });

  it('shows the check’s file:line report for a kata file with a type error, and nothing to step', async () => {
    const file = 'harness/test/fixtures/type-error.ts';
    const play = await openPlay(browser, 'kata-4', { implementation: file });
    const shown = (await play.page.locator('.report-text').textContent()) ?? '';
    // The check's own report of the same file, made now: its lines after the title, as the page shows them.
    const kata = await loadKata('kata-4');
    const result = await examine(kata, { implementation: join(root, file), typecheck: true, seed: 1 });
    expect(result.typeErrors?.length).toBeGreaterThan(0);
    const report = renderText(kata, result, { command: 'npm run check kata-4 --' }).split('\n');
    expect(shown).toBe(report.slice(2).join('\n').replace(/^✗ /, ''));
    expect(shown).toContain(`${file}:9:26: Argument of type 'string' is not assignable to parameter of type 'number'.`);
    await expect(play.page.locator('main').isVisible()).resolves.toBe(false);
    await expect(play.page.locator('.worker').count()).resolves.toBe(0);
    await play.close();
  });
});
