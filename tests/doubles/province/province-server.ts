import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYNC_LIMITS } from '../../../src/main/core/sync/protocol';
import { ADMIN_BASE, adminError, handleAdmin, type AdminOps } from './admin-page';
import { BENCH_PLAIN_BASE, handleBenchPlain } from './bench-plain';
import { FaultSwitch, NO_FAULTS, type FaultConfig, type FaultCounts, type FaultPatch } from './faults';
import { delay, discardBody, HttpError, send, type Exchange } from './http-util';
import { MOTCUA_BASE, motcuaError, motcuaRoute } from './motcua-routes';
import { NATIONAL_BASE, nationalError, nationalRoute } from './national-routes';
import { DEFAULT_UNIT, defaultAccounts, type ProvinceAccount, type ProvinceContext } from './province-context';
import { ProvinceStore, type CalendarDay, type ProvinceStatusUpdate, type StoredDossier } from './province-store';
import type { AckFault, Route } from './route';

// A fake provincial one-stop system on 127.0.0.1, for the sync tests (chaos, two counters,
// offline → online, benchmarks) and for trainers (`npm run province`). Two faces on one store:
//   /api/motcua-sync/v1/…   our protocol (src/main/core/sync/protocol.ts)
//   /national/…             the DongBoHoSoMC family (national-routes.ts)
//   /_admin                 a page for the deciding agency's decisions and the fault switches
// Faults (faults.ts) are drawn per request; /health and /_admin are exempt from random ones.
// Data lives in dataDir (SQLite + files) and survives a stop/start: "the province comes back".

export interface ProvinceOptions {
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  dataDir: string;
  /** Default: quay1 / quay1-matkhau and quay2 / quay2-matkhau, both of `unitCode`. */
  accounts?: ProvinceAccount[];
  /** The unit of the default accounts and of the admin page. Default 000.00.06.H56. */
  unitCode?: string;
  faults?: FaultPatch;
  /** Token and national session lifetime. Default 1 h. */
  tokenTtlMs?: number;
  /** The province's clock runs this far ahead of ours (also a fault switch). */
  clockOffsetMs?: number;
}

export interface ProvinceStats {
  requests: number;
  /** Requests per route, e.g. 'POST /changes'. */
  byRoute: Record<string, number>;
  /** Faults injected, per kind ('down': requests dropped while down). */
  faults: FaultCounts;
  faultsInjected: number;
  changes: { applied: number; duplicate: number; rejected: number; retry: number };
  duplicatesSeen: number;
  dossiers: number;
  files: number;
}

export interface Province {
  /** Base of our protocol, e.g. http://127.0.0.1:P/api/motcua-sync/v1 */
  url: string;
  /** Base of the national face, http://127.0.0.1:P/national */
  nationalUrl: string;
  adminUrl: string;
  port: number;
  /** Read helpers for tests (dossierCount(), dossiers(), attachments(), duplicatesSeen, feed()…). */
  store: ProvinceStore;
  /** Merges switches into the current ones (a bad switch is refused whole). */
  setFaults(patch: FaultPatch): FaultConfig;
  /** No faults, the start's clock offset. */
  clearFaults(): FaultConfig;
  faults(): FaultConfig;
  stats(): ProvinceStats;
  /** The deciding agency's decision; null when no dossier has that code. */
  setStatus(code: string, status: number, progress?: Omit<ProvinceStatusUpdate, 'status'>): StoredDossier | null;
  publishCatalog(procedure: Record<string, unknown>): void;
  publishCalendar(date: string, day: CalendarDay | null): void;
  stop(): Promise<void>;
}

/** The double without its listener: the store, the switches and the request handler. */
export function createProvince(options: ProvinceOptions) {
  const unitCode = options.unitCode ?? DEFAULT_UNIT;
  const store = new ProvinceStore(options.dataDir);
  const faults = new FaultSwitch({ ...NO_FAULTS, clockOffsetMs: options.clockOffsetMs ?? 0 }, options.faults ?? {});
  const now = () => new Date(Date.now() + faults.clockOffsetMs);
  const ctx: ProvinceContext = {
    store,
    accounts: options.accounts ?? defaultAccounts(unitCode),
    tokenTtlMs: options.tokenTtlMs ?? 3_600_000,
    now,
    uploadsInFlight: new Set(),
    uploadHashes: new Map(),
  };
  const counters = { requests: 0, byRoute: {} as Record<string, number> };
  const held = new Set<NodeJS.Timeout>();
  let stopping = false;

  /** Kept at stop, so a test can still read what happened after the province is gone. */
  let finalStats: ProvinceStats | null = null;
  const stats = (): ProvinceStats =>
    finalStats ?? {
      requests: counters.requests,
      byRoute: { ...counters.byRoute },
      faults: { ...faults.counts },
      faultsInjected: Object.values(faults.counts).reduce((a, b) => a + b, 0),
      changes: {
        applied: store.counter('changes.applied'),
        duplicate: store.counter('changes.duplicate'),
        rejected: store.counter('changes.rejected'),
        retry: store.counter('changes.retry'),
      },
      duplicatesSeen: store.duplicatesSeen,
      dossiers: store.dossierCount(),
      files: store.files().length,
    };

  const operations = {
    store,
    unitCode,
    faults: () => faults.current(),
    setFaults: (patch: FaultPatch) => faults.set(patch),
    clearFaults: () => faults.clear(),
    stats,
    setStatus: (code: string, status: number, progress: Omit<ProvinceStatusUpdate, 'status'> = {}) => store.setStatus(code, { ...progress, status }, now()),
    publishCatalog: (procedure: Record<string, unknown>) => void store.publishCatalog(procedure, now()),
    publishCalendar: (date: string, day: CalendarDay | null) => void store.publishCalendar(date, day, now()),
  };

  /** Holds the request open, then drops it: a server that never answers. */
  const hold = (ex: Exchange) => {
    const timer = setTimeout(() => {
      held.delete(timer);
      ex.req.socket.destroy();
    }, faults.timeoutHoldMs);
    held.add(timer);
    ex.res.once('close', () => {
      clearTimeout(timer);
      held.delete(timer);
    });
  };

  async function answerError(ex: Exchange, e: HttpError, reply: (ex: Exchange, e: HttpError) => void): Promise<void> {
    if (!ex.req.readableEnded && !ex.req.destroyed) {
      // A 413's body may be huge: say so and close. Otherwise read what was sent, then answer.
      if (e.status === 413) return reply(ex, new HttpError(e.status, e.code, e.message, { ...e.headers, Connection: 'close' }));
      await discardBody(ex.req, SYNC_LIMITS.chunkMax + 1024 * 1024);
    }
    reply(ex, e);
  }

  async function run(route: Route, ex: Exchange, reply: (ex: Exchange, e: HttpError) => void): Promise<void> {
    counters.byRoute[route.name] = (counters.byRoute[route.name] ?? 0) + 1;
    const fault = route.exempt ? null : faults.draw(route);
    let ack: AckFault = null;
    switch (fault) {
      case 'reset':
        ex.req.socket.destroy();
        return;
      case 'timeout':
        return hold(ex);
      case 'http500':
        return answerError(ex, new HttpError(500, 'internal', 'injected fault: http500'), reply);
      case 'expiredToken':
        return answerError(ex, new HttpError(401, 'token_expired', 'the token has expired'), reply);
      case 'diskFull':
        return answerError(ex, new HttpError(507, 'disk_full', 'the server has no space left'), reply);
      case 'slow':
        await delay(faults.slowDelayMs());
        break;
      case 'resetAfterCommit':
        ex.resetAfterCommit = true;
        break;
      case 'duplicateAck':
      case 'partialAck':
        ack = fault;
        break;
      default:
        break;
    }
    await route.handle(ctx, ex, ack);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, admin: Pick<AdminOps, 'urls' | 'hostNames'>): Promise<void> {
    counters.requests++;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://province.invalid');
    } catch {
      req.socket.destroy();
      return;
    }
    const ex: Exchange = { req, res, url, now, resetAfterCommit: false };
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === ADMIN_BASE || path.startsWith(`${ADMIN_BASE}/`)) {
      try {
        return await handleAdmin({ ...operations, ...admin }, ex, path.slice(ADMIN_BASE.length));
      } catch (e) {
        if (e instanceof HttpError) return answerError(ex, e, adminError);
        throw e;
      }
    }
    if (path === '/' && method === 'GET') return send(ex, 303, '', { Location: ADMIN_BASE });
    if (faults.down) {
      faults.countDown();
      req.socket.destroy();
      return;
    }

    // The sync-upload benchmark's plain-HTTP baseline (bench-plain.ts): not part of either face.
    if (path.startsWith(BENCH_PLAIN_BASE)) {
      counters.byRoute['PUT /_bench/plain'] = (counters.byRoute['PUT /_bench/plain'] ?? 0) + 1;
      try {
        return await handleBenchPlain(ex, store.dataDir, method, path.slice(BENCH_PLAIN_BASE.length));
      } catch (e) {
        if (e instanceof HttpError) return answerError(ex, e, motcuaError);
        throw e;
      }
    }

    const face = path.startsWith(`${MOTCUA_BASE}/`)
      ? { route: motcuaRoute(method, path.slice(MOTCUA_BASE.length)), reply: motcuaError }
      : path.startsWith(`${NATIONAL_BASE}/`)
        ? { route: nationalRoute(method, path.slice(NATIONAL_BASE.length)), reply: nationalError }
        : { route: null, reply: motcuaError };
    if (!face.route) return answerError(ex, new HttpError(404, 'not_found', `no route ${method} ${path}`), face.reply);
    try {
      await run(face.route, ex, face.reply);
    } catch (e) {
      if (e instanceof HttpError) return answerError(ex, e, face.reply);
      if (!stopping) console.error('province double:', e);
      return answerError(ex, new HttpError(500, 'internal', 'internal error'), face.reply);
    }
  }

  return {
    ...operations,
    ctx,
    handle,
    /** Timers of held ('timeout') requests, cleared at stop. */
    close(): void {
      if (stopping) return;
      finalStats = stats();
      stopping = true;
      for (const timer of held) clearTimeout(timer);
      held.clear();
      store.close();
    },
  };
}

/** Starts the double on 127.0.0.1 (or `host`); resolves once it listens. */
export async function startProvince(options: ProvinceOptions): Promise<Province> {
  const province = createProvince(options);
  const host = options.host ?? '127.0.0.1';
  let admin: Pick<AdminOps, 'urls' | 'hostNames'> = { urls: { url: '', nationalUrl: '', adminUrl: '' }, hostNames: [] };
  const server = http.createServer((req, res) => {
    province.handle(req, res, admin).catch((e: unknown) => {
      console.error('province double:', e);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal' }));
      } else res.destroy();
    });
  });
  // A client that hangs up mid-request must not take the double down with it.
  server.on('clientError', (_e, socket) => socket.destroy());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    province.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const urls = { url: `${origin}${MOTCUA_BASE}`, nationalUrl: `${origin}${NATIONAL_BASE}`, adminUrl: `${origin}${ADMIN_BASE}` };
  admin = { urls, hostNames: [`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] };

  let stopped: Promise<void> | null = null;
  return {
    ...urls,
    port,
    store: province.store,
    setFaults: province.setFaults,
    clearFaults: province.clearFaults,
    faults: province.faults,
    stats: province.stats,
    setStatus: province.setStatus,
    publishCatalog: province.publishCatalog,
    publishCalendar: province.publishCalendar,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        // Let the event loop poll once more, so a client in this process sees its keep-alive
        // sockets closed before it is told the province is gone (and does not reuse them).
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(() => province.close());
      return stopped;
    },
  };
}
