import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

// HTTP to one scanner. Every reply is read with a byte cap (a scanner that sends forever is cut
// off and nothing it sent is kept), an idle timeout and an overall deadline. HTTPS is used only
// against a certificate the admin pinned: scanners carry self-signed certificates, so the chain
// is not checked; the SHA-256 fingerprint of the peer's certificate must equal the pin instead.

export interface HttpReply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  body?: string;
  contentType?: string;
  /** A reply longer than this fails with 'too-large' and its bytes are dropped. */
  maxBytes: number;
  /** No byte for this long (connecting, waiting for headers, or mid-body) fails the request. */
  idleTimeoutMs: number;
  /** The whole exchange, body included, must finish within this. */
  deadlineMs: number;
  signal?: AbortSignal;
}

export type HttpFailureKind =
  | 'refused'
  | 'not-found'
  | 'network'
  | 'timeout'
  | 'stalled'
  | 'too-large'
  | 'aborted'
  | 'tls'
  | 'cert-not-pinned'
  | 'cert-mismatch';

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    /** For the certificate kinds: the peer's SHA-256 fingerprint, AB:CD:… */
    readonly fingerprint: string | null = null,
  ) {
    super(`scanner HTTP failure: ${kind}`);
    this.name = 'HttpFailure';
  }
}

export type HttpTransport = (req: HttpRequest) => Promise<HttpReply>;

/** "ab cd…", "AB:CD:…" or 64 hex digits → "AB:CD:…"; null when it is not a SHA-256 fingerprint. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

export function certFingerprint(der: Buffer): string {
  return normalizeFingerprint(createHash('sha256').update(der).digest('hex'))!;
}

function failureOf(e: unknown, gotHeaders: boolean): HttpFailure {
  if (e instanceof HttpFailure) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  if (code === 'ECONNREFUSED') return new HttpFailure('refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HttpFailure('not-found');
  if (code === 'ETIMEDOUT') return new HttpFailure(gotHeaders ? 'stalled' : 'timeout');
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /ssl|tls/i.test(String((e as Error | null)?.message))) return new HttpFailure('tls');
  return new HttpFailure(gotHeaders ? 'stalled' : 'network');
}

/**
 * node:http / node:https with the caps above. `pinnedSha256` (normalised) is required for https:
 * without it the connection is still made once, so the refusal can name the certificate's
 * fingerprint for the admin to compare with the scanner's own configuration page.
 */
export function nodeTransport(pinnedSha256: string | null): { request: HttpTransport; close(): void } {
  // A connection per request: scanners drop idle connections after a second or two, and a
  // NextDocument sent on a connection the scanner has just closed cannot be safely repeated
  // (the page may already be gone), so no connection is ever reused.
  const httpAgent = new http.Agent({ keepAlive: false, maxSockets: 4 });
  // rejectUnauthorized: false is deliberate and safe only with the fingerprint check below.
  // No TLS session resumption: a resumed session shows no peer certificate to check.
  const httpsAgent = new https.Agent({ keepAlive: false, maxSockets: 4, rejectUnauthorized: false, maxCachedSessions: 0 });

  const checkPeer = (socket: TLSSocket): HttpFailure | null => {
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.raw) return new HttpFailure('tls');
    const fingerprint = certFingerprint(cert.raw);
    if (!pinnedSha256) return new HttpFailure('cert-not-pinned', fingerprint);
    return fingerprint === pinnedSha256 ? null : new HttpFailure('cert-mismatch', fingerprint);
  };

  const request: HttpTransport = (r) =>
    new Promise<HttpReply>((resolve, reject) => {
      if (r.signal?.aborted) {
        reject(new HttpFailure('aborted'));
        return;
      }
      const secure = r.url.protocol === 'https:';
      let gotHeaders = false;
      let settled = false;
      const finish = (e: unknown, reply?: HttpReply) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        r.signal?.removeEventListener('abort', onAbort);
        if (reply) resolve(reply);
        else reject(failureOf(e, gotHeaders));
      };
      const headers: Record<string, string> = { Accept: '*/*' };
      if (r.body !== undefined) {
        headers['Content-Type'] = r.contentType ?? 'text/xml';
        headers['Content-Length'] = String(Buffer.byteLength(r.body));
      }
      const req = (secure ? https : http).request(r.url, {
        method: r.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
        timeout: r.idleTimeoutMs,
      });
      const fail = (e: HttpFailure) => {
        finish(e);
        req.destroy();
      };
      const onAbort = () => fail(new HttpFailure('aborted'));
      r.signal?.addEventListener('abort', onAbort, { once: true });
      const deadline = setTimeout(() => fail(new HttpFailure(gotHeaders ? 'stalled' : 'timeout')), r.deadlineMs);
      req.on('timeout', () => fail(new HttpFailure(gotHeaders ? 'stalled' : 'timeout')));
      req.on('error', (e) => finish(e));
      if (secure) {
        req.on('socket', (socket) => {
          const tls = socket as TLSSocket;
          // A fresh socket is checked as soon as the handshake ends, before any reply is read.
          if (!tls.authorized && !tls.getPeerCertificate?.()?.raw) {
            tls.once('secureConnect', () => {
              const bad = checkPeer(tls);
              if (bad) fail(bad);
            });
          }
        });
      }
      req.on('response', (res) => {
        gotHeaders = true;
        if (secure) {
          const bad = checkPeer(res.socket as TLSSocket);
          if (bad) {
            res.destroy();
            fail(bad);
            return;
          }
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > r.maxBytes) {
          res.destroy();
          fail(new HttpFailure('too-large'));
          return;
        }
        let chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > r.maxBytes) {
            chunks = [];
            res.destroy();
            fail(new HttpFailure('too-large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (e) => finish(e));
        res.on('end', () => {
          if (!res.complete) {
            finish(new HttpFailure('stalled'));
            return;
          }
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          finish(null, { status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
        });
        res.on('close', () => {
          if (!res.complete) finish(new HttpFailure('stalled'));
        });
      });
      req.end(r.body);
    });

  return {
    request,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/**
 * The same caps over a caller's fetch (Electron's net.fetch, a test's wrapper). Used for plain
 * HTTP only: fetch cannot show us the peer certificate, so HTTPS always goes through nodeTransport.
 */
export function fetchTransport(fetchImpl: typeof fetch): HttpTransport {
  return async (r) => {
    const controller = new AbortController();
    let failure: HttpFailure | null = null;
    let gotHeaders = false;
    const stop = (f: HttpFailure) => {
      failure ??= f;
      controller.abort();
    };
    const onAbort = () => stop(new HttpFailure('aborted'));
    if (r.signal?.aborted) throw new HttpFailure('aborted');
    r.signal?.addEventListener('abort', onAbort, { once: true });
    let idle = setTimeout(() => stop(new HttpFailure('timeout')), r.idleTimeoutMs);
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => stop(new HttpFailure(gotHeaders ? 'stalled' : 'timeout')), r.idleTimeoutMs);
    };
    const deadline = setTimeout(() => stop(new HttpFailure(gotHeaders ? 'stalled' : 'timeout')), r.deadlineMs);
    try {
      const res = await fetchImpl(r.url, {
        method: r.method,
        body: r.body,
        headers: r.body !== undefined ? { 'Content-Type': r.contentType ?? 'text/xml' } : {},
        redirect: 'manual',
        signal: controller.signal,
      });
      gotHeaders = true;
      touch();
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > r.maxBytes) {
        stop(new HttpFailure('too-large'));
        throw failure;
      }
      let chunks: Uint8Array[] = [];
      let size = 0;
      if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          touch();
          size += value.byteLength;
          if (size > r.maxBytes) {
            chunks = [];
            stop(new HttpFailure('too-large'));
            await reader.cancel().catch(() => undefined);
            throw failure;
          }
          chunks.push(value);
        }
      }
      return { status: res.status, headers, body: Buffer.concat(chunks) };
    } catch (e) {
      throw failure ?? failureOf((e as { cause?: unknown } | null)?.cause ?? e, gotHeaders);
    } finally {
      clearTimeout(idle);
      clearTimeout(deadline);
      r.signal?.removeEventListener('abort', onAbort);
    }
  };
}
