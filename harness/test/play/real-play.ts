/**
 * The play page against the real play server (harness/play/server.ts) and its engine: a kata's
 * session opened as `npm run play` opens it, its page in chromium, and the keys an attendee presses.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadKata, root } from '../../curriculum/katas.ts';
import type { Film } from '../../play/film.ts';
import type { PlayState } from '../../play/protocol.ts';
import { type PlayServer, startPlayServer } from '../../play/server.ts';
import { PlaySession } from '../../play/session.ts';
import { at } from './page-position.ts';

export interface RealPlay {
  readonly page: Page;
  readonly server: PlayServer;
  /** chooseWorkload picks a workload by its name in the page's list, and waits for the new play. */
  chooseWorkload(name: string): Promise<void>;
  /** close closes the page, which says bye, and waits until the server and its workers have stopped. */
  close(): Promise<void>;
}

export interface PlayOptions {
  /** implementation is the file to play, from the checkout's root; none: the kata's solution. */
  readonly implementation?: string;
  readonly film?: Film;
}

export async function openPlay(browser: Browser, kataId: string, options: PlayOptions = {}): Promise<RealPlay> {
  const kata = await loadKata(kataId);
  const implementation = options.implementation ? join(root, options.implementation) : kata.paths.solution;
  const session = await PlaySession.open(kata, { implementation }, options.film);
  const server = await startPlayServer(session, { byeGraceMs: 0 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(server.url);
  // The header is drawn with every state, the play's and a kata's that did not load alike.
  await page.locator('#header h1').waitFor();
  return {
    page,
    server,
    async chooseWorkload(name) {
      await Promise.all([answered(page, '/api/workload'), page.selectOption('select.workload', { label: name })]);
    },
    async close() {
      await page.close({ runBeforeUnload: true });
      await server.stop();
    },
  };
}

/** answered waits for the server's answer to a request on `route`, and for the page to draw it. */
async function answered(page: Page, route: string): Promise<PlayState> {
  const response = await page.waitForResponse((candidate) => new URL(candidate.url()).pathname === route);
  const state = (await response.json()) as PlayState;
  await at(page, state.position, state.steps.length);
  return state;
}

/** press makes one move: "2" steps worker 1 (key 2), "+2" finishes its operation (Shift+2); it waits until it is drawn. */
export async function press(page: Page, move: string): Promise<PlayState> {
  const key = `${move.startsWith('+') ? 'Shift+' : ''}Digit${move.replace('+', '')}`;
  const [state] = await Promise.all([answered(page, '/api/step'), page.keyboard.press(key)]);
  return state;
}
