import type { Page } from 'playwright-core';

/** at waits until the play page shows step `n` of `total`: every key before it has been answered and drawn. */
export async function at(page: Page, n: number, total: number): Promise<void> {
  await page.locator('.position', { hasText: new RegExp(`^step ${n} of ${total}$`) }).waitFor();
}
