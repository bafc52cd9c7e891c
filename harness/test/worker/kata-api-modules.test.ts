/**
 * The kata API a thread hands a kata's imports is every module of it (harness/kata.ts and each file
 * of harness/sync/, what the import rules let a kata import), and the harness's own objects.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as mutex from '../../sync/mutex.ts';
import { threadId } from '../../kata.ts';
import { kataApiExports, kataApiModuleUrls } from '../../worker/kata-api-modules.ts';
import { isKataApi, kataApiUrl } from '../../worker/kata-import-rules.ts';

const sync = new URL('../../sync/', import.meta.url);

describe('the kata API modules', () => {
  it('are harness/kata.ts and every file of harness/sync/, each one the import rules let a kata import', () => {
    const files = readdirSync(sync).filter((name) => name.endsWith('.ts'));
    const expected = [kataApiUrl, ...files.map((name) => new URL(name, sync).href)];
    expect([...kataApiModuleUrls()].sort()).toEqual(expected.sort());
    for (const url of kataApiModuleUrls()) expect(isKataApi(url)).toBe(true);
  });

  it("export the harness's own objects, and nothing is found where no module of the API is", () => {
    const exported = kataApiExports(new URL('mutex.ts', sync).href);
    expect(exported?.['Mutex']).toBe(mutex.Mutex);
    expect(Object.keys(exported ?? {}).sort()).toEqual(Object.keys(mutex).sort());
    expect(kataApiExports(kataApiUrl)?.['threadId']).toBe(threadId);
    expect(kataApiExports(new URL('missing.ts', sync).href)).toBeUndefined();
    expect(kataApiExports(new URL('../worker/entry.ts', sync).href)).toBeUndefined();
  });
});
