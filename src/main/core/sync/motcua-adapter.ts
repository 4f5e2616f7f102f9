import { z } from 'zod';
import { syncTransportText as text } from '../../../shared/i18n/vi-sync-transport';
import {
  baseUrlOf,
  createSession,
  httpCall,
  invalidChangeResult,
  issueText,
  noteServerTime,
  parseJson,
  protocolFailure,
  urlOf,
  type Grant,
  type HttpCall,
  type HttpContext,
  type HttpReply,
} from './http-json';
import {
  SYNC_LIMITS,
  change as changeSchema,
  changesReply,
  feedReply,
  fileOffer,
  fileState,
  healthReply,
  tokenReply,
  tokenRequest,
  type Change,
  type ChangeResult,
  type FeedReply,
} from './protocol';
import { SyncFailure, type AdapterOptions, type FileToSend, type SyncAdapter } from './sync-adapter';

// Our own protocol, motcua-sync/1 (protocol.ts): a bearer token from /auth/token, changes in
// batches to /changes, attachments by resumable upload to /files, the feed from /feed.
//
// Resumability of uploads lives on the server: POST /files says how many bytes it already
// holds, and every call to sendFile starts from there. A chunk lost to a timeout or a reset just
// fails this call ('offline'/'transient'); the engine's next round calls sendFile again and it
// continues where the server's copy ends — the bytes already there are never sent twice.

/** Renew a token this long before the server says it expires (a request in flight must not outlive it). */
const TOKEN_MARGIN_MS = 30_000;
/** Feed pages can carry many dossiers with their details: a larger cap than other replies. */
const FEED_REPLY_MAX = SYNC_LIMITS.jsonBodyMax;
/** How many 409s in a row (no progress between them) before this call gives up until the next round. */
const MAX_CONFLICTS = 3;
const DEFAULT_CHUNK = 1024 * 1024;

export function createMotcuaAdapter(options: AdapterOptions): SyncAdapter {
  const base = baseUrlOf(options.endpoint);
  const now = options.now ?? (() => new Date());
  const ctx: HttpContext = { timeoutMs: options.timeoutMs, now, onServerTime: options.onServerTime };
  const chunkBytes =
    Number.isInteger(options.chunkBytes) && options.chunkBytes > 0 ? Math.min(options.chunkBytes, SYNC_LIMITS.chunkMax) : DEFAULT_CHUNK;

  async function login(signal?: AbortSignal): Promise<Grant> {
    const request = tokenRequest.safeParse(options.account);
    // An account the protocol cannot even carry (empty, too long) is the admin's to fix.
    if (!request.success) throw new SyncFailure('auth', text.authRefused, null, 'invalid_account');
    let reply: HttpReply;
    try {
      reply = await httpCall(ctx, { method: 'POST', url: urlOf(base, '/auth/token'), json: request.data, signal });
    } catch (e) {
      if (e instanceof SyncFailure && (e.status === 401 || e.status === 403)) throw new SyncFailure('auth', text.authRefused, e.status, e.code);
      throw e;
    }
    const t = parseJson(reply, tokenReply);
    const serverTime = new Date(t.serverTime);
    noteServerTime(ctx, reply, serverTime);
    // The lifetime is measured on the server's clock and counted on ours, so skew does not matter.
    const lifetime = Date.parse(t.expiresAt) - serverTime.getTime();
    return { token: t.token, validUntil: reply.sentAt.getTime() + lifetime - TOKEN_MARGIN_MS };
  }

  const session = createSession(now, login);

  /** A call with the bearer token (and the one re-login on 401). */
  const authed = (call: HttpCall): Promise<HttpReply> =>
    session.withToken((token) => httpCall(ctx, { ...call, headers: { ...call.headers, authorization: `Bearer ${token}` } }), call.signal);

  async function health(signal?: AbortSignal): Promise<{ serverTime: Date }> {
    const reply = await httpCall(ctx, { method: 'GET', url: urlOf(base, '/health'), signal });
    const h = parseJson(reply, healthReply);
    const serverTime = new Date(h.serverTime);
    noteServerTime(ctx, reply, serverTime);
    return { serverTime };
  }

  async function push(changes: Change[], signal?: AbortSignal): Promise<ChangeResult[]> {
    const results: ChangeResult[] = [];
    const valid: Change[] = [];
    for (const c of changes) {
      // A change the protocol cannot carry would make the server refuse the whole batch: it is
      // answered here, alone, as the dead letter it is.
      const parsed = changeSchema.safeParse(c);
      if (parsed.success) valid.push(parsed.data);
      else results.push(invalidChangeResult(c, parsed.error));
    }
    for (let i = 0; i < valid.length; i += SYNC_LIMITS.changesPerBatch) {
      const batch = valid.slice(i, i + SYNC_LIMITS.changesPerBatch);
      try {
        const reply = await authed({ method: 'POST', url: urlOf(base, '/changes'), json: { changes: batch }, signal });
        const r = parseJson(reply, changesReply);
        noteServerTime(ctx, reply, new Date(r.serverTime));
        const sent = new Set(batch.map((c) => c.key));
        if (r.results.some((x) => !sent.has(x.key))) throw protocolFailure(text.protocolDetail.unknownKey, reply.status, 'unknown_key');
        results.push(...r.results);
      } catch (e) {
        // Earlier batches were answered: that is a partial acknowledgement, the rest goes again.
        if (e instanceof SyncFailure && i > 0) return results;
        throw e;
      }
    }
    return results;
  }

  /** POST /files: how much of the file the server holds. */
  async function offer(file: FileToSend, mediaType: string, signal?: AbortSignal): Promise<z.infer<typeof fileState>> {
    const reply = await authed({
      method: 'POST',
      url: urlOf(base, '/files'),
      json: { sha256: file.sha256, size: file.size, mediaType },
      signal,
      passStatus: (s) => s === 409,
    });
    noteServerTime(ctx, reply, null);
    // Another upload of the same file is still running there (perhaps our own timed-out one).
    if (reply.status === 409) throw new SyncFailure('transient', text.busy(409), 409, 'upload_busy');
    const state = parseJson(reply, fileState);
    // Never trust an offset beyond the file: it would make us read past its end or skip bytes.
    if (state.offset > file.size || (!state.complete && state.offset === file.size && file.size > 0)) {
      throw protocolFailure(text.protocolDetail.badOffset, reply.status, 'bad_offset');
    }
    return state;
  }

  async function sendFile(file: FileToSend, signal?: AbortSignal): Promise<{ sent: number; deduplicated: boolean }> {
    const checked = fileOffer.safeParse({ sha256: file.sha256, size: file.size, mediaType: file.mediaType });
    if (!checked.success) throw new SyncFailure('rejected', text.invalidFile(issueText(checked.error)), null, 'invalid_file');
    let state = await offer(file, checked.data.mediaType, signal);
    if (state.complete) return { sent: 0, deduplicated: true };
    let offset = state.offset;
    let sent = 0;
    let conflicts = 0;
    const url = urlOf(base, `/files/${checked.data.sha256}`);
    // An empty file still needs its one (empty) PATCH for the server to verify and keep it.
    let first = true;
    while (offset < file.size || (first && file.size === 0)) {
      first = false;
      const end = Math.min(offset + chunkBytes, file.size);
      const bytes = await file.read(offset, end);
      if (bytes.length !== end - offset) throw new SyncFailure('rejected', text.invalidFile(text.fileReadShort), null, 'file_read_short');
      const reply = await authed({
        method: 'PATCH',
        url,
        headers: { 'upload-offset': String(offset) },
        body: bytes,
        contentType: 'application/offset+octet-stream',
        signal,
        passStatus: (s) => s === 409,
      });
      noteServerTime(ctx, reply, null);
      const reached = uploadOffsetOf(reply);
      if (reply.status === 409 || reached === null) {
        // Our idea of the offset is wrong (a chunk landed though its reply was lost, or the server
        // dropped a partial one): ask again and go on from the server's count.
        if (++conflicts > MAX_CONFLICTS) throw new SyncFailure('transient', text.busy(409), 409, 'offset_conflict');
        state = await offer(file, checked.data.mediaType, signal);
        if (state.complete) return { sent, deduplicated: sent === 0 };
        offset = state.offset;
        continue;
      }
      if (file.size === 0 && reached === 0) break;
      if (reached <= offset || reached > end) throw protocolFailure(text.protocolDetail.badOffset, reply.status, 'bad_offset');
      sent += reached - offset;
      offset = reached;
      conflicts = 0;
    }
    return { sent, deduplicated: false };
  }

  async function pull(cursor: string | null, limit: number, signal?: AbortSignal): Promise<FeedReply> {
    const n = Math.min(Math.max(1, Math.trunc(limit) || 1), SYNC_LIMITS.feedPageMax);
    const query: Record<string, string> = { limit: String(n) };
    if (cursor !== null) query.cursor = cursor;
    const reply = await authed({ method: 'GET', url: urlOf(base, '/feed', query), maxReplyBytes: FEED_REPLY_MAX, signal });
    const page = parseJson(reply, feedReply);
    noteServerTime(ctx, reply, new Date(page.serverTime));
    return page;
  }

  return { kind: 'motcua', health, push, sendFile, pull };
}

/** The Upload-Offset header as a non-negative integer, null when missing or malformed. */
function uploadOffsetOf(reply: HttpReply): number | null {
  const v = reply.headers.get('upload-offset');
  return v !== null && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : null;
}
