import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../shared/api/errors';
import type { Principal } from '../../../shared/api/principal';
import type { IdSource } from '../config';
import { dossierAttachments, dossiers, scanPages, scanSessions, storedFiles } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';
import type { ScanSettings, ScanSource, ScannedPage } from './scan-source';

// Scanning for a dossier being received. Pages are stored (file by hash, then a row) the moment
// each arrives, in the session bound to the intake form's request id — the future dossier's id.
// Saving the dossier assembles one PDF per checklist document from the pages the clerk kept, in
// the order the clerk set. A crash loses no page: an open session is offered back at the next
// start, and a session whose dossier was already saved is attached then.

export interface PageView {
  id: string;
  seq: number;
  mediaType: string;
  documentCode: string | null;
  position: number;
  rotation: number;
  blank: boolean;
  removed: boolean;
  origin: string;
}

export interface PageArrangement {
  id: string;
  documentCode: string | null;
  position: number;
  rotation: 0 | 90 | 180 | 270;
  removed: boolean;
}

export interface ScanServiceDeps {
  db: Db;
  commit: UnitOfWork;
  ids: IdSource;
  files: FileStore;
  logger: Logger;
  isBlank(page: ScannedPage): Promise<boolean>;
  assemble(pages: { bytes: Buffer; mediaType: string; rotation: number }[], now: Date): Promise<Uint8Array>;
  pageCount(pdf: Uint8Array): Promise<number>;
  onChange(e: { sessionId: string; requestId: string }): void;
}

export function createScanService(deps: ScanServiceDeps) {
  const { db, commit, ids, files, logger } = deps;
  const running = new Map<string, { controller: AbortController; received: number; message: string }>();
  /** The last scan's failure per session, shown until the next scan starts. */
  const lastError = new Map<string, string>();
  /** Sessions whose pages are being assembled into PDFs right now (attach awaits between steps). */
  const attaching = new Set<string>();

  function sessionFor(requestId: string, principal: Principal) {
    const found = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
    if (found) {
      if (found.state !== 'open') throw new AppError('SCAN_SESSION_CLOSED');
      return found;
    }
    const id = ids.uuid();
    return commit(
      (tx, at) => tx.insert(scanSessions).values({ id, requestId, state: 'open', createdAt: at, createdBy: principal.username, updatedAt: at }).returning().get(),
      () => ({ actor: principal.username, action: 'scan.session', entity: 'scan_session', entityId: id, syncPayload: null, details: { requestId } }),
    );
  }

  /** Stores one page durably and appends it to the session, set aside when it looks blank. */
  async function addPage(session: { id: string; requestId: string }, page: ScannedPage, documentCode: string | null, principal: Principal) {
    const blank = await deps.isBlank(page);
    const stored = files.put(page.bytes);
    const id = ids.uuid();
    commit(
      (tx, at) => {
        tx.insert(storedFiles).values({ sha256: stored.sha256, size: stored.size, mediaType: page.mediaType, createdAt: at }).onConflictDoNothing().run();
        const last = tx.select({ seq: scanPages.seq }).from(scanPages).where(eq(scanPages.sessionId, session.id)).orderBy(asc(scanPages.seq)).all().at(-1);
        const seq = (last?.seq ?? 0) + 1;
        tx.insert(scanPages)
          .values({ id, sessionId: session.id, seq, sha256: stored.sha256, mediaType: page.mediaType, documentCode, position: seq, blank, removed: blank, origin: page.origin, createdAt: at })
          .run();
        tx.update(scanSessions).set({ updatedAt: at }).where(eq(scanSessions.id, session.id)).run();
      },
      () => ({ actor: principal.username, action: 'scan.page', entity: 'scan_session', entityId: session.id, syncPayload: null, details: { sha256: stored.sha256, blank } }),
    );
    deps.onChange({ sessionId: session.id, requestId: session.requestId });
    return id;
  }

  /** A rescanned page takes the old one's document and place; the old one is set aside, restorable. */
  function replacePage(sessionId: string, oldId: string, newId: string, principal: Principal) {
    const old = db.select().from(scanPages).where(and(eq(scanPages.id, oldId), eq(scanPages.sessionId, sessionId))).get();
    if (!old) throw new AppError('SCAN_PAGE_NOT_FOUND', { id: oldId.slice(0, 40) });
    commit(
      (tx) => {
        tx.update(scanPages).set({ documentCode: old.documentCode, position: old.position, rotation: 0, removed: false }).where(eq(scanPages.id, newId)).run();
        tx.update(scanPages).set({ removed: true }).where(eq(scanPages.id, oldId)).run();
      },
      () => ({ actor: principal.username, action: 'scan.rescan', entity: 'scan_session', entityId: sessionId, syncPayload: null, details: { oldId, newId } }),
    );
  }

  function pagesOf(sessionId: string): PageView[] {
    return db
      .select()
      .from(scanPages)
      .where(eq(scanPages.sessionId, sessionId))
      .orderBy(asc(scanPages.seq))
      .all()
      .map((p) => ({ id: p.id, seq: p.seq, mediaType: p.mediaType, documentCode: p.documentCode, position: p.position, rotation: p.rotation, blank: p.blank, removed: p.removed, origin: p.origin }));
  }

  function pageBytes(pageId: string): { bytes: Buffer; mediaType: string; rotation: number } {
    const page = db.select().from(scanPages).where(eq(scanPages.id, pageId)).get();
    if (!page) throw new AppError('SCAN_PAGE_NOT_FOUND', { id: pageId.slice(0, 40) });
    return { bytes: files.read(page.sha256), mediaType: page.mediaType, rotation: page.rotation };
  }

  /**
   * One PDF per checklist document from the session's kept pages, in order, recorded as the
   * dossier's attachments (and queued for the province) in one transaction.
   */
  async function assembleAndRecord(session: { id: string }, dossierId: string, checklist: { code: string; name: string }[], actor: string, now: Date): Promise<number> {
    const kept = pagesOf(session.id).filter((p) => !p.removed && p.documentCode !== null);
    const built: { code: string; name: string; sha256: string; size: number; pages: number }[] = [];
    for (const doc of checklist) {
      const pages = kept.filter((p) => p.documentCode === doc.code).sort((a, b) => a.position - b.position || a.seq - b.seq);
      if (pages.length === 0) continue;
      const pdf = await deps.assemble(
        pages.map((p) => ({ ...pageBytes(p.id), rotation: p.rotation })),
        now,
      );
      const stored = files.put(pdf);
      built.push({ code: doc.code, name: doc.name, sha256: stored.sha256, size: stored.size, pages: await deps.pageCount(pdf) });
    }
    commit(
      (tx, at) => {
        for (const b of built) {
          tx.insert(storedFiles).values({ sha256: b.sha256, size: b.size, mediaType: 'application/pdf', createdAt: at }).onConflictDoNothing().run();
          tx.insert(dossierAttachments)
            .values({ id: ids.uuid(), dossierId, documentCode: b.code, documentName: b.name, sha256: b.sha256, pages: b.pages, size: b.size, createdAt: at, createdBy: actor })
            .onConflictDoNothing()
            .run();
        }
        tx.update(scanSessions).set({ state: 'committed', dossierId, updatedAt: at }).where(eq(scanSessions.id, session.id)).run();
      },
      () => ({
        actor,
        action: 'dossier.attach',
        entity: 'dossier',
        entityId: dossierId,
        // The province receives each file by hash before the dossier change that names it (sync issue).
        syncPayload: { attachments: built.map((b) => ({ documentCode: b.code, sha256: b.sha256, size: b.size, pages: b.pages })) },
        details: { attachments: built.length },
      }),
    );
    logger.info('dossier attachments assembled', { dossierId, attachments: built.length });
    return built.length;
  }

  return {
    /**
     * Starts scanning into the session of `requestId` in the background; each page is stored as it
     * arrives. Resolves when the scan ends (the UI does not wait: it follows the change events).
     */
    async scan(
      requestId: string,
      source: ScanSource,
      settings: ScanSettings,
      documentCode: string | null,
      principal: Principal,
      /** Rescan of one page: the first page scanned replaces it, and the scan stops there. */
      replacePageId?: string,
    ): Promise<{ pages: number }> {
      const session = sessionFor(requestId, principal);
      if (replacePageId && !pagesOf(session.id).some((p) => p.id === replacePageId)) throw new AppError('SCAN_PAGE_NOT_FOUND', { id: replacePageId.slice(0, 40) });
      if (running.has(session.id)) throw new AppError('SCAN_ALREADY_RUNNING');
      const state = { controller: new AbortController(), received: 0, message: '' };
      running.set(session.id, state);
      lastError.delete(session.id);
      deps.onChange({ sessionId: session.id, requestId });
      try {
        return await source.scan(settings, {
          signal: state.controller.signal,
          onPage: async (page) => {
            if (replacePageId && state.received > 0) return;
            const id = await addPage(session, page, documentCode, principal);
            state.received++;
            if (replacePageId) {
              replacePage(session.id, replacePageId, id, principal);
              deps.onChange({ sessionId: session.id, requestId });
              state.controller.abort();
            }
          },
          onProgress: (p) => {
            state.message = p.message;
            deps.onChange({ sessionId: session.id, requestId });
          },
        });
      } catch (e) {
        // Cancelling (the clerk's, or ours after a rescanned page) is not a failure to report.
        if (state.controller.signal.aborted) return { pages: state.received };
        lastError.set(session.id, e instanceof Error ? e.message : String(e));
        throw e;
      } finally {
        running.delete(session.id);
        deps.onChange({ sessionId: session.id, requestId });
      }
    },

    cancel(requestId: string): void {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
      if (session) running.get(session.id)?.controller.abort();
    },

    /** Imported files or a watched folder's: validated by the caller, stored like scanned pages. */
    async addPages(requestId: string, pages: ScannedPage[], documentCode: string | null, principal: Principal): Promise<void> {
      const session = sessionFor(requestId, principal);
      for (const page of pages) await addPage(session, page, documentCode, principal);
    },

    session(requestId: string) {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
      if (!session) return null;
      const run = running.get(session.id);
      return {
        id: session.id,
        requestId,
        state: session.state,
        running: !!run,
        received: run?.received ?? 0,
        message: run?.message ?? '',
        error: lastError.get(session.id) ?? null,
        pages: pagesOf(session.id),
      };
    },

    /** The clerk's arrangement: which document each page belongs to, its order, rotation, set aside. */
    arrange(requestId: string, arrangement: PageArrangement[], principal: Principal): PageView[] {
      const session = sessionFor(requestId, principal);
      const known = new Set(pagesOf(session.id).map((p) => p.id));
      for (const a of arrangement) if (!known.has(a.id)) throw new AppError('SCAN_PAGE_NOT_FOUND', { id: a.id.slice(0, 40) });
      commit(
        (tx, at) => {
          for (const a of arrangement) {
            tx.update(scanPages)
              .set({ documentCode: a.documentCode, position: a.position, rotation: a.rotation, removed: a.removed })
              .where(and(eq(scanPages.id, a.id), eq(scanPages.sessionId, session.id)))
              .run();
          }
          tx.update(scanSessions).set({ updatedAt: at }).where(eq(scanSessions.id, session.id)).run();
        },
        () => ({ actor: principal.username, action: 'scan.arrange', entity: 'scan_session', entityId: session.id, syncPayload: null, details: { pages: arrangement.length } }),
      );
      deps.onChange({ sessionId: session.id, requestId });
      return pagesOf(session.id);
    },

    pageBytes,

    /** Sessions left open (a crash, a closed window) whose dossier was never saved: offered back. */
    unfinished() {
      const open = db.select().from(scanSessions).where(eq(scanSessions.state, 'open')).all();
      const saved = new Set(
        open.length ? db.select({ id: dossiers.id }).from(dossiers).where(inArray(dossiers.id, open.map((s) => s.requestId))).all().map((d) => d.id) : [],
      );
      return open
        .filter((s) => !saved.has(s.requestId) && !running.has(s.id))
        .map((s) => ({ requestId: s.requestId, createdBy: s.createdBy, updatedAt: s.updatedAt.toISOString(), pages: pagesOf(s.id).length }))
        .filter((s) => s.pages > 0);
    },

    /** Takes an unfinished session over for the form now on screen. */
    adopt(fromRequestId: string, toRequestId: string, principal: Principal): void {
      const from = db.select().from(scanSessions).where(eq(scanSessions.requestId, fromRequestId)).get();
      if (!from || from.state !== 'open') throw new AppError('SCAN_SESSION_CLOSED');
      if (db.select().from(scanSessions).where(eq(scanSessions.requestId, toRequestId)).get()) throw new AppError('SCAN_SESSION_EXISTS');
      commit(
        (tx, at) => tx.update(scanSessions).set({ requestId: toRequestId, updatedAt: at }).where(eq(scanSessions.id, from.id)).run(),
        () => ({ actor: principal.username, action: 'scan.adopt', entity: 'scan_session', entityId: from.id, syncPayload: null, details: { fromRequestId, toRequestId } }),
      );
    },

    discard(requestId: string, principal: Principal): void {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
      if (!session || session.state !== 'open') return;
      running.get(session.id)?.controller.abort();
      commit(
        (tx, at) => tx.update(scanSessions).set({ state: 'discarded', updatedAt: at }).where(eq(scanSessions.id, session.id)).run(),
        () => ({ actor: principal.username, action: 'scan.discard', entity: 'scan_session', entityId: session.id, syncPayload: null }),
      );
    },

    /**
     * After the dossier is saved: one PDF per checklist document from its kept pages, in order,
     * recorded as the dossier's attachments (and queued for the province) in one transaction.
     */
    async attach(dossierId: string, checklist: { code: string; name: string }[], actor: string, now: Date): Promise<number> {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, dossierId)).get();
      if (!session || session.state !== 'open') return 0;
      attaching.add(session.id);
      try {
        return await assembleAndRecord(session, dossierId, checklist, actor, now);
      } finally {
        attaching.delete(session.id);
      }
    },

    /** A running scan or an assembly is using the session's pages: pruning must leave them be. */
    inUse(sessionId: string): boolean {
      return running.has(sessionId) || attaching.has(sessionId);
    },

    attachmentFile(id: string) {
      const row = db.select().from(dossierAttachments).where(eq(dossierAttachments.id, id)).get();
      if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', { id: id.slice(0, 40) });
      const bytes = files.read(row.sha256);
      return { mediaType: 'application/pdf' as const, sha256: row.sha256, size: bytes.byteLength, dataBase64: bytes.toString('base64') };
    },

    attachments(dossierId: string) {
      return db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, dossierId)).all();
    },

    /** Saved dossiers whose session was not attached yet (a crash between the two steps). */
    pendingAttachments(): string[] {
      const open = db.select().from(scanSessions).where(eq(scanSessions.state, 'open')).all();
      if (open.length === 0) return [];
      return db.select({ id: dossiers.id }).from(dossiers).where(inArray(dossiers.id, open.map((s) => s.requestId))).all().map((d) => d.id);
    },
  };
}

export type ScanService = ReturnType<typeof createScanService>;
