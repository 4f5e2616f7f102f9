import { open } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncState } from '../../../shared/api/contract';
import type { SyncStatus } from '../../../shared/api/calls/sync';
import { syncEngineText } from '../../../shared/i18n/vi-sync-engine';
import type { Clock } from '../config';
import type { EventBus } from '../events';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';
import type { createFeedApplier } from './feed-apply';
import type { OutboxQueue, OutboxRow } from './outbox-queue';
import type { Change, ChangeResult } from './protocol';
import { SyncFailure, type FileToSend, type SyncAdapter } from './sync-adapter';
import type { SyncMeta } from './sync-meta';
import type { AdapterFactory, AdapterHooks, SyncSettings, SyncTuning } from './sync-types';

export type { AdapterHooks, SyncTuning } from './sync-types';
import { wireChangeOf } from './wire-change';

// The background sync: pushes the outbox and pulls the feed in rounds. A round starts on a
// timer, shortly after each local change, on "Đồng bộ ngay", and again at once when a change
// arrived during the previous one. A failed round is retried after an exponential backoff with
// full jitter (so a hundred counters coming back after an outage do not knock together); any
// progress resets it. Nothing here blocks a caller: the database work per batch is a few
// milliseconds and every network wait is asynchronous.


export const DEFAULT_SYNC_TUNING: SyncTuning = {
  intervalMs: 60_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  timeoutMs: 30_000,
  batchSize: 250,
  chunkBytes: 1024 * 1024,
  uploadConcurrency: 4,
  feedPage: 500,
  requestRetries: 2,
  retryBudget: 100,
  debounceMs: 50,
};

/** Beyond this the clerk is warned that the device clock is off. */
export const CLOCK_SKEW_WARNING_MS = 2 * 60_000;


/**
 * The wait after the n-th failure in a row: exponential (base × 2ⁿ⁻¹, capped) with full jitter
 * (`draw` in [0, 1)), so counters coming back after an outage spread out; never under 250 ms, so
 * a failing server is not hammered in a loop.
 */
export function backoffDelay(failures: number, tuning: Pick<SyncTuning, 'baseBackoffMs' | 'maxBackoffMs'>, draw: number): number {
  const ceiling = Math.min(tuning.maxBackoffMs, tuning.baseBackoffMs * 2 ** Math.min(Math.max(failures, 1) - 1, 30));
  return Math.max(Math.min(250, tuning.maxBackoffMs), Math.round(draw * ceiling));
}

export interface SyncEngineDeps {
  queue: OutboxQueue;
  feed: ReturnType<typeof createFeedApplier>;
  meta: SyncMeta;
  settings: () => SyncSettings;
  files: FileStore;
  adapterFor: AdapterFactory;
  dossierCodes: AdapterHooks['dossierCodes'];
  /** The dossier's record now (for receive entries written before the sync existed). */
  recordNow: (dossierId: string) => unknown;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  tuning: SyncTuning;
  random?: () => number;
}

interface Failure {
  kind: SyncFailure['kind'];
  message: string;
  at: Date;
}

interface ClockReading {
  serverTime: string;
  deviceTime: string;
  skewMs: number;
}

export interface RoundReport {
  configured: boolean;
  ok: boolean;
  pushed: number;
  deadLettered: number;
  pulled: number;
  error: string | null;
}

const t = syncEngineText;

export function createSyncEngine(deps: SyncEngineDeps) {
  const { queue, meta, clock, events, logger, tuning } = deps;
  const random = deps.random ?? Math.random;

  let running: Promise<RoundReport> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let nextAttemptAt: Date | null = null;
  let failures = 0;
  let stopped = true;
  let abort = new AbortController();
  let failure: Failure | null = meta.get<{ kind: Failure['kind']; message: string; at: string }>('lastFailure')
    ? (() => {
        const f = meta.get<{ kind: Failure['kind']; message: string; at: string }>('lastFailure')!;
        return { kind: f.kind, message: f.message, at: new Date(f.at) };
      })()
    : null;
  let offlineSince: Date | null = meta.get<string>('offlineSince') ? new Date(meta.get<string>('offlineSince')!) : null;
  let lastSuccessAt: string | null = meta.get<string>('lastSuccessAt');
  let lastAttemptAt: string | null = meta.get<string>('lastAttemptAt');
  let clockReading: ClockReading | null = meta.get<ClockReading>('clock');
  let skewWarned = false;
  /** Files the server is known to hold (this process): not offered again. */
  const onServer = new Set<string>();
  let adapter: { key: string; value: SyncAdapter } | null = null;

  const configured = (s: SyncSettings) => s.enabled && !!s.endpoint && !!s.username && !!s.password;

  function onServerTime(serverTime: Date, sentAt: Date, receivedAt: Date): void {
    const device = new Date((sentAt.getTime() + receivedAt.getTime()) / 2);
    const skewMs = Math.round(device.getTime() - serverTime.getTime());
    clockReading = { serverTime: serverTime.toISOString(), deviceTime: device.toISOString(), skewMs };
    const off = Math.abs(skewMs) > CLOCK_SKEW_WARNING_MS;
    if (off && !skewWarned) logger.warn('device clock is off', { skewMs, serverTime: clockReading.serverTime, deviceTime: clockReading.deviceTime });
    skewWarned = off;
  }

  function adapterNow(s: SyncSettings): SyncAdapter {
    const key = JSON.stringify(s);
    if (adapter?.key !== key) adapter = { key, value: deps.adapterFor(s, tuning, { onServerTime, dossierCodes: deps.dossierCodes }) };
    return adapter.value;
  }

  function state(): SyncState {
    const s = deps.settings();
    const { pending, dead } = queue.counts();
    if (!configured(s)) return { state: 'not-configured', pending, offlineSince: null };
    if (failure?.kind === 'offline') return { state: 'offline', pending, offlineSince: (offlineSince ?? failure.at).toISOString() };
    // Dead letters need a supervisor: they outrank a queue that is moving.
    if (failure || dead > 0) return { state: 'error', pending, offlineSince: null };
    if (pending > 0) return { state: 'sending', pending, offlineSince: null };
    return { state: 'synced', pending, offlineSince: null };
  }

  const emit = () => events.emit('sync.state', state());

  function status(): SyncStatus {
    const s = deps.settings();
    const counts = queue.counts();
    return {
      ...state(),
      endpoint: s.endpoint,
      adapter: configured(s) ? s.adapter : null,
      lastSuccessAt,
      lastAttemptAt,
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
      lastError: failure ? { message: failure.message, at: failure.at.toISOString() } : null,
      deadLetters: counts.dead,
      acknowledged: counts.acknowledged,
      clock: clockReading ? { ...clockReading, warning: Math.abs(clockReading.skewMs) > CLOCK_SKEW_WARNING_MS } : null,
    };
  }

  function fileToSend(sha256: string, size: number): FileToSend {
    const path = deps.files.pathOf(sha256);
    return {
      sha256,
      size,
      mediaType: 'application/pdf',
      async read(start, end) {
        // A file gone or damaged here can never be sent: its entries become dead letters.
        const fh = await open(path, 'r').catch(() => {
          throw new SyncFailure('rejected', t.fileMissingHere, null, 'file_missing_here');
        });
        try {
          const buf = Buffer.allocUnsafe(end - start);
          let got = 0;
          while (got < buf.length) {
            const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
            if (bytesRead === 0) throw new SyncFailure('rejected', t.fileMissingHere, null, 'file_short_here');
            got += bytesRead;
          }
          return buf;
        } finally {
          await fh.close();
        }
      },
    };
  }

  // Within a round, a request that fails after the province has answered at least once is tried
  // again a couple of times (every request is idempotent): a flaky link then costs a retry, not a
  // whole round and its backoff. A province that does not answer at all ends the round at once.
  let reachable = false;
  let retriesLeft = 0;
  async function call<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await fn();
        reachable = true;
        return value;
      } catch (e) {
        // The national calls carry no idempotency key: a progress step or a document list sent
        // twice would be recorded twice, so they are not retried within the round.
        const retryable = e instanceof SyncFailure && e.kind !== 'auth' && e.kind !== 'rejected' && adapter?.value.kind !== 'national';
        if (!retryable || !reachable || attempt >= tuning.requestRetries || retriesLeft <= 0 || signal.aborted) throw e;
        retriesLeft--;
        await sleep(Math.round(100 * (attempt + 1) * (0.5 + random())), undefined, { signal });
      }
    }
  }

  interface FilesOutcome {
    /** Entries that became dead letters (their file is gone here or refused for good). */
    lost: Set<string>;
    /** Entries whose file did not get through this time: they wait, the others go on. */
    deferred: Set<string>;
    /** Why files did not get through (ends the round once what is ready was pushed). */
    failure: unknown;
  }

  /**
   * Sends the files the batch's attach entries name, several at a time. A file that does not get
   * through holds back only the entries naming it: one stuck upload must not keep the batch's
   * other dossiers from the province.
   */
  async function sendFiles(a: SyncAdapter, entries: OutboxRow[], signal: AbortSignal): Promise<FilesOutcome> {
    const out: FilesOutcome = { lost: new Set(), deferred: new Set(), failure: null };
    const wanted = new Map<string, { size: number; entries: string[] }>();
    for (const e of entries) {
      if (e.operation !== 'dossier.attach') continue;
      for (const f of ((e.payload as { attachments?: { sha256: string; size: number }[] }).attachments ?? [])) {
        if (onServer.has(f.sha256)) continue;
        if (!deps.files.has(f.sha256)) {
          out.lost.add(e.id);
          continue;
        }
        const w = wanted.get(f.sha256) ?? { size: f.size, entries: [] };
        w.entries.push(e.id);
        wanted.set(f.sha256, w);
      }
    }
    for (const id of out.lost) queue.markDead(id, t.fileMissingHere, clock.now());
    const todo = [...wanted.entries()];
    let next = 0;
    const worker = async () => {
      // A province out of reach (or stopping) ends the work; a file that failed alone does not.
      while (next < todo.length && !signal.aborted && !(out.failure instanceof SyncFailure && out.failure.kind === 'offline' && !reachable)) {
        const [sha, w] = todo[next++]!;
        try {
          await call(() => a.sendFile(fileToSend(sha, w.size), signal), signal);
          onServer.add(sha);
        } catch (e) {
          // The server will never take this file as it is (too big, hash refused, gone here):
          // the entries naming it cannot succeed either.
          if (e instanceof SyncFailure && e.kind === 'rejected') {
            for (const id of w.entries) {
              queue.markDead(id, e.message, clock.now());
              out.lost.add(id);
            }
          } else {
            out.failure ??= e;
            for (const id of w.entries) out.deferred.add(id);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(tuning.uploadConcurrency, todo.length) }, worker));
    // Files never tried (the work ended early) hold their entries back too.
    for (const [, w] of todo.slice(next)) for (const id of w.entries) out.deferred.add(id);
    return out;
  }

  /** Pushes, halving a batch the server refuses as a whole until the refused change stands alone. */
  async function pushChanges(a: SyncAdapter, changes: Parameters<SyncAdapter['push']>[0], signal: AbortSignal): Promise<ChangeResult[]> {
    try {
      return await call(() => a.push(changes, signal), signal);
    } catch (e) {
      if (!(e instanceof SyncFailure) || e.kind !== 'rejected') throw e;
      // Only a refusal of the content is about these changes; a 403/404/405 from a proxy or a
      // wrong path is about the endpoint, and must not turn the whole queue into dead letters.
      if (e.status !== null && ![400, 409, 413, 422].includes(e.status)) throw new SyncFailure('protocol', e.message, e.status, e.code);
      if (changes.length === 1) return [{ key: changes[0]!.key, outcome: 'rejected', error: e.code ?? undefined, message: e.message }];
      const mid = Math.ceil(changes.length / 2);
      return [...(await pushChanges(a, changes.slice(0, mid), signal)), ...(await pushChanges(a, changes.slice(mid), signal))];
    }
  }

  /** One batch; returns how many entries were settled (acknowledged or dead). */
  async function pushBatch(a: SyncAdapter, batch: OutboxRow[], signal: AbortSignal): Promise<{ acked: number; dead: number; failure: unknown }> {
    let dead = 0;
    const sendable: OutboxRow[] = [];
    const changeOf = new Map<string, Change>();
    for (const e of batch) {
      const w = wireChangeOf(e, deps.recordNow);
      if (w.ok) {
        sendable.push(e);
        changeOf.set(e.id, w.change);
      } else {
        queue.markDead(e.id, t.unsendable(w.reason), clock.now());
        dead++;
      }
    }
    const files = await sendFiles(a, sendable, signal);
    dead += files.lost.size;
    // An entry that died or waits here holds back its dossier's later entries, in this batch as in the next.
    const blocked = new Set(
      batch.filter((e) => !changeOf.has(e.id) || files.lost.has(e.id) || files.deferred.has(e.id)).map((e) => `${e.entity}:${e.entityId}`),
    );
    const toSend = sendable.filter((e) => !blocked.has(`${e.entity}:${e.entityId}`));
    const waiting = sendable.filter((e) => blocked.has(`${e.entity}:${e.entityId}`) && !files.lost.has(e.id));
    if (files.failure !== null && waiting.length > 0)
      queue.recordAttempts(
        waiting.map((e) => e.id),
        files.failure instanceof Error ? files.failure.message : String(files.failure),
      );
    if (toSend.length === 0) return { acked: 0, dead, failure: files.failure };
    let results: ChangeResult[];
    try {
      results = await pushChanges(a, toSend.map((e) => changeOf.get(e.id)!), signal);
    } catch (e) {
      queue.recordAttempts(
        toSend.map((x) => x.id),
        e instanceof Error ? e.message : String(e),
      );
      throw e;
    }
    if (signal.aborted) throw signal.reason;
    // Duplicated acknowledgements are harmless; unlisted changes were not acknowledged.
    const byKey = new Map<string, ChangeResult>();
    for (const r of results) if (!byKey.has(r.key)) byKey.set(r.key, r);
    const acked: OutboxRow[] = [];
    const unsettled: string[] = [];
    let retryReason: string | null = null;
    for (const e of toSend) {
      const r = byKey.get(e.idempotencyKey);
      if (r?.outcome === 'applied' || r?.outcome === 'duplicate') acked.push(e);
      else if (r?.outcome === 'rejected') {
        queue.markDead(e.id, r.message ?? r.error ?? t.rejected, clock.now());
        dead++;
      } else {
        unsettled.push(e.id);
        if (r?.outcome === 'retry') {
          retryReason = r.message ?? r.error ?? null;
          // The server lost or never finished a file this change names: offer it again.
          if (r.error === 'missing_file' && e.operation === 'dossier.attach')
            for (const f of ((e.payload as { attachments?: { sha256: string }[] }).attachments ?? [])) onServer.delete(f.sha256);
        }
      }
    }
    queue.acknowledge(acked, clock.now());
    // The province's news about these dossiers, kept aside while ours was on its way.
    const dossierIds = [...new Set(acked.filter((e) => e.entity === 'dossier').map((e) => e.entityId))];
    for (const id of deps.feed.applyHeld(dossierIds)) events.emit('dossiers.changed', { id });
    if (unsettled.length > 0) queue.recordAttempts(unsettled, retryReason ?? t.notAcknowledged);
    // What was ready went; the files that did not get through end the round (backoff, then again).
    return { acked: acked.length, dead, failure: files.failure };
  }

  async function round(): Promise<RoundReport> {
    const s = deps.settings();
    const report: RoundReport = { configured: configured(s), ok: false, pushed: 0, deadLettered: 0, pulled: 0, error: null };
    if (!report.configured) {
      failure = null;
      emit();
      return report;
    }
    const a = adapterNow(s);
    const signal = abort.signal;
    lastAttemptAt = clock.now().toISOString();
    reachable = false;
    retriesLeft = tuning.retryBudget;
    let pushFailure: unknown = null;
    try {
      // A cheap probe first: a province out of reach ends the round at once, and one that answers
      // earns the round its retries (the first requests of a round go out in parallel, so "has
      // anything succeeded yet" would often be answered by a fault).
      await a.health(signal);
      reachable = true;
      for (;;) {
        const batch = queue.nextBatch(tuning.batchSize);
        if (batch.length === 0) break;
        const r = await pushBatch(a, batch, signal);
        report.pushed += r.acked;
        report.deadLettered += r.dead;
        if (r.acked + r.dead > 0) {
          // The province answers again: say so at once, not at the end of a long backlog; and
          // progress ends the backoff.
          failure = null;
          offlineSince = null;
          failures = 0;
        }
        emit();
        if (r.failure !== null) throw r.failure;
        if (r.acked + r.dead === 0) break; // nothing settled (e.g. all "retry"): not in a tight loop
      }
    } catch (e) {
      pushFailure = e;
    }
    try {
      // The province's decisions come down even while our backlog is stuck (a sick upload must
      // not hide a result ready to hand back) — unless the province is out of reach.
      if (pushFailure !== null && !reachable) throw pushFailure;
      let cursor = meta.get<string>('cursor');
      for (;;) {
        const page = await call(() => a.pull(cursor, tuning.feedPage, signal), signal);
        if (signal.aborted) throw signal.reason;
        const outcome = deps.feed.applyPage(page);
        report.pulled += page.items.length;
        for (const id of outcome.changedDossiers) events.emit('dossiers.changed', { id });
        cursor = page.cursor;
        if (!page.hasMore || page.items.length === 0) break;
      }
      if (pushFailure !== null) throw pushFailure;
      report.ok = true;
      failure = null;
      offlineSince = null;
      failures = 0;
      lastSuccessAt = clock.now().toISOString();
    } catch (e) {
      if (signal.aborted) {
        // Stopped (the app is closing): not a failure of the province.
        report.error = 'stopped';
        return report;
      }
      const f = e instanceof SyncFailure ? e : new SyncFailure('protocol', t.unexpected(e instanceof Error ? e.message : String(e)));
      if (!(e instanceof SyncFailure)) logger.error('sync round failed unexpectedly', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      failures++;
      failure = { kind: f.kind, message: f.message, at: clock.now() };
      if (f.kind === 'offline') offlineSince ??= failure.at;
      report.error = f.message;
      logger.warn('sync round failed', { kind: f.kind, status: f.status, code: f.code, message: f.message, failures });
    }
    try {
      meta.set('lastAttemptAt', lastAttemptAt);
      meta.set('lastSuccessAt', lastSuccessAt);
      meta.set('offlineSince', offlineSince?.toISOString() ?? null);
      meta.set('lastFailure', failure ? { ...failure, at: failure.at.toISOString() } : null);
      if (clockReading) meta.set('clock', clockReading);
    } catch (e) {
      logger.warn('sync state not saved', { error: String(e) });
    }
    emit();
    return report;
  }

  const backoffMs = () => backoffDelay(failures, tuning, random());

  function schedule(delayMs: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextAttemptAt = new Date(clock.now().getTime() + delayMs);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, delayMs);
    timer.unref();
  }

  /** Runs a round now, or right after the one under way. */
  function run(): Promise<RoundReport> {
    if (running) {
      again = true;
      return running;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    nextAttemptAt = null;
    running = round().finally(() => {
      running = null;
      if (again && !failure) {
        again = false;
        void run();
      } else if (configured(deps.settings())) {
        again = false;
        schedule(failure ? (failure.kind === 'auth' ? tuning.maxBackoffMs : backoffMs()) : tuning.intervalMs);
      }
    });
    return running;
  }

  // "At once on reconnect": the machine's addresses change when a cable is plugged in or Wi-Fi
  // joins; while the province is out of reach, that is worth a round now instead of at the end
  // of the backoff. (The UI also calls sync.now on the browser's 'online' event.)
  const addresses = () =>
    Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address)
      .sort()
      .join(',');
  let lastAddresses = '';
  let networkWatch: NodeJS.Timeout | null = null;
  function watchNetwork(): void {
    lastAddresses = addresses();
    networkWatch = setInterval(() => {
      const now = addresses();
      if (now === lastAddresses) return;
      lastAddresses = now;
      if (failure?.kind === 'offline' && !running) void run();
    }, 3_000);
    networkWatch.unref();
  }

  return {
    status,
    state,
    /** Starts the background rounds (hosts that serve a UI; not the one-shot CLI). */
    start(): void {
      stopped = false;
      abort = new AbortController();
      emit();
      schedule(0);
      watchNetwork();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (networkWatch) clearInterval(networkWatch);
      timer = null;
      networkWatch = null;
      abort.abort();
    },
    /** After a local change: a round soon (debounced), or right after the one under way. */
    kick(): void {
      if (stopped || !configured(deps.settings())) return;
      if (running) {
        again = true;
        return;
      }
      // While failing, the backoff decides (a refused password must not be tried at every save).
      if (failure && timer) return;
      schedule(tuning.debounceMs);
    },
    /** "Đồng bộ ngay" and `motcua sync --once`: one round, awaited. */
    runOnce: run,
    /** Settings changed: forget the adapter (token, endpoint) and try soon. */
    reconfigure(): void {
      // A round under way talks to the old server with the old account: stop it.
      abort.abort();
      abort = new AbortController();
      adapter = null;
      onServer.clear();
      failure = null;
      failures = 0;
      emit();
      if (!stopped) schedule(0);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
