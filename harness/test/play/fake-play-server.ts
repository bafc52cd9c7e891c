/**
 * A stand-in for the play server, for the page's own tests: it speaks harness/play/protocol.ts
 * over Node's http and serves the real page, but its run is a hand-written model of kata-1 (two
 * workers, each add(1) as a read and then a write of cell[0]), not the engine. It lets the page be
 * tested on its own; the tests against the real server are in page-on-threads.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { builtPage } from '../../play/page-build.ts';
import type { PlayState, PlayStep } from '../../play/protocol.ts';

const SOURCE = 'katas/kata-1/counter.ts';
const LINES = Array.from({ length: 30 }, (_, i) =>
  i === 20 ? '    this.cell[0] += delta;' : i === 24 ? '    return this.cell[0];' : `// line ${i + 1}`,
);

/** stateAt replays the model along `path` (a worker per step) and says what the page should show at `position`. */
export function stateAt(path: readonly number[], position: number, workload: number): PlayState {
  let cell = 0;
  let lastWriter: number | undefined;
  let lastWrite = -1;
  const seen = [0, 0];
  const taken = [0, 0];
  const steps: PlayStep[] = path.map((worker, index) => {
    const reads = taken[worker]! === 0;
    const now = index < position;
    if (now) taken[worker]! += 1;
    if (now && reads) seen[worker] = cell;
    if (now && !reads) [cell, lastWriter, lastWrite] = [seen[worker]! + 1, worker, index];
    const text = reads ? `read  cell[0]${now ? ` → ${seen[worker]}` : ''}` : `write cell[0]${now ? ` ← ${cell}` : ''}`;
    return { worker, text, file: SOURCE, line: 21, marked: false };
  });
  // The fake's ahead steps are never taken by `taken`: a film's tail is shown as the path names it.
  const lost = taken[0] === 2 && taken[1] === 2 && cell === 1;
  if (lost) steps[lastWrite] = { ...steps[lastWrite]!, marked: true };
  return {
    kata: { id: 'kata-1', title: 'the naive counter' },
    goal: { text: 'Lose an update: make two add(1) leave 1.', reached: lost },
    workloads: ['add(1) on two workers', 'add(1), add(2) on two workers'],
    workload,
    files: [{ path: SOURCE, lines: LINES }],
    workers: [0, 1].map((index) => ({
      index,
      label: `worker ${index}`,
      ops: ['add(1)'],
      op: taken[index]! >= 2 ? 1 : 0,
      state: taken[index]! >= 2 ? 'done' : 'ready',
      ...(taken[index]! < 2 && {
        next: { text: taken[index] === 0 ? 'read  cell[0]' : 'write cell[0]', file: SOURCE, line: 21 },
      }),
    })),
    memory: [
      {
        name: 'cell[0]',
        value: String(cell),
        bits: cell === 0 ? '0x0000000000000000' : `0x${(cell === 1 ? '3ff' : '400').padEnd(16, '0')}`,
        ...(lastWriter !== undefined && { lastWriter }),
        changed: lastWrite >= 0 && lastWrite === position - 1,
      },
    ],
    steps,
    position,
    ...(lost && {
      finding: {
        headline: 'lost update: 2 adds should sum to 2, but value() is 1',
        lines: ['expected 2, got 1', 'at katas/kata-1/counter.ts:21'],
      },
    }),
    token: Buffer.from(JSON.stringify(path.slice(0, position))).toString('base64url'),
    done: taken[0] === 2 && taken[1] === 2,
  };
}

const PAGE_FILES: Readonly<Record<string, { name: string; type: string }>> = {
  '/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/page.js': { name: 'page.js', type: 'text/javascript; charset=utf-8' },
  '/play.css': { name: 'play.css', type: 'text/css; charset=utf-8' },
  '/panels.css': { name: 'panels.css', type: 'text/css; charset=utf-8' },
};

export interface FakePlay {
  readonly url: string;
  readonly byes: () => number;
  stop(): Promise<void>;
}

export interface FakeOptions {
  /** path opens as a film: its steps all ahead of position 0. */
  readonly path?: readonly number[];
  /** unloaded: the kata does not load; every state is this finding (the check's report of it) with no worker, as the real server answers. */
  readonly unloaded?: { readonly headline: string; readonly lines: readonly string[] };
}

function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => resolve(JSON.parse(text || '{}') as Record<string, unknown>));
    request.on('error', reject);
  });
}

export async function startFakePlay(options: FakeOptions = {}): Promise<FakePlay> {
  const secret = randomBytes(16).toString('hex');
  let path = [...(options.path ?? [])];
  let position = 0;
  let workload = 0;
  let byes = 0;
  const send = (response: ServerResponse, status: number, type: string, text: string) => {
    response.writeHead(status, { 'content-type': type }).end(text);
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const post = request.method === 'POST' ? await body(request) : {};
    const t = request.method === 'POST' ? post['t'] : url.searchParams.get('t');
    // The page's own files, as the real server serves them (it lets them through by a cookie; the fake, always).
    const file = PAGE_FILES[url.pathname];
    if (file) return send(response, 200, file.type, await readFile(join(await builtPage(), file.name), 'utf8'));
    if (t !== secret) return send(response, 403, 'text/plain', 'wrong secret');
    if (url.pathname === '/api/bye') {
      byes += 1;
      return send(response, 200, 'application/json', '{}');
    }
    if (options.unloaded) {
      const state = { ...stateAt([], 0, 0), workers: [], memory: [], files: [], finding: options.unloaded, done: true };
      return send(response, 200, 'application/json', JSON.stringify(state));
    }
    if (url.pathname === '/api/step') {
      const worker = Number(post['worker']);
      path = path.slice(0, position);
      const left = 2 - path.filter((w) => w === worker).length;
      const count = post['to'] === 'op' ? left : Math.min(1, left);
      for (let i = 0; i < count; i++) path.push(worker);
      position = path.length;
    } else if (url.pathname === '/api/goto') position = Math.max(0, Math.min(path.length, Number(post['step'])));
    else if (url.pathname === '/api/workload') {
      workload = Number(post['workload']);
      path = [];
      position = 0;
    } else if (url.pathname !== '/api/state') return send(response, 404, 'text/plain', 'no such route');
    send(response, 200, 'application/json', JSON.stringify(stateAt(path, position, workload)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?t=${secret}`,
    byes: () => byes,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
