/**
 * Debian's chromium, headless, driven by playwright-core (a downloaded browser cannot be fetched
 * here), for the tests that look at a page: the --html picture and the play page. CI installs it
 * (.ci/run); elsewhere those tests are skipped, saying why.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** haveChromium says whether there is a browser to drive, and says why not once when there is none (under CI, none is an error). */
export function haveChromium(test: string): boolean {
  const have = existsSync(executablePath);
  if (!have && process.env['CI'])
    throw new Error(`no browser at ${executablePath}: .ci/run installs Debian's chromium`);
  if (!have)
    console.warn(`${test} skipped: no chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return have;
}

/** launchChromium starts it with the flags this machine needs: no sandbox as root, and no background network (it is closed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
