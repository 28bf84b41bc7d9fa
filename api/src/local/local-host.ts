import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { HttpResponseInit } from '@azure/functions';
import type { Runtime } from '../composition.js';
import { HttpRequest, InvocationContext } from '../http/functions-classes.js';
import type { RouteDefinition } from '../http/route.js';

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
 * request becomes an @azure/functions HttpRequest, each HttpResponseInit an HTTP answer. Also serves the
 * built tab from `staticDir`.
 */
export async function startLocalHost(options: {
  runtime: Runtime;
  routes: readonly RouteDefinition[];
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
  let payload: Buffer | undefined;
  if (response.jsonBody !== undefined) {
    payload = Buffer.from(JSON.stringify(response.jsonBody));
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (typeof response.body === 'string') {
    payload = Buffer.from(response.body);
  }
  res.writeHead(response.status ?? 200, Object.fromEntries(headers.entries()));
  res.end(payload);
}
