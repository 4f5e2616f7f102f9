import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/api/errors';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import type { Core } from '../core/core';
import type { Logger } from '../core/logging/logger';
import { checkHostAndOrigin, cookieName, guardRequest, secretMatches } from './request-guard';

export interface WebHostOptions {
  core: Core;
  logger: Logger;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer); ignored when `middleware` serves the UI (dev). */
  staticDir: string;
  /** Vite's dev middleware, for hot reload. */
  middleware?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  secret?: string;
}

export interface WebHost {
  port: number;
  origin: string;
  /** Opening this URL in a browser sets the session cookie and shows the app. */
  authUrl: string;
  secret: string;
  close(): Promise<void>;
}

/**
 * The largest call body read. Calls are JSON, so an imported scan travels as base64: 72 MiB
 * carries one file at the default size limit (50 MB) with room to spare, and the renderer sends
 * imported files one per call. Only a request that passed the secret and Origin checks is read.
 */
export const MAX_BODY = 72 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** The body as text, or null when it exceeds MAX_BODY (drained, not kept, so the reply arrives). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function missingBuild(staticDir: string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Giao diện chưa được build (${staticDir}). Chạy "npm run build" rồi mở lại.`);
  };
}

/**
 * Browser mode: the core behind HTTP (calls) and a WebSocket (events) on 127.0.0.1 only.
 * Same contract, same dispatcher as Electron's IPC; nothing here knows the list of calls.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const secret = opts.secret ?? randomBytes(32).toString('base64url');
  const csp = opts.middleware ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  const securityHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  const serveStatic = opts.middleware
    ? opts.middleware
    : !existsSync(opts.staticDir)
      ? missingBuild(opts.staticDir)
      : sirv(opts.staticDir, {
        single: true,
        dev: false,
        etag: true,
        setHeaders: (res) => {
          for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
        },
      });
  let port = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');

    if (url.pathname === '/auth' && req.method === 'GET') {
      const verdict = checkHostAndOrigin(req, { port, requireOrigin: false });
      if (!verdict.ok) return send(res, verdict.status, { error: verdict.reason });
      if (!secretMatches(url.searchParams.get('token') ?? undefined, secret)) {
        return send(res, 401, { error: 'secret missing or wrong' });
      }
      // Not a 302: the launcher arrives here from a file:// page, and a redirect in a chain that
      // began cross-site would not carry a SameSite=Strict cookie. A page of our own origin that
      // then moves to / makes the next request same-site, so the cookie goes with it.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': `${cookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
        ...securityHeaders,
      });
      return res.end('<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Một Cửa Desk</title>');
    }

    const isCall = url.pathname === '/api/call';
    const verdict = guardRequest(req, { port, secret, stateChanging: isCall });
    if (!verdict.ok) {
      opts.logger.warn('web request refused', { path: url.pathname, reason: verdict.reason });
      return send(res, verdict.status, { error: verdict.reason });
    }

    if (isCall) {
      if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, { error: 'application/json required' });
      }
      readBody(req)
        .then(async (text) => {
          if (text === null) return send(res, 413, { error: 'body too large', maxBytes: MAX_BODY });
          let message: unknown;
          try {
            message = JSON.parse(text);
          } catch {
            message = null;
          }
          if (typeof message !== 'object' || message === null || Array.isArray(message)) {
            return send(res, 400, { ok: false, error: new AppError('VALIDATION', { detail: 'JSON' }).toBody() });
          }
          const { method, input } = message as { method?: unknown; input?: unknown };
          const result = await opts.core.dispatch(String(method), input, { kind: 'ui' });
          send(res, 200, result);
        })
        .catch((e: unknown) => {
          opts.logger.error('web call failed', { error: String(e) });
          if (!res.headersSent) send(res, 500, { error: 'internal' });
        });
      return;
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    serveStatic(req, res, () => send(res, 404, { error: 'not found' }));
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const verdict = guardRequest(req, { port, secret, stateChanging: true });
    if (url.pathname !== '/api/events' || !verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.ok ? 404 : verdict.status} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  const unsubscribe = opts.core.events.subscribe((message) => {
    const text = JSON.stringify(message);
    for (const ws of sockets.clients as Set<WebSocket>) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    authUrl: `${origin}/auth?token=${secret}`,
    secret,
    async close() {
      unsubscribe();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
