import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  changesReply,
  changesRequest,
  feedReply,
  fileOffer,
  fileState,
  healthReply,
  PROTOCOL_VERSION,
  SYNC_LIMITS,
  tokenReply,
  tokenRequest,
} from '../../../src/main/core/sync/protocol';
import { applyChanges } from './apply-changes';
import { discardBody, HttpError, readJson, sendEmpty, sendJson, validate, type Exchange } from './http-util';
import { findAccount, openSession, requireSession, type ProvinceContext } from './province-context';
import { faultAcks, type Route } from './route';
import { fsyncDir } from './fsync-dir';

// Our protocol, motcua-sync/1, as src/main/core/sync/protocol.ts defines it: every request
// validated with its zod schema, every reply parsed with the reply schema before it leaves (a
// double that answered off-protocol would make the client's tests lie).

export const MOTCUA_BASE = '/api/motcua-sync/v1';

const SMALL_JSON = 64 * 1024;
const EMPTY_SHA256 = createHash('sha256').digest('hex');

function bearer(ex: Exchange): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(ex.req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

function reply(ex: Exchange, status: number, schema: { parse(v: unknown): unknown }, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  const full = { ...body, serverTime: ex.now().toISOString() };
  schema.parse(full); // throws (→ 500) rather than send a reply off the protocol
  sendJson(ex, status, full, headers);
}

// ---- cursor ------------------------------------------------------------------------------

/** Opaque to clients; inside: the last seq they have seen. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new HttpError(400, 'bad_cursor', 'the cursor was not made by this server');
  return Number(m[1]);
}

// ---- files -------------------------------------------------------------------------------

async function partSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The hash of the part's first `offset` bytes to go on from: the one the last PATCH left, a
 * fresh one at offset 0, or null when none matches (the part is then read back at the end).
 */
function resumeHash(ctx: ProvinceContext, sha256: string, offset: number): Hash | null {
  const kept = ctx.uploadHashes.get(sha256);
  ctx.uploadHashes.delete(sha256);
  if (offset === 0) return createHash('sha256');
  return kept && kept.offset === offset ? kept.hash : null;
}

/** Moves a verified part into place: rename, then fsync the directory so the name survives. */
async function storeComplete(ctx: ProvinceContext, sha256: string, size: number, mediaType: string, from: string): Promise<void> {
  const target = ctx.store.filePath(sha256);
  await rename(from, target);
  await fsyncDir(dirname(target));
  ctx.store.completeFile({ sha256, size, mediaType }, ctx.now());
}

async function offerFile(ctx: ProvinceContext, ex: Exchange): Promise<void> {
  const body = await readJson(ex.req, SMALL_JSON);
  const claimed = (body as { size?: unknown } | null)?.size;
  if (typeof claimed === 'number' && claimed > SYNC_LIMITS.fileMax) throw new HttpError(413, 'too_large', `files are limited to ${SYNC_LIMITS.fileMax} bytes`);
  const offer = validate(fileOffer, body);
  const { store } = ctx;
  const have = store.file(offer.sha256);
  if (have) return reply(ex, 200, fileState, { offset: have.size, complete: true });
  const part = store.partPath(offer.sha256);
  if (offer.size === 0) {
    if (offer.sha256 !== EMPTY_SHA256) throw new HttpError(422, 'hash_mismatch', 'an empty file has another hash');
    await writeFile(part, '');
    await storeComplete(ctx, offer.sha256, 0, offer.mediaType, part);
    return reply(ex, 200, fileState, { offset: 0, complete: true });
  }
  const upload = store.upload(offer.sha256);
  if (upload && upload.size === offer.size) return reply(ex, 200, fileState, { offset: await partSize(part), complete: false });
  if (ctx.uploadsInFlight.has(offer.sha256)) throw new HttpError(409, 'upload_busy', 'another upload of this file is running');
  // A new upload (or one whose size claim changed: the old bytes cannot be trusted).
  ctx.uploadHashes.delete(offer.sha256);
  await writeFile(part, '');
  store.startUpload({ sha256: offer.sha256, size: offer.size, mediaType: offer.mediaType }, ctx.now());
  return reply(ex, 200, fileState, { offset: 0, complete: false });
}

async function appendChunk(ctx: ProvinceContext, ex: Exchange, sha256: string): Promise<void> {
  const { store } = ctx;
  const { req } = ex;
  const done = store.file(sha256);
  if (done) {
    await discardBody(req, SYNC_LIMITS.chunkMax);
    return sendEmpty(ex, 204, { 'Upload-Offset': String(done.size) });
  }
  const upload = store.upload(sha256);
  if (!upload) throw new HttpError(404, 'unknown_upload', 'offer the file with POST /files first');
  const part = store.partPath(sha256);
  const current = await partSize(part);
  const header = req.headers['upload-offset'];
  const offset = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : NaN;
  if (Number.isNaN(offset)) throw new HttpError(400, 'bad_offset', 'Upload-Offset must be a non-negative integer');
  if (offset !== current || ctx.uploadsInFlight.has(sha256))
    throw new HttpError(409, 'offset_mismatch', `the server holds ${current} bytes`, { 'Upload-Offset': String(current) });
  const room = Math.min(SYNC_LIMITS.chunkMax, upload.size - current);
  const announced = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(announced) && announced > room) throw new HttpError(413, 'too_large', `at most ${room} bytes fit from offset ${current}`);

  ctx.uploadsInFlight.add(sha256);
  // Hashed as the bytes arrive (a file sent in one PATCH is never read back).
  const hash = resumeHash(ctx, sha256, current);
  let written = 0;
  let overflow = false;
  let aborted = false;
  try {
    const fh = await open(part, 'a');
    try {
      try {
        for await (const chunk of req as AsyncIterable<Buffer>) {
          if (written + chunk.length > room) {
            overflow = true;
            break;
          }
          await fh.write(chunk);
          hash?.update(chunk);
          written += chunk.length;
        }
      } catch {
        // The client went away mid-chunk: what arrived stays, so the next PATCH resumes after it.
        aborted = true;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (overflow) {
      await truncate(part, current);
      throw new HttpError(413, 'too_large', `at most ${room} bytes fit from offset ${current}`);
    }
  } finally {
    ctx.uploadsInFlight.delete(sha256);
  }
  const reached = current + written;
  if (hash && reached < upload.size) ctx.uploadHashes.set(sha256, { hash, offset: reached });
  if (aborted) return;

  if (reached === upload.size) {
    const received = hash ? hash.digest('hex') : await hashFile(part);
    if (received !== sha256) {
      await truncate(part, 0);
      throw new HttpError(422, 'hash_mismatch', 'the bytes received do not have the announced SHA-256; send the file again from offset 0', {
        'Upload-Offset': '0',
      });
    }
    await storeComplete(ctx, sha256, upload.size, upload.mediaType, part);
  }
  return sendEmpty(ex, 204, { 'Upload-Offset': String(reached) });
}

// ---- the routes --------------------------------------------------------------------------

const health: Route = {
  name: 'GET /health',
  authed: false,
  writes: false,
  acks: false,
  exempt: true,
  handle: async (_ctx, ex) => reply(ex, 200, healthReply, { protocol: PROTOCOL_VERSION }),
};

const token: Route = {
  name: 'POST /auth/token',
  authed: false,
  writes: false,
  acks: false,
  async handle(ctx, ex) {
    const request = validate(tokenRequest, await readJson(ex.req, SMALL_JSON));
    const account = findAccount(ctx, request.username, request.password);
    if (!account) throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    const session = openSession(ctx, 'motcua', account, request.deviceId);
    reply(ex, 200, tokenReply, { token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), unitCode: session.unitCode });
  },
};

const changes: Route = {
  name: 'POST /changes',
  authed: true,
  writes: true,
  acks: true,
  async handle(ctx, ex, ack) {
    const session = requireSession(ctx, 'motcua', bearer(ex));
    const body = await readJson(ex.req, SYNC_LIMITS.jsonBodyMax);
    const count = (body as { changes?: unknown } | null)?.changes;
    if (Array.isArray(count) && count.length > SYNC_LIMITS.changesPerBatch)
      throw new HttpError(413, 'too_many_changes', `at most ${SYNC_LIMITS.changesPerBatch} changes per request`);
    const request = validate(changesRequest, body);
    const results = applyChanges(ctx.store, session.unitCode, request.changes, ctx.now());
    reply(ex, 200, changesReply, { results: faultAcks(results, ack) });
  },
};

const offer: Route = {
  name: 'POST /files',
  authed: true,
  writes: true,
  acks: false,
  async handle(ctx, ex) {
    requireSession(ctx, 'motcua', bearer(ex));
    await offerFile(ctx, ex);
  },
};

function chunkRoute(sha256: string): Route {
  return {
    name: 'PATCH /files/{sha256}',
    authed: true,
    writes: true,
    acks: false,
    async handle(ctx, ex) {
      requireSession(ctx, 'motcua', bearer(ex));
      await appendChunk(ctx, ex, sha256);
    },
  };
}

const feed: Route = {
  name: 'GET /feed',
  authed: true,
  writes: false,
  acks: false,
  async handle(ctx, ex) {
    const session = requireSession(ctx, 'motcua', bearer(ex));
    const limitText = ex.url.searchParams.get('limit');
    const limit = limitText === null || limitText === '' ? 100 : /^\d{1,7}$/.test(limitText) ? Number(limitText) : NaN;
    if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'bad_limit', 'limit must be a positive integer');
    if (limit > SYNC_LIMITS.feedPageMax) throw new HttpError(413, 'too_large', `limit is at most ${SYNC_LIMITS.feedPageMax}`);
    const after = decodeCursor(ex.url.searchParams.get('cursor'));
    const page = ctx.store.feedPage(session.unitCode, after, limit);
    reply(ex, 200, feedReply, { items: page.items, cursor: encodeCursor(page.lastSeq), hasMore: page.hasMore });
  },
};

/** The route for a path under the protocol's base, or null (404). */
export function motcuaRoute(method: string, path: string): Route | null {
  if (path === '/health' && method === 'GET') return health;
  if (path === '/auth/token' && method === 'POST') return token;
  if (path === '/changes' && method === 'POST') return changes;
  if (path === '/files' && method === 'POST') return offer;
  if (path === '/feed' && method === 'GET') return feed;
  const m = /^\/files\/([0-9a-f]{64})$/.exec(path);
  if (m && method === 'PATCH') return chunkRoute(m[1]!);
  return null;
}

/** The protocol's error reply (with the server's clock, as every JSON reply). */
export function motcuaError(ex: Exchange, e: HttpError): void {
  sendJson(ex, e.status, { error: e.code, message: e.message.slice(0, 2000), serverTime: ex.now().toISOString() }, e.headers);
}
