import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemContext } from './bench-context';
import type { CoreConfig } from '../../src/main/core/config';
import { createCore, databaseFileIn } from '../../src/main/core/core';
import { acquireDataDirLock } from '../../src/main/core/datadir/lock';
import { nodeHostConfig } from '../../src/main/core/runtime/node-config';
import type { OfficeProfile } from '../../src/shared/api/calls/office';
import { createWorkCalendar, type WorkCalendar } from '../../src/shared/calendar/work-calendar';
import type { DueRule, WorkingHours } from '../../src/shared/calendar/working-time';
import { computeFees } from '../../src/shared/catalog/fees';
import type { Procedure } from '../../src/shared/catalog/procedure';
import { counterCapacity, formatDossierCode, nextCounterSequence } from '../../src/shared/dossier/code';
import { foldForSearch } from '../../src/shared/text/normalize';
import { VN_OFFSET_MS, vnDateKey, vnDayRange } from '../../src/shared/time/vn-time';
import { planLifecycle, type LifecycleOutcome } from './lifecycle';
import { createRng, weighted, type WeightedTable } from './random';
import { planReceivedTimes, type ReceivedPlan } from './received-times';
import { applicantInputOf } from './receive-input';
import { uuidV7At } from './uuid-v7';
import { createWorkingTimeMemo } from './working-time-memo';
import { applicant as person, clerks, procedureWeight, type Applicant as Person } from './vietnamese-data';
import { DEMO_OFFICE } from '../../src/main/cli/demo-seed';

// Fills a data dir with a large, realistic dossier history for benchmarks. The schema, the office
// profile, the procedure catalogue and the working-day calendar come from the app itself
// (createCore migrates and seeds; office.update and the calendar go through dispatch), so
// benchmarks run against the real tables, indexes and reference data. Only the bulk rows are
// written directly: a million dossiers.receive calls would take an hour and fill the outbox and
// audit log, while generated history counts as already synced. What the rows hold mirrors what
// DossierService.receive and .transition write (columns, the `details` JSON, applicants, codes).

export const MANIFEST_FILE = 'bench-dataset.json';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The office the dataset belongs to: the demo ward's counter 1 of 2. */
export const BENCH_OFFICE: OfficeProfile = DEMO_OFFICE;

export interface DatasetManifest {
  generator: 'motcua-bench';
  /** 2: the intake model (codes, applicants, statuses, details); 1 had the foundation columns only. */
  version: 2;
  seed: number;
  dossiers: number;
  days: number;
  /** The "now" the data was generated for; "today" in the data is its Vietnamese date. */
  now: string;
  vnDate: string;
  todayCount: number;
  applicants: number;
  unitCode: string;
  generatedAt: string;
}
export const MANIFEST_VERSION = 2;

export interface GenerateOptions {
  dataDir: string;
  dossiers: number;
  /** How far back history goes, in days (default 365). */
  days?: number;
  seed?: number;
  /** The moment the data is generated for (default: the real now). Tests freeze it. */
  now?: Date;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  rows: number;
  todayCount: number;
  applicants: number;
  /** Everything: setup, planning, inserts, index and FTS rebuild, checkpoint. */
  totalMs: number;
  /** createCore() on the empty dir (creates, migrates, seeds the catalogue) + office and calendar. */
  migrateMs: number;
  /** Generating and inserting the rows (rebuilds and checkpoint not included). */
  insertMs: number;
  /** The part of insertMs spent in SQLite (the rest is generating the data in JS). */
  writeMs: number;
  /** Re-creating the dossiers' secondary indexes and rebuilding the name index. */
  indexMs: number;
  rowsPerSecond: number;
  databaseFile: string;
  databaseBytes: number;
  manifest: DatasetManifest;
}

/** A catalogue version as the generator uses it, read from the seeded `procedures` table. */
export interface CatalogueProcedure {
  id: string;
  code: string;
  version: number;
  name: string;
  rule: DueRule;
  decidingAgency: string;
  documents: Procedure['documents'];
  fees: Procedure['fees'];
  copyPriced: boolean;
  pagePriced: boolean;
}

export interface DatasetContext {
  office: OfficeProfile;
  procedures: readonly CatalogueProcedure[];
  calendar: WorkCalendar;
}

export interface GeneratedApplicant {
  id: string;
  person: Person;
  idNumber: string;
  fullName: string;
  nameFolded: string;
  phone: string;
  /** The applicant as the service stores it (applicants.data and details.applicant/owner), as JSON. */
  json: string;
  createdAt: number;
}

export interface GeneratedDossier {
  id: string;
  code: string;
  /** The Vietnamese date of receipt (YYYY-MM-DD), the code's date. */
  dateKey: string;
  sequence: number;
  receivedAt: number;
  procedure: CatalogueProcedure;
  /** The holder (chủ hồ sơ): goes to `applicants` and the denormalised columns. */
  holder: GeneratedApplicant;
  /** True when the holder had brought a dossier before (an existing applicants row). */
  returning: boolean;
  /** The person at the counter when a representative brought it, else null. */
  representative: Person | null;
  receivedBy: string;
  channel: number;
  feeTotal: number;
  lifecycle: LifecycleOutcome;
  /** The `details` column: what DossierService.receive writes, as JSON text. */
  details: string;
}

/**
 * The dossiers of a dataset in received order, from independent random streams (times, ids,
 * people, content, lifecycle) so that a change to one kind of data leaves the others as they were.
 */
export interface DossierStream extends Iterable<GeneratedDossier> {
  plan: ReceivedPlan;
}

/** Returning applicants are drawn from the most recent ones kept here (a commune's regulars). */
const RETURNING_POOL = 100_000;
export const RETURNING_RATE = 0.2;

const dateKeyOfDay = new Map<number, string>();
function dateKeyAt(ms: number): string {
  const day = Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
  let key = dateKeyOfDay.get(day);
  if (key === undefined) {
    key = vnDateKey(new Date(ms));
    dateKeyOfDay.set(day, key);
  }
  return key;
}

function applicantJson(p: Person): string {
  // Key order as checkApplicant returns the validated input (the contract's applicantInput).
  return JSON.stringify(applicantInputOf(p));
}

/** Per-procedure pieces of the details JSON that many dossiers share, built once. */
function createDetailParts(office: OfficeProfile) {
  const checklists = new Map<string, string>();
  const fees = new Map<string, { json: string; total: number }>();
  const unit = JSON.stringify({ code: office.unitCode, name: office.unitName });
  return {
    unit,
    checklist(p: CatalogueProcedure, optionalMask: number): string {
      const key = `${p.id}|${optionalMask}`;
      let json = checklists.get(key);
      if (json === undefined) {
        let bit = 0;
        const items = [];
        for (const d of p.documents) {
          const handedOver = d.required || (optionalMask & (1 << bit++)) !== 0;
          // The form lists every document of the procedure; optional ones are ticked when brought.
          items.push({ code: d.code, name: d.name, handedOver, originals: d.originals, certifiedCopies: d.copies, photocopies: d.photocopies });
        }
        json = JSON.stringify(items);
        checklists.set(key, json);
      }
      return json;
    },
    fees(p: CatalogueProcedure, copies: number, pages: number, sets: number) {
      const key = `${p.id}|${copies}|${pages}`;
      let f = fees.get(key);
      if (f === undefined) {
        const c = computeFees(p, { copies, pages, sets });
        const lines = c.lines.map((l) => ({ code: l.code, name: l.name, quantity: l.quantity, unitAmount: l.unitAmount, amount: l.amount }));
        f = { json: JSON.stringify({ lines, total: c.total }), total: c.total };
        fees.set(key, f);
      }
      return f;
    },
  };
}

export function generateDossiers(opts: { n: number; days: number; seed: number; now: Date; context: DatasetContext }): DossierStream {
  const { office, calendar } = opts.context;
  if (opts.context.procedures.length === 0) throw new Error('the catalogue is empty: nothing to receive dossiers under');
  const plan = planReceivedTimes({ n: opts.n, days: opts.days, now: opts.now, rng: createRng(opts.seed, 'received-at') });
  const procedureTable: WeightedTable<CatalogueProcedure> = weighted(opts.context.procedures.map((p) => [p, procedureWeight(p.code)] as const));
  const hours: WorkingHours = office.workingHours;
  const nowMs = opts.now.getTime();
  const capacity = counterCapacity(office.counterNumber, office.countersInUnit);
  // The app's dueDate / nextWorkingMoment with the seeded calendar, memoised exactly (see there).
  const time = createWorkingTimeMemo(calendar, hours);

  return {
    plan,
    *[Symbol.iterator]() {
      // Fresh streams and state per iteration, so iterating twice gives the same dossiers twice.
      const ids = createRng(opts.seed, 'ids');
      const people = createRng(opts.seed, 'content');
      const content = createRng(opts.seed, 'dossier');
      const life = createRng(opts.seed, 'lifecycle');
      const parts = createDetailParts(office);
      const usedIds = new Set<number>();
      const pool: GeneratedApplicant[] = [];
      const lastSequence = new Map<string, number>();
      const codePrefix = new Map<string, string>();

      const newPerson = (): Person => {
        for (;;) {
          const p = person(people, opts.now);
          // CCCD numbers are unique per person; the random part can repeat in a large dataset.
          const key = Number(p.cccd);
          if (!usedIds.has(key)) {
            usedIds.add(key);
            return p;
          }
        }
      };

      for (const t of plan.times) {
        const id = uuidV7At(t, ids);
        const dateKey = dateKeyAt(t);
        const seq = nextCounterSequence(office.counterNumber, office.countersInUnit, lastSequence.get(dateKey) ?? 0);
        if (seq === null) {
          throw new Error(
            `${dateKey}: more than ${capacity} dossiers in one day for counter ${office.counterNumber} of ${office.countersInUnit}; ` +
              'use more --days or fewer --dossiers',
          );
        }
        lastSequence.set(dateKey, seq);
        let prefix = codePrefix.get(dateKey);
        if (prefix === undefined) {
          // formatDossierCode checks its parts; once per day is enough, then only the number changes.
          prefix = formatDossierCode(office.unitCode, dateKey, 1).slice(0, -4);
          codePrefix.set(dateKey, prefix);
        }

        let holder: GeneratedApplicant;
        const returning = pool.length > 0 && content.chance(RETURNING_RATE);
        if (returning) {
          holder = content.pick(pool);
        } else {
          const p = newPerson();
          holder = {
            id: uuidV7At(t, ids),
            person: p,
            idNumber: p.cccd,
            fullName: p.name.full,
            nameFolded: foldForSearch(p.name.full),
            phone: p.phone,
            json: applicantJson(p),
            createdAt: t,
          };
          if (pool.length < RETURNING_POOL) pool.push(holder);
          else pool[content.int(RETURNING_POOL)] = holder;
        }
        // One in twenty dossiers is brought by a representative (a relative with an authorisation).
        const representative = content.chance(0.05) ? newPerson() : null;

        const proc = procedureTable.draw(content);
        const copies = proc.copyPriced ? content.between(1, 5) : 1;
        const pages = proc.pagePriced ? content.between(1, 8) : 0;
        const sets = content.chance(0.9) ? 1 : 2;
        const fee = parts.fees(proc, copies, pages, sets);
        const optional = content.int(8);
        const byPost = content.chance(0.05);
        const channel = content.chance(0.03) ? 3 : 1;
        const receivedBy = clerks.draw(content).username;

        const due = time.dueDate(t, proc.rule);
        const lifecycle = planLifecycle(life, {
          receivedAt: t,
          dueAt: due,
          now: nowMs,
          calendar,
          hours,
          workingMoment: time.nextWorkingMoment,
          holder: holder.fullName,
          delivery: byPost ? 'post' : 'counter',
        });

        const delivery = byPost ? JSON.stringify({ method: 'post', address: holder.person.address.text }) : '{"method":"counter"}';
        const returned = lifecycle.returned
          ? `,"returned":${JSON.stringify({ to: lifecycle.returned.to, method: lifecycle.returned.method, at: new Date(lifecycle.returned.at).toISOString() })}`
          : '';
        // Key order and content as DossierService.receive builds `details` (transition adds `returned`).
        const details =
          `{"applicant":${representative ? applicantJson(representative) : holder.json},` +
          `"owner":${representative ? holder.json : 'null'},"role":"${representative ? 'representative' : 'owner'}",` +
          `"checklist":${parts.checklist(proc, optional)},"sets":${sets},"copies":${copies},"pages":${pages},` +
          `"fees":${fee.json},"resultDelivery":${delivery},"receivingUnit":${parts.unit},` +
          `"decidingAuthority":${JSON.stringify(proc.decidingAgency)},"summary":"","procedureVersion":${proc.version}${returned}}`;

        yield {
          id,
          code: `${prefix}${String(seq).padStart(4, '0')}`,
          dateKey,
          sequence: seq,
          receivedAt: t,
          procedure: proc,
          holder,
          returning,
          representative,
          receivedBy,
          channel,
          feeTotal: fee.total,
          lifecycle,
          details,
        };
      }
    },
  };
}

export function readManifest(dataDir: string): DatasetManifest | null {
  const file = join(dataDir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DatasetManifest;
  } catch {
    return null;
  }
}

/** Reads what the app seeded (catalogue, calendar) and the office profile, from the database. */
export function readDatasetContext(db: Database.Database): DatasetContext {
  const officeRow = db.prepare("SELECT value FROM settings WHERE key = 'office'").pluck().get() as string | undefined;
  if (!officeRow) throw new Error('no office profile in settings');
  const office = JSON.parse(officeRow) as OfficeProfile;
  const rows = db.prepare('SELECT id, code, version, name, data FROM procedures WHERE is_current = 1 ORDER BY code').all() as {
    id: string;
    code: string;
    version: number;
    name: string;
    data: string;
  }[];
  const procedures = rows.map((r): CatalogueProcedure => {
    const p = JSON.parse(r.data) as Procedure;
    return {
      id: r.id,
      code: r.code,
      version: r.version,
      name: r.name,
      rule: p.processingTime,
      decidingAgency: p.decidingAgency,
      documents: p.documents,
      fees: p.fees,
      copyPriced: p.fees.some((f) => f.basis !== 'per-dossier'),
      pagePriced: p.fees.some((f) => f.basis === 'per-page' || f.basis === 'tiered-per-page'),
    };
  });
  const days = db.prepare('SELECT date, kind, name, source FROM calendar_days').all() as {
    date: string;
    kind: 'off' | 'work';
    name: string;
    source: 'seed' | 'admin' | 'sync';
  }[];
  // The same merge of the official table and the Labour Code rules as CalendarService.
  const calendar = createWorkCalendar(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, origin: d.source })));
  return { office, procedures, calendar };
}

/**
 * The app's own setup of the data dir, through createCore and dispatch: migrations, the sample
 * catalogue (seeded on first start), the office profile (office.update) and the official
 * calendar table (seeded on first use). The clock is set to just before the history starts, so
 * the setup's audit entries and the catalogue's import time come first, reproducibly.
 */
async function setUpThroughTheApp(dataDir: string, at: Date, seed: number): Promise<void> {
  const idRng = createRng(seed, 'setup-ids');
  const config: CoreConfig = {
    ...nodeHostConfig('cli', dataDir),
    clock: { now: () => new Date(at) },
    ids: { uuid: () => uuidV7At(at.getTime(), idRng) },
  };
  const core = createCore(config);
  try {
    const probe = new Database(core.databaseFile, { readonly: true });
    const hasDossiers = probe.prepare('SELECT 1 FROM dossiers LIMIT 1').get() !== undefined;
    probe.close();
    if (hasDossiers) throw new Error(`${core.databaseFile} already holds dossiers; generate into an empty data dir`);
    const ctx = systemContext();
    for (const [method, input] of [
      ['office.update', BENCH_OFFICE],
      ['calendar.holidays', { year: Number(vnDateKey(at).slice(0, 4)) }],
    ] as const) {
      const r = await core.dispatch(method, input, ctx);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    }
  } finally {
    core.close();
  }
}

/** The dossiers table's secondary indexes and the name index's triggers, as the migrations made them. */
function dossierSchemaObjects(db: Database.Database): { indexes: { name: string; sql: string }[]; triggers: { name: string; sql: string }[] } {
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'dossiers' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")
    .all() as { type: string; name: string; sql: string }[];
  return {
    // The primary key's automatic index stays (sql IS NULL); code's unique index stays too,
    // as a guard against a generator bug that would issue one code twice.
    indexes: objects.filter((o) => o.type === 'index' && o.name !== 'dossiers_code_uq'),
    triggers: objects.filter((o) => o.type === 'trigger'),
  };
}

/**
 * Creates (or migrates) the database in `dataDir` through the app's own createCore, then bulk
 * inserts the dossiers. Refuses a database that already holds dossiers: mixing generated rows
 * into real or earlier data would make both meaningless.
 */
export async function generateDataset(opts: GenerateOptions): Promise<GenerateResult> {
  const days = opts.days ?? 365;
  const seed = opts.seed ?? 1;
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 50_000;
  if (!Number.isInteger(opts.dossiers) || opts.dossiers < 0) throw new Error(`bad dossier count ${opts.dossiers}`);
  if (!Number.isInteger(days) || days < 0) throw new Error(`bad day count ${days}`);

  const started = process.hrtime.bigint();
  // A day before the history window: the office was set up before its first dossier.
  const setupAt = new Date(vnDayRange(now).start.getTime() - (days + 1) * DAY_MS + 8 * 3_600_000);
  await setUpThroughTheApp(opts.dataDir, setupAt, seed);
  const migrated = process.hrtime.bigint();

  // Hold the data-dir lock while writing, like the app, so nothing opens the half-filled database.
  const lock = acquireDataDirLock(opts.dataDir, { host: 'cli' });
  const databaseFile = databaseFileIn(opts.dataDir);
  const db = new Database(databaseFile);
  try {
    if (db.prepare('SELECT 1 FROM dossiers LIMIT 1').get() !== undefined) {
      throw new Error(`${databaseFile} already holds dossiers; generate into an empty data dir`);
    }
    const context = readDatasetContext(db);
    // Bulk-load settings, for this connection only: no fsync per commit (a crash just means
    // generating again) and a large page cache. The WAL journal the app chose stays.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -524288'); // 512 MiB
    db.pragma('temp_store = MEMORY');

    // Rows arrive in received order, so the primary key, received_at and code indexes only
    // append; the other indexes (name, ID, phone, status/due) and the full-text name index would
    // be updated at random places for every row. Building them once at the end is several times
    // faster: drop them and the name index's triggers now, re-create them from their own SQL in
    // sqlite_master afterwards (so they are exactly the migrations'), and rebuild the FTS table.
    const schema = dossierSchemaObjects(db);
    db.transaction(() => {
      for (const t of schema.triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      for (const i of schema.indexes) db.exec(`DROP INDEX "${i.name}"`);
    })();

    const insertDossier = db.prepare(
      `INSERT INTO dossiers (id, code, unit_code, counter_number, sequence, procedure_id, procedure_code, procedure_name,
         applicant_id, applicant_name, applicant_name_folded, applicant_id_number, applicant_phone, status, channel,
         received_at, due_at, paused_at, fee_total, received_by, details, revision, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertApplicant = db.prepare(
      `INSERT INTO applicants (id, kind, full_name, name_folded, id_number, data, created_at, updated_at)
       VALUES (?, 'person', ?, ?, ?, ?, ?, ?)`,
    );
    // A returning applicant: the service refreshes the row at each new dossier. Updating it in
    // place at once would dirty a random page of the applicants table for one dossier in five;
    // the last refresh of each is kept here and written at the end, in key order.
    const lastSeen = new Map<string, number>();
    const { office } = context;
    const insertBatch = db.transaction((rows: GeneratedDossier[]) => {
      for (const r of rows) {
        const h = r.holder;
        if (r.returning) lastSeen.set(h.id, r.receivedAt);
        else insertApplicant.run(h.id, h.fullName, h.nameFolded, h.idNumber, h.json, h.createdAt, r.receivedAt);
        const l = r.lifecycle;
        insertDossier.run(
          r.id, r.code, office.unitCode, office.counterNumber, r.sequence, r.procedure.id, r.procedure.code, r.procedure.name,
          h.id, h.fullName, h.nameFolded, h.idNumber, h.phone, l.status, r.channel,
          r.receivedAt, l.dueAt, l.pausedAt, r.feeTotal, r.receivedBy, r.details, l.revision, r.receivedAt, l.updatedAt,
        );
      }
    });

    const dossiers = generateDossiers({ n: opts.dossiers, days, seed, now, context });
    let batch: GeneratedDossier[] = [];
    let done = 0;
    let applicants = 0;
    const lastSequence = new Map<string, number>();
    let writeNs = 0n;
    const flush = () => {
      const t0 = process.hrtime.bigint();
      insertBatch(batch);
      writeNs += process.hrtime.bigint() - t0;
      done += batch.length;
      batch = [];
      opts.onProgress?.(done, opts.dossiers);
    };
    for (const d of dossiers) {
      batch.push(d);
      if (!d.returning) applicants++;
      lastSequence.set(d.dateKey, d.sequence);
      if (batch.length === batchSize) flush();
    }
    if (batch.length > 0) flush();

    const finishStarted = process.hrtime.bigint();
    const touchApplicant = db.prepare('UPDATE applicants SET updated_at = ? WHERE id = ?');
    db.transaction(() => {
      for (const id of [...lastSeen.keys()].sort()) touchApplicant.run(lastSeen.get(id), id);
    })();

    // The allocator continues each day from the last number this counter issued.
    const setSequence = db.prepare(
      `INSERT INTO code_sequences (unit_code, date_key, counter_number, last_sequence) VALUES (?, ?, ?, ?)
       ON CONFLICT (unit_code, date_key, counter_number) DO UPDATE SET last_sequence = max(last_sequence, excluded.last_sequence)`,
    );
    db.transaction(() => {
      for (const [dateKey, last] of lastSequence) setSequence.run(office.unitCode, dateKey, office.counterNumber, last);
    })();
    const inserted = process.hrtime.bigint();
    writeNs += inserted - finishStarted;

    db.transaction(() => {
      for (const i of schema.indexes) db.exec(i.sql);
      db.exec("INSERT INTO dossier_name_fts(dossier_name_fts) VALUES ('rebuild')");
      for (const t of schema.triggers) db.exec(t.sql);
    })();
    const indexed = process.hrtime.bigint();

    // Fold the WAL into the main file so the first open after this (the cold-start benchmark,
    // the app) doesn't pay for a large WAL replay that a real counter would never have.
    db.pragma('wal_checkpoint(TRUNCATE)');

    const finished = process.hrtime.bigint();
    const manifest: DatasetManifest = {
      generator: 'motcua-bench',
      version: MANIFEST_VERSION,
      seed,
      dossiers: opts.dossiers,
      days,
      now: now.toISOString(),
      vnDate: vnDateKey(now),
      todayCount: dossiers.plan.todayCount,
      applicants,
      unitCode: office.unitCode,
      generatedAt: new Date().toISOString(),
    };
    writeFileSync(join(opts.dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const insertMs = Number(inserted - migrated) / 1e6;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      rows: done,
      todayCount: dossiers.plan.todayCount,
      applicants,
      totalMs: Number(finished - started) / 1e6,
      migrateMs: Number(migrated - started) / 1e6,
      insertMs,
      writeMs: Number(writeNs) / 1e6,
      indexMs: Number(indexed - inserted) / 1e6,
      rowsPerSecond: insertMs > 0 ? done / (insertMs / 1000) : 0,
      databaseFile,
      databaseBytes: pageCount * pageSize,
      manifest,
    };
  } finally {
    db.close();
    lock.release();
  }
}
