import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { CoreConfig } from './config';
import { recordCleanShutdown, takeCleanShutdownMarker } from './datadir/clean-shutdown';
import { acquireDataDirLock, type DataDirLock } from './datadir/lock';
import { migrate, type MigrateOutcome } from './db/migrate';
import { readMigrations } from './db/migrations';
import { openDatabase } from './db/open';
import { createUnitOfWork } from './db/unit-of-work';
import { auditChainFor } from './audit/audit-chain';
import { auditHandlers } from './audit/audit-handlers';
import { accountHandlers } from './accounts/account-handlers';
import { createAccountService } from './accounts/account-service';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { createOfficeService } from './office/office-service';
import { dossierHandlers } from './dossiers/dossier-handlers';
import { createDossierService } from './dossiers/dossier-service';
import { DEFAULT_WORKING_HOURS } from '../../shared/calendar/working-time';
import { createIdentityService } from './identity/identity-service';
import { rememberSerialScanner } from './identity/remembered-scanner';
import { createSettingsStore } from './settings/settings-store';
import { createCatalog } from './catalog/catalog-capability';
import { calendarHandlers } from './calendar/calendar-handlers';
import { createCalendarService } from './calendar/calendar-service';
import { createEventBus, type EventBus } from './events';
import { createFileStore } from './files/file-store';
import { createFormRenderer } from './forms/form-renderer';
import { createDocumentRenderer } from './printing/document-renderer';
import { createPrintService } from './printing/print-service';
import { printingHandlers } from './printing/printing-handlers';
import { systemPrinterDriver } from './printing/system-driver';
import { createSlipRenderer } from './slip/slip-renderer';
import { createScanning } from './scanning/scanning-capability';
import { adapterFor } from './sync/adapter-for';
import { createSync } from './sync/sync-capability';
import { DEFAULT_SYNC_TUNING, type SyncEngine } from './sync/sync-engine';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  migration: MigrateOutcome;
  databaseFile: string;
  lock: DataDirLock | null;
  /** The background sync (the CLI's `sync --once` runs a round through it). */
  sync: SyncEngine;
  close(): void;
}

export function databaseFileIn(dataDir: string): string {
  return join(dataDir, 'motcua.sqlite');
}

/**
 * The composition root: from a config it opens and migrates the database and builds every
 * service. Hosts (Electron's utility process, browser mode, the CLI) call this and nothing
 * deeper. It takes the data-dir lock first, so two processes never own one database.
 */
export function createCore(config: CoreConfig): Core {
  // Citizens' data: readable by this user only.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  let lock: DataDirLock | null = null;
  lock = acquireDataDirLock(config.dataDir, { host: config.host });
  // Taken (and removed) before anything is written, so a crash of this run is never read as clean.
  const closedCleanly = takeCleanShutdownMarker(config.dataDir);
  const databaseFile = databaseFileIn(config.dataDir);
  let sqlite: ReturnType<typeof openDatabase> | undefined;
  try {
    sqlite = openDatabase(databaseFile);
    const migration = migrate(sqlite, readMigrations(config.migrationsDir), {
      backupDir: join(config.dataDir, 'backups'),
      now: config.clock.now(),
    });
    if (migration.to !== migration.from) config.logger.info('database migrated', { ...migration });

    const db = drizzle({ client: sqlite });
    // Entries written before the audit chain existed are chained once, before any new entry.
    const sealed = auditChainFor(sqlite).sealLegacy(config);
    if (sealed.sealed > 0) config.logger.info('audit log sealed', { ...sealed });
    if (sealed.leftUnsealed > 0) config.logger.warn('audit entries outside the chain', { ...sealed });
    const events = createEventBus();
    const identity = createIdentityService({ events, clock: config.clock, logger: config.logger });
    // The sync is built last; until then a queued change has no one to tell (its timer finds it).
    let onQueued = () => {};
    const commit = createUnitOfWork(db, { ...config, onQueued: () => onQueued() });
    const office = createOfficeService({ db, commit });
    const calendar = createCalendarService({ db, commit, workingHours: () => office.get()?.workingHours ?? DEFAULT_WORKING_HOURS });
    const accounts = createAccountService({ db, commit, clock: config.clock, ids: config.ids, office });
    const catalog = createCatalog({ db, commit, clock: config.clock, logger: config.logger, resourcesDir: config.resourcesDir });
    const dossiers = createDossierService({ db, commit, clock: config.clock, ids: config.ids, office, catalog: catalog.service, calendar });
    const settingsStore = createSettingsStore({ db, commit });
    const storedRow = sqlite.prepare('SELECT 1 FROM stored_files WHERE sha256 = ?').pluck();
    const hasRow = (sha: string) => storedRow.get(sha) !== undefined;
    const files = createFileStore(join(config.dataDir, 'files'), { isReferenced: hasRow });
    const slips = config.adapters.slipRenderer ?? createSlipRenderer({ resourcesDir: config.resourcesDir, chromiumPath: null });
    const forms = createFormRenderer({ resourcesDir: config.resourcesDir });
    const printing = createPrintService({
      db,
      commit,
      ids: config.ids,
      files,
      documents: createDocumentRenderer({
        forms,
        slips,
        dossiers,
        catalog: catalog.service,
        office,
        sqlite,
        clock: config.clock,
        defaultPaper: () => {
          const forms = printing.settings().forms;
          return forms?.driver === 'system' ? forms.paper : 'A4';
        },
      }),
      system: config.adapters.printer ?? systemPrinterDriver(config.resourcesDir),
      settings: settingsStore,
      events,
      logger: config.logger,
    });
    const scanning = createScanning({ db, commit, clock: config.clock, ids: config.ids, files, settings: settingsStore, dossiers, events, logger: config.logger, sourceFor: config.adapters.scannerSource });
    // Pruning follows recovery, which may still need an old session's pages; the CLI prunes only when asked.
    void scanning.recover().then(() => config.host !== 'cli' && scanning.retention.start());
    // Files without a row were left by a crash between the write and the commit (or a prune's
    // commit and its removal), and temporary files by a crash mid-write. A clean close leaves
    // none (files.close below), so only an unclean one is followed by this walk of every file. At
    // start this process holds the data-dir lock and has written nothing yet: none is in flight.
    if (!closedCleanly) {
      const swept = files.sweep(hasRow, 0, config.clock.now());
      if (swept.removed > 0) config.logger.warn('unreferenced files removed', swept);
    }

    const sync = createSync({
      db,
      sqlite,
      commit,
      clock: config.clock,
      events,
      logger: config.logger,
      files,
      settingsStore,
      catalog: catalog.service,
      calendar,
      tuning: { ...DEFAULT_SYNC_TUNING, ...config.syncTuning },
      adapterFor: config.adapters.syncAdapter ?? adapterFor,
      endpointOverride: config.syncEndpoint,
    });
    onQueued = () => sync.engine.kick();
    // The CLI runs one round when asked (motcua sync --once); the app's hosts sync in the background.
    if (config.host !== 'cli') sync.engine.start();
    // The first render loads four faces and HarfBuzz (0.4–1 s); do it now, not on the clerk's first Ctrl+P.
    const warmUp = config.host === 'cli' ? null : setTimeout(() => void forms.warmUp().catch((e: unknown) => config.logger.warn('form warm-up failed', { error: String(e) })), 200);
    warmUp?.unref();

    const handlers: Handlers = {
      'app.status': () => ({
        appVersion: config.appVersion,
        host: config.host,
        dataDir: config.dataDir,
        databaseFile,
        schemaVersion: migration.to,
        sync: sync.engine.state(),
      }),
      ...sync.handlers,
      ...dossierHandlers(dossiers, events, scanning.receiveHooks),
      ...scanning.handlers,
      ...rememberSerialScanner(identity, settingsStore, config.logger),
      ...printingHandlers(printing, dossiers),
      ...accountHandlers(accounts, office),
      ...catalog.handlers,
      ...calendarHandlers(calendar),
      ...auditHandlers(sqlite, config.clock),
    };

    const db_ = sqlite;
    // PASSIVE: copies what it can without waiting for readers or blocking the next save.
    const checkpoints = setInterval(() => {
      try {
        db_.pragma('wal_checkpoint(PASSIVE)');
      } catch (e) {
        config.logger.warn('checkpoint failed', { error: String(e) });
      }
    }, 10_000);
    checkpoints.unref();
    return {
      dispatch: createDispatcher(handlers, {
        logger: config.logger,
        newRef: () => config.ids.uuid().slice(-8),
        resolvePrincipal: (ctx) => accounts.resolvePrincipal(ctx),
      }),
      events,
      migration,
      databaseFile,
      lock,
      sync: sync.engine,
      close() {
        sync.engine.stop();
        if (warmUp) clearTimeout(warmUp);
        scanning.retention.stop();
        clearInterval(checkpoints);
        try {
          db_.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          /* the WAL is replayed at the next open */
        }
        void identity.close();
        void slips.close();
        // While the database is open: files written for a commit that never came are removed.
        const settled = files.close(hasRow);
        if (settled.removed > 0) config.logger.info('uncommitted files removed at close', { removed: settled.removed });
        db_.close();
        // Last, with the lock still held: the next start may skip the sweep.
        if (settled.clean) {
          try {
            recordCleanShutdown(config.dataDir, config.clock.now());
          } catch (e) {
            config.logger.warn('clean shutdown not recorded; the next start sweeps', { error: String(e) });
          }
        }
        lock?.release();
      },
    };
  } catch (e) {
    sqlite?.close();
    lock?.release();
    throw e;
  }
}
