import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

// The small HTTP plumbing both faces of the provincial double share: capped bodies, JSON that
// never throws past the router, and replies that carry the province's clock. The double must
// never crash on what a client sends, so every failure here is an HttpError with a status.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** One request as the routes see it: the clock is the province's (with its offset). */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  now(): Date;
  /**
   * The fault 'resetAfterCommit': the route does all its work, then the socket is destroyed
   * instead of the reply being written — the client never learns that its change was committed.
   */
  resetAfterCommit: boolean;
}

/** Reads the whole body, refusing (413) beyond `cap` bytes — announced or actually sent. */
export async function readBody(req: IncomingMessage, cap: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(announced) && announced > cap) throw new HttpError(413, 'too_large', `body over ${cap} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) throw new HttpError(413, 'too_large', `body over ${cap} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Consumes and drops a body we answer without reading (409, 401, 507…), so the client's fetch
 * sees our reply instead of a connection closed under its upload. Past `cap` the socket goes.
 */
export async function discardBody(req: IncomingMessage, cap: number): Promise<void> {
  if (req.readableEnded) return;
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > cap) {
        req.socket.destroy();
        return;
      }
    }
  } catch {
    // the client went away: nothing to drain
  }
}

export async function readJson(req: IncomingMessage, cap: number): Promise<unknown> {
  const body = await readBody(req, cap);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not JSON');
  }
}

/** Validates with a zod schema; a violation is a 400 carrying zod's own message. */
export function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', z.prettifyError(parsed.error).slice(0, 2000));
  return parsed.data;
}

/** Writes a reply — or, under 'resetAfterCommit', drops the connection having done the work. */
export function send(ex: Exchange, status: number, body: Buffer | string, headers: Record<string, string>): void {
  const { res } = ex;
  if (res.destroyed || res.headersSent) return;
  if (ex.resetAfterCommit) {
    ex.req.socket.destroy();
    return;
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { Date: ex.now().toUTCString(), 'Content-Length': String(bytes.length), 'Cache-Control': 'no-store', ...headers });
  res.end(bytes);
}

export function sendJson(ex: Exchange, status: number, body: object, headers: Record<string, string> = {}): void {
  send(ex, status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

export function sendEmpty(ex: Exchange, status: number, headers: Record<string, string> = {}): void {
  send(ex, status, '', headers);
}

/** Query parameter as a string, or null when absent. */
export function queryParam(url: URL, name: string): string | null {
  return url.searchParams.get(name);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
