import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Browser mode serves citizens' data over HTTP on this machine. Any web page the clerk visits
// can make the browser send requests to 127.0.0.1, and a DNS-rebinding page can even make them
// look same-origin. Three checks close that: the Host header must name loopback and our port,
// an Origin (sent by browsers on every POST and WebSocket) must be ours, and every request must
// carry the per-launch secret (cookie set via /auth, or a Bearer header for scripts).

export interface GuardOptions {
  port: number;
  secret: string;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

export function cookieName(port: number): string {
  return `motcua_${port}`;
}

export function hostIsLoopback(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return allowedOrigins(port).some((origin) => origin === `http://${host.toLowerCase()}`);
}

export function secretMatches(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The secret and where it came from: a script's Bearer header, or the window's cookie. */
export function presentedSecret(req: IncomingMessage, port: number): { secret: string | undefined; via: 'bearer' | 'cookie' } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { secret: auth.slice(7).trim(), via: 'bearer' };
  return { secret: readCookie(req.headers.cookie, cookieName(port)), via: 'cookie' };
}

/** Host and Origin only: what even the /auth bootstrap must pass. */
export function checkHostAndOrigin(req: IncomingMessage, opts: { port: number; requireOrigin: boolean }): GuardVerdict {
  if (!hostIsLoopback(req.headers.host, opts.port)) {
    return { ok: false, status: 421, reason: 'host not allowed' };
  }
  const origin = req.headers.origin;
  if (origin === undefined) {
    return opts.requireOrigin ? { ok: false, status: 403, reason: 'origin required' } : { ok: true };
  }
  if (!allowedOrigins(opts.port).includes(origin)) return { ok: false, status: 403, reason: 'origin not allowed' };
  return { ok: true };
}

/**
 * The full check for everything but /auth: Host, Origin, and the secret. A state-changing
 * request authenticated by the cookie must show our Origin (browsers always send it); scripts
 * using the Bearer header are not browsers and may omit it.
 */
export function guardRequest(req: IncomingMessage, opts: GuardOptions & { stateChanging: boolean }): GuardVerdict {
  const presented = presentedSecret(req, opts.port);
  const hostAndOrigin = checkHostAndOrigin(req, { port: opts.port, requireOrigin: opts.stateChanging && presented.via === 'cookie' });
  if (!hostAndOrigin.ok) return hostAndOrigin;
  if (!secretMatches(presented.secret, opts.secret)) {
    return { ok: false, status: 401, reason: 'secret missing or wrong' };
  }
  return { ok: true };
}
