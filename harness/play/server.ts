/**
 * The play server (`npm run play`): Node's own `http`, on 127.0.0.1 only, on a free port, with a
 * random secret every request must carry (protocol.ts). It serves the page's files, as
 * page-build.ts builds them from harness/play/page/, and answers the page's requests through one
 * PlaySession, one at a time. It stops when asked (Ctrl-C) or when the last page open says bye, and
 * then closes the session's workers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { PlayError, type PlaySession } from './session.ts';
import type { PlayState } from './protocol.ts';
import { routeRequest } from './requests.ts';
import { builtPage } from './page-build.ts';

/** MAX_BODY bounds a POST body: every request of the protocol is a few numbers. */
const MAX_BODY = 4096;

/** BYE_GRACE_MS is how long the server waits after the last page's bye: a reload says bye, then asks for the page again. */
const BYE_GRACE_MS = 1500;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

export interface PlayServer {
  /** url opens the page: http://127.0.0.1:<port>/?t=<secret>. */
  readonly url: string;
  readonly port: number;
  readonly secret: string;
  /** stopped settles once the server and the session's workers have stopped. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

export interface PlayServerOptions {
  /** pageDir overrides where the page's files are (tests). */
  readonly pageDir?: string;
  /** byeGraceMs overrides the wait after the last bye. */
  readonly byeGraceMs?: number;
}

/** startPlayServer serves `session` until stopped; the session is the server's to close. */
export async function startPlayServer(session: PlaySession, options: PlayServerOptions = {}): Promise<PlayServer> {
  const secret = randomBytes(18).toString('base64url');
  const pageDir = options.pageDir ?? (await builtPage());
  let queue: Promise<unknown> = Promise.resolve();
  let pages = 0;
  let byeTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  let port = 0;
  let settle: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const knows = (given: unknown) =>
    typeof given === 'string' &&
    given.length === secret.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(secret));

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', String(error));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Only pages this server served: a name that resolves to 127.0.0.1 elsewhere is not enough.
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(response, 403, 'text/plain', 'no');
    const url = new URL(request.url ?? '/', `http://${host}`);
    const cookie = /(?:^|;\s*)play=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    if (request.method === 'GET') {
      if (!knows(url.searchParams.get('t')) && !knows(cookie)) return send(response, 403, 'text/plain', 'no');
      if (url.pathname === '/api/state') return answer(response, () => session.state());
      return servePage(url.pathname, response);
    }
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'no');
    const body = await readBody(request);
    if (body === undefined || !knows((body as { t?: unknown }).t)) return send(response, 403, 'text/plain', 'no');
    if (url.pathname === '/api/bye') {
      pages = Math.max(0, pages - 1);
      if (pages === 0) byeTimer = setTimeout(() => void stop(), options.byeGraceMs ?? BYE_GRACE_MS);
      return send(response, 204, 'text/plain', '');
    }
    const route = routeRequest(session, url.pathname, body);
    if (!route) return send(response, 400, 'text/plain', `not a request this server answers: ${url.pathname}`);
    return answer(response, route);
  }

  async function servePage(pathname: string, response: ServerResponse): Promise<void> {
    const name = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = normalize(join(pageDir, name));
    if (!file.startsWith(normalize(pageDir + sep)) && file !== normalize(pageDir))
      return send(response, 404, 'text/plain', '');
    const content = await readFile(file).catch(() => undefined);
    if (!content) {
      if (name === 'index.html')
        return send(response, 503, 'text/plain; charset=utf-8', 'The play page is not built yet.');
      return send(response, 404, 'text/plain', '');
    }
    if (name === 'index.html') {
      // The page counts as open until it says bye; its own files then come with this cookie.
      pages++;
      clearTimeout(byeTimer);
      response.setHeader('Set-Cookie', `play=${secret}; HttpOnly; SameSite=Strict; Path=/`);
    }
    send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', content);
  }

  /** answer runs one request through the session, after the ones before it: the session runs one path at a time. */
  function answer(response: ServerResponse, run: () => Promise<PlayState>): Promise<void> {
    const next = queue.then(run).then(
      (state) => send(response, 200, 'application/json; charset=utf-8', JSON.stringify(state)),
      (error: unknown) =>
        error instanceof PlayError
          ? send(response, 400, 'text/plain; charset=utf-8', error.message)
          : send(response, 500, 'text/plain; charset=utf-8', String(error)),
    );
    queue = next;
    return next;
  }

  async function stop(): Promise<void> {
    stopping ??= (async () => {
      clearTimeout(byeTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await queue.catch(() => undefined);
      await session.close();
      settle();
    })();
    return stopping;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/?t=${secret}`, port, secret, stopped, stop };
}

/** readBody reads a JSON object of at most MAX_BODY bytes, or undefined for anything else. */
async function readBody(request: IncomingMessage): Promise<object | undefined> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:",
  });
  response.end(body);
}
