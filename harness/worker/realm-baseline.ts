/**
 * A checked thread's realm before its first kata, and whether it is so again after a kata: what
 * lets a warm pool give the thread the next kata (realm-fingerprint.ts says what is compared).
 */
import { setImmediate as later } from 'node:timers';
import { kataApiExports, kataApiModuleUrls } from './kata-api-modules.ts';
import { type Fingerprint, realmFingerprint, sameRealm } from './realm-fingerprint.ts';

let roots: object[] = [];
let baseline: Fingerprint | undefined;

/** takeBaseline writes the realm down: call it once the harness has installed everything, before the first kata loads. */
export function takeBaseline(): void {
  // What every module of the kata API exports, read once: the next kata is handed the same objects.
  roots = [globalThis, ...kataApiModuleUrls().map((url) => kataApiExports(url)!)];
  baseline = realmFingerprint(roots);
}

/** realmUnchanged is true when the realm reads as it did at takeBaseline. */
export async function realmUnchanged(): Promise<boolean> {
  // What kata code left queued (a promise's reaction) runs now, before the realm is read, and never
  // in the next kata's time. If it throws, the thread ends: the pool counts it as not clean.
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => later(resolve));
  return baseline !== undefined && sameRealm(realmFingerprint(roots), baseline);
}
