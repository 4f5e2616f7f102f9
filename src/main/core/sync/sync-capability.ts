import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { OutboxEntryView } from '../../../shared/api/calls/sync';
import type { CalendarService } from '../calendar/calendar-service';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock } from '../config';
import { dossiers } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import { actorOf, type HandlerGroup } from '../dispatcher';
import type { EventBus } from '../events';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import { recordOf } from './dossier-record';
import { createFeedApplier, type DossierItem } from './feed-apply';
import { createOutboxQueue, type OutboxView } from './outbox-queue';
import { createSyncEngine, type SyncEngineDeps, type SyncTuning } from './sync-engine';
import { createSyncMeta } from './sync-meta';
import { createSyncSettings } from './sync-settings';

// The sync capability: outbox queue, feed applier, engine, settings, and the calls the UI and
// the CLI make. The composition root builds it and calls kick() after each queued change.

export interface SyncDeps {
  db: Db;
  sqlite: Database.Database;
  commit: UnitOfWork;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  files: FileStore;
  settingsStore: SettingsStore;
  catalog: CatalogService;
  calendar: CalendarService;
  tuning: SyncTuning;
  adapterFor: SyncEngineDeps['adapterFor'];
  endpointOverride?: string;
}

type SyncMethods = 'sync.status' | 'sync.queue' | 'sync.now' | 'sync.retry' | 'sync.settings.get' | 'sync.settings.set';

const viewOf = (v: OutboxView): OutboxEntryView => ({
  ...v,
  createdAt: new Date(v.createdAt).toISOString(),
  deadAt: v.deadAt === null ? null : new Date(v.deadAt).toISOString(),
});

export function createSync(deps: SyncDeps) {
  const { db, sqlite, commit, clock } = deps;
  const queue = createOutboxQueue(sqlite);
  const meta = createSyncMeta(sqlite, clock);
  const settings = createSyncSettings(deps.settingsStore);
  const feed = createFeedApplier({
    ...deps,
    saveCursor: (cursor) => meta.set('cursor', cursor),
    held: {
      get: (id) => meta.get<DossierItem>(`held:${id}`),
      put: (item) => meta.set(`held:${item.dossier.id}`, item),
      drop: (id) => meta.remove(`held:${id}`),
    },
  });
  const resetVersions = sqlite.prepare('UPDATE dossiers SET remote_version = NULL WHERE remote_version IS NOT NULL');
  const codeOf = sqlite.prepare<[string]>('SELECT code FROM dossiers WHERE id = ?').pluck();
  const idOf = sqlite.prepare<[string]>('SELECT id FROM dossiers WHERE code = ?').pluck();
  const engine = createSyncEngine({
    queue,
    feed,
    meta,
    settings: deps.endpointOverride ? () => ({ ...settings.load(), endpoint: deps.endpointOverride! }) : settings.load,
    files: deps.files,
    adapterFor: deps.adapterFor,
    dossierCodes: {
      codeOf: (id) => (codeOf.get(id) as string | null | undefined) ?? null,
      idOf: (code) => (idOf.get(code) as string | undefined) ?? null,
    },
    recordNow: (id) => {
      const row = db.select().from(dossiers).where(eq(dossiers.id, id)).get();
      return row ? recordOf(row) : undefined;
    },
    clock,
    events: deps.events,
    logger: deps.logger,
    tuning: deps.tuning,
  });

  const handlers: HandlerGroup<SyncMethods> = {
    'sync.status': () => engine.status(),
    'sync.queue': ({ limit }) => ({
      pending: queue.pendingViews(limit).map(viewOf),
      pendingTotal: queue.counts().pending,
      deadLetters: queue.deadViews().map(viewOf),
    }),
    'sync.now': () => {
      void engine.runOnce();
      return engine.status();
    },
    'sync.retry': ({ ids }, ctx) => {
      const retried = commit(
        () => queue.retry(ids),
        (n) => ({ actor: actorOf(ctx), action: 'sync.retry', entity: 'outbox', entityId: ids.length === 1 ? ids[0]! : `${ids.length}`, syncPayload: null, details: { ids, retried: n } }),
      );
      engine.kick();
      return { retried };
    },
    'sync.settings.get': () => settings.view(),
    'sync.settings.set': (input, ctx) => {
      const before = settings.load();
      const moved = (input.endpoint?.trim().replace(/\/+$/, '') || null) !== before.endpoint || input.adapter !== before.adapter;
      const view = sqlite.transaction(() => {
        const saved = settings.save(input, actorOf(ctx));
        // Another server or another protocol: its feed and its versions start over.
        if (moved) {
          meta.set('cursor', null);
          resetVersions.run();
        }
        return saved;
      })();
      engine.reconfigure();
      return view;
    },
  };

  return { engine, handlers, queue, settings };
}

export type Sync = ReturnType<typeof createSync>;
