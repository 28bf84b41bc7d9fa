import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HttpResponseInit } from '@azure/functions';
import type { Runtime } from '../composition.js';
import { HttpRequest, InvocationContext } from '../http/functions-classes.js';
import type { RouteDefinition } from '../http/route.js';
import type { TimerDefinition } from '../functions/reminders.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Teams hosts tabs in frames from these origins; nobody else may frame them. */
const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft https://*.microsoft365.com";

export interface LocalHost {
  readonly url: string;
  close(): Promise<void>;
}

interface CompiledRoute {
  readonly definition: RouteDefinition;
  readonly pattern: RegExp;
  readonly params: string[];
}

function compile(definition: RouteDefinition): CompiledRoute {
  const params: string[] = [];
  const source = definition.route
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\??\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { definition, pattern: new RegExp(`^/api/${source}/?$`), params };
}

/**
 * Serves the same Functions handlers Azure runs, without `func` (which cannot be installed here): each
 * request becomes an @azure/functions HttpRequest, each HttpResponseInit an HTTP answer (streamed when its
 * body is a stream, as the Functions host does with HTTP streams enabled). Also serves the built tab from
 * `staticDir`.
 */
export async function startLocalHost(options: {
  runtime: Runtime;
  routes: readonly RouteDefinition[];
  /** Timer functions: fired on `POST /admin/functions/<name>`, as the Functions host does. */
  timers?: readonly TimerDefinition[];
  host: string;
  port: number;
  staticDir?: string;
}): Promise<LocalHost> {
  const compiled = options.routes.map(compile);
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[host] request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side.' } }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname.startsWith('/api/')) return serveFunction(req, res, url);
    if (url.pathname.startsWith('/admin/functions/') && req.method === 'POST') return fireTimer(res, url);
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(res, url.pathname);
    res.writeHead(404).end();
  }

  async function serveFunction(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    for (const route of compiled) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      if (!route.definition.methods.includes((req.method ?? 'GET') as never)) continue;
      const params = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
      const request = new HttpRequest({
        method: req.method ?? 'GET',
        url: url.toString(),
        headers,
        query: Object.fromEntries(url.searchParams),
        params,
        ...(body.length > 0 ? { body: { bytes: body } } : {}),
      });
      const context = new InvocationContext({ functionName: route.definition.name });
      const response = await route.definition.handle(request, context, options.runtime);
      return send(res, response);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: `no API route ${req.method} ${url.pathname}` } }));
  }

  /** Like the Functions host's admin endpoint: 202 at once, the function runs in the background. */
  function fireTimer(res: http.ServerResponse, url: URL): void {
    const name = decodeURIComponent(url.pathname.slice('/admin/functions/'.length));
    const timer = options.timers?.find((t) => t.name === name);
    if (!timer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: `no timer function "${name.slice(0, 60)}"` } }));
      return;
    }
    runTimer(timer, options.runtime);
    res.writeHead(202).end();
  }

  async function serveStatic(res: http.ServerResponse, pathname: string): Promise<void> {
    const root = options.staticDir!;
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
    const file = join(root, relative);
    if (!file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    const immutable = relative.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': FRAME_ANCESTORS,
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // The handlers refuse large bodies with a clear 413; stop buffering well past that limit.
    if (size > 1024 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function send(res: http.ServerResponse, response: HttpResponseInit): Promise<void> {
  const headers = new Headers(response.headers as ConstructorParameters<typeof Headers>[0]);
  const body = response.body;
  if (response.jsonBody === undefined && isStream(body)) return sendStream(res, response.status ?? 200, headers, body);
  let payload: Buffer | undefined;
  if (response.jsonBody !== undefined) {
    payload = Buffer.from(JSON.stringify(response.jsonBody));
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (typeof body === 'string') {
    payload = Buffer.from(body);
  } else if (body !== null && body !== undefined) {
    // Bytes, Blob, form data: let the platform's Response encode them (and name their content type).
    const encoded = new Response(body as ConstructorParameters<typeof Response>[0]);
    payload = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get('content-type');
    if (type && !headers.has('content-type')) headers.set('content-type', type);
  }
  res.writeHead(response.status ?? 200, Object.fromEntries(headers.entries()));
  res.end(payload);
}

type StreamBody = WebReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

function isStream(body: HttpResponseInit['body']): body is StreamBody {
  if (body === null || body === undefined || typeof body !== 'object') return false;
  return typeof (body as Partial<WebReadableStream>).getReader === 'function' || Symbol.asyncIterator in body;
}

/**
 * A streamed body (server-sent events, large exports): headers go out at once, each chunk as it comes, with
 * backpressure, and the stream is cancelled as soon as the client goes away.
 */
async function sendStream(res: http.ServerResponse, status: number, headers: Headers, body: StreamBody): Promise<void> {
  headers.delete('content-length');
  res.writeHead(status, Object.fromEntries(headers.entries()));
  res.flushHeaders();

  const reader =
    typeof (body as Partial<WebReadableStream>).getReader === 'function'
      ? (body as WebReadableStream<Uint8Array>).getReader()
      : null;
  const iterator = reader ? null : (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let settled = false;
  const stop = () => {
    if (settled) return;
    settled = true;
    // Cancelling a web stream settles a pending read at once, so the loop below ends too.
    if (reader) void reader.cancel().catch(() => undefined);
    else void iterator!.return?.().catch(() => undefined);
  };
  // 'close' on the response, not the request: the request's body was read in full already, so its 'close'
  // says nothing about the client. The response's 'close' before it finished means the client went away.
  const onClose = () => {
    if (!res.writableFinished) stop();
  };
  res.once('close', onClose);
  if (res.destroyed) stop();
  try {
    while (!settled) {
      const next = reader ? await reader.read() : await iterator!.next();
      if (next.done) {
        settled = true;
        if (!res.destroyed) res.end();
        break;
      }
      if (res.destroyed) break;
      if (!res.write(next.value)) await drained(res);
    }
  } catch (error) {
    settled = true;
    // Headers are out: all that is left is to cut the connection, so the client sees the stream fail
    // (and reconnects) rather than end as if complete.
    console.warn('[host] response stream failed:', error instanceof Error ? error.message : error);
    res.destroy();
  } finally {
    res.off('close', onClose);
    stop();
  }
}

function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Runs a timer function once, as the Functions host would; a failure is logged, never thrown. */
export function runTimer(timer: TimerDefinition, runtime: Runtime): void {
  const context = new InvocationContext({ functionName: timer.name });
  timer.handle(context, runtime).catch((error: unknown) => console.error(`[host] timer ${timer.name} failed`, error));
}

/**
 * Fires each timer at the start of every minute (the schedules here are all "every minute"), for `npm start`.
 * Returns a function that stops them.
 */
export function startTimerSchedule(timers: readonly TimerDefinition[], runtime: Runtime): () => void {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    handle = setTimeout(() => {
      for (const timer of timers) runTimer(timer, runtime);
      next();
    }, untilNextMinute);
    handle.unref();
  };
  next();
  return () => clearTimeout(handle);
}
