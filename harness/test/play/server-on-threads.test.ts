/**
 * The play server: 127.0.0.1 only, every request with the secret, POST bodies checked, the page's
 * files served; it stops when the last page says bye, and then no worker thread is left.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import type { PlayState } from '../../play/protocol.ts';
import { type PlayServer, startPlayServer } from '../../play/server.ts';
import { PlaySession } from '../../play/session.ts';
import { liveWorkers } from '../../worker/pool.ts';

const kata = await loadKata('kata-1');
const pageDir = mkdtempSync(join(tmpdir(), 'play-page-'));
writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>play</title>');
writeFileSync(join(pageDir, 'page.js'), '// the page');

let server: PlayServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(implementation = kata.paths.solution): Promise<PlayServer> {
  const session = await PlaySession.open(kata, { implementation });
  server = await startPlayServer(session, { pageDir, byeGraceMs: 0 });
  return server;
}

const at = (played: PlayServer, path: string) => `http://127.0.0.1:${played.port}${path}`;

function post(played: PlayServer, path: string, body: unknown, type = 'application/json'): Promise<Response> {
  return fetch(at(played, path), {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** withHost asks for the page under another host name, as a rebound DNS name would. */
function withHost(played: PlayServer, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const asked = request(
      { host: '127.0.0.1', port: played.port, path: `/?t=${played.secret}`, headers: { host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    asked.on('error', reject);
    asked.end();
  });
}

describe('the play server', () => {
  it('listens on 127.0.0.1, and serves the page and its files only with the secret', async () => {
    const played = await serve();
    expect(played.url).toBe(`http://127.0.0.1:${played.port}/?t=${played.secret}`);
    expect((await fetch(at(played, '/'))).status).toBe(403);
    expect((await fetch(at(played, '/?t=wrong'))).status).toBe(403);
    const page = await fetch(played.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>play</title>');
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(at(played, '/page.js'), { headers: { cookie } })).status).toBe(200);
    expect((await fetch(at(played, '/../package.json'), { headers: { cookie } })).status).not.toBe(200);
    expect(await withHost(played, 'evil.example:80')).toBe(403);
  });

  it('answers the state, and a step, as PlayStates', async () => {
    const played = await serve();
    const state = (await (await fetch(at(played, `/api/state?t=${played.secret}`))).json()) as PlayState;
    expect(state.kata.id).toBe('kata-1');
    const stepped = await post(played, '/api/step', { t: played.secret, worker: 0, to: 'step' });
    expect(stepped.status).toBe(200);
    expect(((await stepped.json()) as PlayState).steps).toHaveLength(1);
    const undone = (await (await post(played, '/api/goto', { t: played.secret, step: 0 })).json()) as PlayState;
    expect(undone.position).toBe(0);
  });

  it('refuses a POST without the secret, of another type, too long, or with fields out of the protocol', async () => {
    const played = await serve();
    const t = played.secret;
    expect((await post(played, '/api/step', { worker: 0, to: 'step' })).status).toBe(403);
    expect((await post(played, '/api/step', { t, worker: 0, to: 'step' }, 'text/plain')).status).toBe(403);
    expect((await post(played, '/api/step', { t, worker: 0, to: 'step', pad: 'x'.repeat(5000) })).status).toBe(403);
    expect((await post(played, '/api/step', '{"t":')).status).toBe(403);
    expect((await post(played, '/api/step', { t, worker: -1, to: 'step' })).status).toBe(400);
    expect((await post(played, '/api/step', { t, worker: 0, to: 'everything' })).status).toBe(400);
    expect((await post(played, '/api/step', { t, worker: 9, to: 'step' })).status).toBe(400);
    expect((await post(played, '/api/workload', { t, workload: 99 })).status).toBe(400);
    expect((await post(played, '/api/run', { t })).status).toBe(400);
  });

  it('stops when the last page says bye, and leaves no worker thread', async () => {
    const played = await serve();
    await fetch(played.url);
    expect(liveWorkers()).toBeGreaterThan(0);
    expect((await post(played, '/api/bye', { t: played.secret })).status).toBe(204);
    await played.stopped;
    expect(liveWorkers()).toBe(0);
    await expect(fetch(played.url)).rejects.toThrow();
  });

  it('shows a file with a syntax error as the check does: the error at file:line, and what to do', async () => {
    const played = await serve('harness/test/fixtures/syntax-error.ts');
    const state = (await (await fetch(at(played, `/api/state?t=${played.secret}`))).json()) as PlayState;
    expect(state.finding?.headline).toBe('harness/test/fixtures/syntax-error.ts could not be loaded');
    expect(state.finding?.lines[0]).toMatch(/^ {2}harness\/test\/fixtures\/syntax-error\.ts:5:\d+: SyntaxError/);
    expect(state.finding?.lines).toContain('Fix the error above and run the check again.');
    expect(state.workers).toEqual([]);
  });
});
