import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Clock, CoreConfig } from '../../src/main/core/config';
import { createCore, databaseFileIn, type Core } from '../../src/main/core/core';
import { acquireDataDirLock } from '../../src/main/core/datadir/lock';
import { openDatabase } from '../../src/main/core/db/open';
import { dossierAttachments, storedFiles } from '../../src/main/core/db/schema';
import { createUnitOfWork } from '../../src/main/core/db/unit-of-work';
import { createFileStore } from '../../src/main/core/files/file-store';
import { nodeHostConfig } from '../../src/main/core/runtime/node-config';
import type { SyncTuning } from '../../src/main/core/sync/sync-types';
import { syncTuningFromEnv } from '../../src/main/core/sync/sync-tuning-env';
import type { ReceiveInput } from '../../src/shared/api/calls/dossiers';
import { VN_OFFSET_MS } from '../../src/shared/time/vn-time';
import { catalogue } from '../../src/main/cli/demo-seed';
import { systemContext } from './bench-context';
import { BENCH_OFFICE } from './generate-dossiers';
import { createRng, weighted } from './random';
import { applicantInputOf, receiveInputFor } from './receive-input';
import { applicant as person, procedureWeight } from './vietnamese-data';

// A counter with a sync backlog, for the sync suites: a data dir set up as counter 1 of 2 of the
// demo ward, sync configured for the provincial double's account quay1, and an outbox full of
// changes nobody has sent yet.
//
// Receive entries are written BY THE APP: every dossier is received with dossiers.receive
// through core.dispatch (validation, code, due date, applicant, dossier row, outbox and audit
// entries in one transaction), on a clock this module steps over past working days, as
// `motcua demo seed` does. Attachments cannot be (the app makes them only from scanned JPEG
// pages, and the upload benchmark wants N distinct files of a given size): their bytes go
// through the app's file store (file-store.ts put(): temp file, fsync, rename, directory fsync)
// and their rows through the app's own unit of work (db/unit-of-work.ts), with the rows and the
// 'dossier.attach' outbox payload scan-service.ts attach() writes (stored_files,
// dossier_attachments, outbox, chained audit entry) — minus the scan session, which has no
// part in the sync.
//
// Making 10,000 receipts takes a minute or so, so a prepared counter is kept in $TMPDIR with a
// manifest and reused while the manifest matches; each timed run works on a copy.

/** Bump when what is prepared changes: older prepared counters are then made again. */
const PREPARED_VERSION = 1;
const MANIFEST = 'sync-bench.json';
/** Receipts per working day: counter 1 of 2 is issued the day's odd numbers, 5,000 at most. */
const PER_DAY = 2_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const BENCH_SYNC_ACCOUNT = { username: 'quay1', password: 'quay1-matkhau' };
const ADMIN = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'matkhau123' };
/** The endpoint recorded in the settings; every run overrides it with its double's (CoreConfig.syncEndpoint). */
const PLACEHOLDER_ENDPOINT = 'http://127.0.0.1:9/api/motcua-sync/v1';

export interface CounterSpec {
  dossiers: number;
  /** 0 for a push-only backlog. */
  attachmentsPerDossier: number;
  /** Size of each attachment (random bytes, so every file is distinct). */
  fileBytes: number;
  seed: number;
}

const manifestSchema = z.object({
  version: z.number(),
  spec: z.object({ dossiers: z.number(), attachmentsPerDossier: z.number(), fileBytes: z.number(), seed: z.number() }),
  outbox: z.object({ receive: z.number(), attach: z.number() }),
  files: z.number(),
  fileBytesTotal: z.number(),
  prepareMs: z.object({ receive: z.number(), attach: z.number() }),
  preparedAt: z.string(),
});
export type CounterManifest = z.infer<typeof manifestSchema>;

export interface PreparedCounter {
  dir: string;
  manifest: CounterManifest;
  reused: boolean;
  /** The stored attachments (sha256 and path), in outbox order; empty for a push-only counter. */
  files(): { sha256: string; size: number; path: string }[];
}

const sameSpec = (a: CounterSpec, b: CounterSpec) =>
  a.dossiers === b.dossiers && a.attachmentsPerDossier === b.attachmentsPerDossier && a.fileBytes === b.fileBytes && a.seed === b.seed;

/** A clock the preparation moves forward by hand; it never goes back. */
function steppedClock(start: number): Clock & { set(t: number): void } {
  let t = start;
  return {
    now: () => new Date(t),
    set(next) {
      t = Math.max(t + 1, next);
    },
  };
}

/** The receipt instants: PER_DAY a weekday, evenly over 07:00–17:00 Vietnam time, ending before yesterday. */
function receiptTimes(n: number, now: number): number[] {
  const days = Math.ceil(n / PER_DAY);
  // Walk back from two days ago to collect enough weekdays, then fill them oldest first.
  const dayStarts: number[] = [];
  let vnMidnight = Math.floor((now + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS - 2 * DAY_MS;
  while (dayStarts.length < days) {
    const weekday = new Date(vnMidnight + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dayStarts.unshift(vnMidnight);
    vnMidnight -= DAY_MS;
  }
  const times: number[] = [];
  for (const [d, start] of dayStarts.entries()) {
    const count = Math.min(PER_DAY, n - d * PER_DAY);
    const step = Math.floor((10 * HOUR_MS) / count);
    for (let i = 0; i < count; i++) times.push(start + 7 * HOUR_MS + i * step);
  }
  return times;
}

function readManifest(dir: string): CounterManifest | null {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function storedFilesOf(dir: string): { sha256: string; size: number; path: string }[] {
  const db = openDatabase(databaseFileIn(dir), { readonly: true });
  try {
    const store = createFileStore(join(dir, 'files'));
    const rows = db.prepare('SELECT sha256, size FROM dossier_attachments ORDER BY created_at, id').all() as { sha256: string; size: number }[];
    return rows.map((r) => ({ ...r, path: store.pathOf(r.sha256) }));
  } finally {
    db.close();
  }
}

/**
 * The prepared counter in `dir` for `spec`: reused when its manifest matches and its files are
 * all there, made again otherwise.
 */
export async function prepareCounter(dir: string, spec: CounterSpec, log: (line: string) => void = console.log): Promise<PreparedCounter> {
  const existing = readManifest(dir);
  if (existing && existing.version === PREPARED_VERSION && sameSpec(existing.spec, spec) && existsSync(databaseFileIn(dir))) {
    const files = storedFilesOf(dir);
    if (files.length === existing.files && files.every((f) => existsSync(f.path) && statSync(f.path).size === f.size)) {
      return { dir, manifest: existing, reused: true, files: () => files };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const realNow = Date.now();
  const times = receiptTimes(spec.dossiers, realNow);
  const clock = steppedClock(times[0]! - HOUR_MS);
  // Row ids carry the stepped time (UUIDv7), as if they had been made at that moment.
  const ids = { uuid: () => uuidv7({ msecs: clock.now().getTime() }) };
  const rng = createRng(spec.seed, 'sync-bench');
  const inputs: ReceiveInput[] = [];

  // ---- receipts, through the app
  const t0 = Date.now();
  const core = createCore({ ...nodeHostConfig('cli', dir), clock, ids, syncTuning: {} });
  try {
    const ctx = systemContext('lan.nt');
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(method, input, ctx);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    await call('auth.setup', { admin: ADMIN, office: BENCH_OFFICE });
    await call('sync.settings.set', { enabled: true, endpoint: PLACEHOLDER_ENDPOINT, adapter: 'motcua', ...BENCH_SYNC_ACCOUNT });
    const procedures = weighted((await catalogue(call)).map((p) => [p, procedureWeight(p.code)] as const));
    for (const [i, at] of times.entries()) {
      clock.set(at);
      const procedure = procedures.draw(rng);
      const input = receiveInputFor(rng, { procedure: { id: procedure.id, ...procedure.procedure }, holder: applicantInputOf(person(rng, new Date(realNow))) });
      await call('dossiers.receive', input);
      inputs.push(input);
      if ((i + 1) % 2_000 === 0) log(`received ${i + 1}/${spec.dossiers} dossiers (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    core.close();
  }
  const receiveMs = Date.now() - t0;

  // ---- attachments: the file store's put() and the unit of work, as scan-service.ts attach() writes them
  const t1 = Date.now();
  let files = 0;
  let fileBytesTotal = 0;
  if (spec.attachmentsPerDossier > 0) {
    const lock = acquireDataDirLock(dir, { host: 'cli' });
    const sqlite = openDatabase(databaseFileIn(dir));
    try {
      const db = drizzle({ client: sqlite });
      const commit = createUnitOfWork(db, { clock, ids });
      const store = createFileStore(join(dir, 'files'));
      for (const [i, input] of inputs.entries()) {
        clock.set(clock.now().getTime() + 1_000);
        const built = Array.from({ length: spec.attachmentsPerDossier }, (_, k) => {
          const doc = input.checklist[k];
          const stored = store.put(randomBytes(spec.fileBytes));
          return { code: doc?.code ?? `TL${k + 1}`, name: doc?.name ?? `Tài liệu kèm theo ${k + 1}`, sha256: stored.sha256, size: stored.size, pages: 1 };
        });
        commit(
          (tx, at) => {
            for (const b of built) {
              tx.insert(storedFiles).values({ sha256: b.sha256, size: b.size, mediaType: 'application/pdf', createdAt: at }).onConflictDoNothing().run();
              tx.insert(dossierAttachments)
                .values({ id: ids.uuid(), dossierId: input.requestId, documentCode: b.code, documentName: b.name, sha256: b.sha256, pages: b.pages, size: b.size, createdAt: at, createdBy: 'lan.nt' })
                .onConflictDoNothing()
                .run();
            }
          },
          () => ({
            actor: 'lan.nt',
            action: 'dossier.attach',
            entity: 'dossier',
            entityId: input.requestId,
            syncPayload: { attachments: built.map((b) => ({ documentCode: b.code, sha256: b.sha256, size: b.size, pages: b.pages })) },
            details: { attachments: built.length },
          }),
        );
        files += built.length;
        fileBytesTotal += built.reduce((a, b) => a + b.size, 0);
        if ((i + 1) % 500 === 0) log(`attached ${files} files (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
      }
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      sqlite.close();
      lock.release();
    }
  }
  const attachMs = Date.now() - t1;

  const counts = openDatabase(databaseFileIn(dir), { readonly: true });
  let outbox: { receive: number; attach: number };
  try {
    const n = (op: string) => counts.prepare('SELECT count(*) FROM outbox WHERE operation = ? AND acknowledged_at IS NULL').pluck().get(op) as number;
    outbox = { receive: n('dossier.receive'), attach: n('dossier.attach') };
  } finally {
    counts.close();
  }
  const manifest: CounterManifest = {
    version: PREPARED_VERSION,
    spec,
    outbox,
    files,
    fileBytesTotal,
    prepareMs: { receive: receiveMs, attach: attachMs },
    preparedAt: new Date().toISOString(),
  };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const stored = storedFilesOf(dir);
  return { dir, manifest, reused: false, files: () => stored };
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) linkSync(join(from, entry.name), join(to, entry.name));
  }
}

/**
 * A fresh copy of a prepared counter for one run: the database copied, the stored files
 * hard-linked (the sync only reads them, and stored files are never rewritten in place), so a
 * 2 GB file store costs no copy and no disk.
 */
export function copyCounter(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true, mode: 0o700 });
  copyFileSync(databaseFileIn(from), databaseFileIn(to));
  if (existsSync(join(from, 'files'))) linkTree(join(from, 'files'), join(to, 'files'));
}

/**
 * The app's own core on a copied counter, syncing with `endpoint`: the CLI's host (no background
 * rounds; the suite drives core.sync.runOnce()), MOTCUA_SYNC_* from the environment, then `tuning`.
 */
export function openSyncCore(dir: string, endpoint: string, tuning: Partial<SyncTuning> = {}, adapters: CoreConfig['adapters'] = {}): Core {
  return createCore({ ...nodeHostConfig('cli', dir), syncEndpoint: endpoint, syncTuning: { ...syncTuningFromEnv(), ...tuning }, adapters });
}
