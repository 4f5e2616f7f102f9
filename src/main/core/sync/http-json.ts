import type { z } from 'zod';
import type { ChangeResult } from './protocol';
import { syncTransportText as text } from '../../../shared/i18n/vi-sync-transport';
import { SyncFailure, type AdapterOptions } from './sync-adapter';

// The HTTP plumbing both adapters share: Node's fetch (undici, connections kept alive between
// requests) with a per-request deadline joined to the caller's signal, a cap on every reply,
// JSON parsed and checked with zod, and every way a request can fail turned into the one
// SyncFailure kind the engine reacts to (sync-adapter.ts says which is which). The server is
// never trusted: redirects are not followed (a reply that moves us elsewhere is a protocol
// failure), nothing it sends is executed, and its own error text is cleaned and cut before it
// reaches a message a person reads.

/** Largest JSON reply read (bytes); a longer one is cut off and refused. */
export const MAX_JSON_REPLY_BYTES = 8 * 1024 * 1024;
/** Error texts from the server are cut to this many characters before they reach a message. */
const MAX_SERVER_TEXT = 300;

export interface HttpContext {
  timeoutMs: number;
  /** The device clock, for the instants around each request (clock skew). */
  now: () => Date;
  onServerTime?: AdapterOptions['onServerTime'];
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH';
  url: URL;
  headers?: Record<string, string>;
  /** A body serialised as JSON. */
  json?: unknown;
  /** A raw body, sent with `contentType`. */
  body?: Uint8Array;
  contentType?: string;
  /** Reply cap; MAX_JSON_REPLY_BYTES unless given. */
  maxReplyBytes?: number;
  signal?: AbortSignal;
  /** Non-2xx statuses the caller reads itself (409 on an upload); any other is thrown. */
  passStatus?: (status: number) => boolean;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: Buffer;
  /** Device instants just before sending and just after the whole reply arrived. */
  sentAt: Date;
  receivedAt: Date;
}

/** The configured endpoint as a base URL without a trailing slash; refuses what fetch could not use safely. */
export function baseUrlOf(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    throw new SyncFailure('rejected', text.badEndpoint(endpoint), null, 'bad_endpoint');
  }
  // fetch refuses URLs with credentials; a query or fragment would be lost when paths are appended.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new SyncFailure('rejected', text.badEndpoint(endpoint), null, 'bad_endpoint');
  }
  return url.href.replace(/\/+$/, '');
}

/** base + a fixed path (+ query): every URL we call is built here, so all stay on the configured host. */
export function urlOf(base: string, path: string, query?: Record<string, string>): URL {
  const url = new URL(`${base}${path}`);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url;
}

/** One request, its whole reply read under the cap. Throws SyncFailure (or the caller's abort reason). */
export async function httpCall(ctx: HttpContext, call: HttpCall): Promise<HttpReply> {
  const deadline = AbortSignal.timeout(ctx.timeoutMs);
  const signal = call.signal ? AbortSignal.any([deadline, call.signal]) : deadline;
  const headers = new Headers(call.headers);
  headers.set('accept', 'application/json');
  let body: string | Uint8Array | undefined;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers.set('content-type', 'application/json; charset=utf-8');
  } else if (call.body !== undefined) {
    body = call.body;
    headers.set('content-type', call.contentType ?? 'application/octet-stream');
  }
  const sentAt = ctx.now();
  let res: Response;
  try {
    res = await fetch(call.url, { method: call.method, headers, body, signal, redirect: 'manual' });
  } catch (e) {
    throw transportFailure(e, { caller: call.signal, deadline, timeoutMs: ctx.timeoutMs, afterHeaders: false });
  }
  let bytes: Buffer;
  try {
    bytes = await readCapped(res, call.maxReplyBytes ?? MAX_JSON_REPLY_BYTES);
  } catch (e) {
    throw transportFailure(e, { caller: call.signal, deadline, timeoutMs: ctx.timeoutMs, afterHeaders: true });
  }
  const reply: HttpReply = { status: res.status, headers: res.headers, body: bytes, sentAt, receivedAt: ctx.now() };
  if ((reply.status >= 200 && reply.status < 300) || call.passStatus?.(reply.status)) return reply;
  // A refusal still tells the server's clock.
  noteServerTime(ctx, reply, null);
  throw statusFailure(reply);
}

/** The reply's body as JSON checked against `schema`; anything else is a protocol failure. */
export function parseJson<S extends z.ZodType>(reply: HttpReply, schema: S): z.output<S> {
  const raw = jsonOf(reply.body);
  if (raw === undefined) throw protocolFailure(text.protocolDetail.notJson, reply.status);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(gốc)';
    throw protocolFailure(text.protocolDetail.schema(where), reply.status);
  }
  return parsed.data;
}

/**
 * Hands the server's clock to onServerTime: the time the reply itself states (serverTime,
 * ThoiGianMayChu), else its Date header. A listener that throws never breaks the call.
 */
export function noteServerTime(ctx: HttpContext, reply: HttpReply, stated: Date | null): void {
  if (!ctx.onServerTime) return;
  const fromHeader = reply.headers.get('date');
  const at = stated ?? (fromHeader ? new Date(fromHeader) : null);
  if (!at || Number.isNaN(at.getTime())) return;
  try {
    ctx.onServerTime(at, reply.sentAt, reply.receivedAt);
  } catch {
    // The clock reading is advisory; the request itself succeeded.
  }
}

export function protocolFailure(detail: string, status: number | null = null, code = 'protocol'): SyncFailure {
  return new SyncFailure('protocol', text.protocol(detail), status, code);
}

/** The failure for a non-2xx reply, with the server's own code and reason when it sent them. */
export function statusFailure(reply: HttpReply): SyncFailure {
  const { status } = reply;
  const { code, message } = serverError(reply.body);
  if (status === 507) return new SyncFailure('transient', text.diskFull, status, code ?? 'disk_full');
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) {
    return new SyncFailure('transient', text.busy(status), status, code);
  }
  // The adapters log in again on a 401 first; this is what is left when that did not help.
  if (status === 401) return new SyncFailure('auth', text.authRefused, status, code);
  if (status >= 400 && status <= 499) {
    return new SyncFailure('rejected', text.rejected(status, message ?? code ?? text.noReason), status, code);
  }
  if (status >= 300 && status <= 399) return protocolFailure(text.protocolDetail.redirect, status, 'redirect');
  return protocolFailure(text.protocolDetail.status(status), status);
}

/** Server text made safe to show: NFC, no control characters, one line, cut. */
export function cleanServerText(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const flat = s.normalize('NFC').replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').replace(/\s+/g, ' ').trim();
  return Array.from(flat).slice(0, MAX_SERVER_TEXT).join('');
}

/** Our {error, message} or the national {error_code, message}, whichever the body holds. */
function serverError(body: Buffer): { code: string | null; message: string | null } {
  const raw = jsonOf(body);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { code: null, message: null };
  const o = raw as Record<string, unknown>;
  const codeRaw = typeof o.error === 'string' ? o.error : typeof o.error_code === 'number' || typeof o.error_code === 'string' ? String(o.error_code) : null;
  const code = codeRaw ? cleanServerText(codeRaw).slice(0, 100) || null : null;
  const message = typeof o.message === 'string' && o.message.trim() ? cleanServerText(o.message) : null;
  return { code, message };
}

function jsonOf(body: Buffer): unknown {
  // A byte-order mark is common from .NET servers and harmless.
  const s = body.toString('utf8').replace(/^\uFEFF/, '');
  if (!s.trim()) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

async function readCapped(res: Response, max: number): Promise<Buffer> {
  const tooLarge = () => protocolFailure(text.protocolDetail.tooLarge(Math.round((max / 1024 / 1024) * 10) / 10), res.status, 'too_large');
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

interface FailureContext {
  caller: AbortSignal | undefined;
  deadline: AbortSignal;
  timeoutMs: number;
  /** The status line had arrived: a failure now is a reply cut short, not a missing connection. */
  afterHeaders: boolean;
}

const OFFLINE_CODES: Record<string, keyof typeof text.offlineDetail> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  UND_ERR_SOCKET: 'closed',
  UND_ERR_CLOSED: 'closed',
  ENOTFOUND: 'notFound',
  EAI_AGAIN: 'notFound',
  EAI_NONAME: 'notFound',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EHOSTDOWN: 'unreachable',
};
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function transportFailure(e: unknown, f: FailureContext): unknown {
  if (e instanceof SyncFailure) return e;
  // The caller stopped (the engine is shutting down): not the province's fault, so not a SyncFailure.
  if (f.caller?.aborted) return f.caller.reason;
  const seconds = Math.max(1, Math.round(f.timeoutMs / 1000));
  const code = errorCode(e);
  if (f.deadline.aborted || (code !== null && TIMEOUT_CODES.has(code))) {
    return new SyncFailure(f.afterHeaders ? 'transient' : 'offline', text.timeout(seconds), null, 'timeout');
  }
  if (code && /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/.test(code)) {
    return protocolFailure(text.protocolDetail.certificate, null, code);
  }
  if (f.afterHeaders) return new SyncFailure('transient', text.cutShort, null, code ?? 'cut_short');
  const known = code ? OFFLINE_CODES[code] : undefined;
  // fetch wraps every network error in "TypeError: fetch failed"; anything else here is a bug of ours.
  if (!known && !(e instanceof TypeError)) return e;
  return new SyncFailure('offline', text.offline(text.offlineDetail[known ?? 'network']), null, code ?? 'network');
}

/** The first errno-style code along the cause chain (undici nests them, happy eyeballs aggregates them). */
function errorCode(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 5) return null;
  const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof o.code === 'string' && o.code) return o.code;
  const fromCause = errorCode(o.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(o.errors)) {
    for (const inner of o.errors) {
      const c = errorCode(inner, depth + 1);
      if (c) return c;
    }
  }
  return null;
}

/** A login's outcome: the token, and until when (device clock, ms) it may be used without asking. */
export interface Grant {
  token: string;
  validUntil: number | null;
}

export interface Session {
  /**
   * Runs `call` with a token: logs in first when none is held, and once more when the server
   * answers 401 (an expired or forgotten token). A refused LOGIN is 'auth'; a fresh token refused
   * again is only 'transient' — the account itself was just accepted.
   */
  withToken<T>(call: (token: string) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The token now, logging in if needed. */
  token(signal?: AbortSignal): Promise<string>;
}

export function createSession(now: () => Date, login: (signal?: AbortSignal) => Promise<Grant>): Session {
  let grant: Grant | null = null;
  // Calls that need a login at the same moment share it, so a burst does not log in N times.
  let pending: Promise<Grant> | null = null;

  async function token(signal?: AbortSignal): Promise<string> {
    if (grant && (grant.validUntil === null || now().getTime() < grant.validUntil)) return grant.token;
    pending ??= login(signal).finally(() => {
      pending = null;
    });
    grant = await pending;
    return grant.token;
  }

  const unauthorized = (e: unknown): e is SyncFailure => e instanceof SyncFailure && e.status === 401;

  async function withToken<T>(call: (token: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const first = await token(signal);
    try {
      return await call(first);
    } catch (e) {
      if (!unauthorized(e)) throw e;
    }
    if (grant?.token === first) grant = null;
    const second = await token(signal);
    try {
      return await call(second);
    } catch (e) {
      if (unauthorized(e)) {
        if (grant?.token === second) grant = null;
        throw new SyncFailure('transient', text.tokenRefused, 401, e.code);
      }
      throw e;
    }
  }

  return { withToken, token };
}

export function issueText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`)
    .join('; ')
    .slice(0, 500);
}

/** A change the protocol cannot carry, answered locally as the dead letter it is. */
export function invalidChangeResult(c: { key?: unknown }, error: z.ZodError): ChangeResult {
  return {
    key: typeof c.key === 'string' ? c.key.slice(0, 64) : '',
    outcome: 'rejected',
    error: 'invalid_change',
    message: text.invalidChange(issueText(error)),
  };
}
