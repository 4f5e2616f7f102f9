import { and, asc, count, eq, inArray } from 'drizzle-orm';
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
  /**
   * One PDF from the pages, stored in the file store under its hash. Each page's bytes are read
   * when its turn comes (a loader), so a long document is never held whole in memory.
   */
  assemble(pages: { bytes: () => Buffer; mediaType: string; rotation: number }[], now: Date): Promise<{ sha256: string; size: number; pages: number }>;
  onChange(e: { sessionId: string; requestId: string }): void;
  /** Pages one session may hold (the settings' limits.maxPages): a scanner that never stops must not fill the disk. */
  maxPages(): number;
}

export function createScanService(deps: ScanServiceDeps) {
  const { db, commit, ids, files, logger } = deps;
  const running = new Map<string, { controller: AbortController; received: number; message: string }>();
  /** The last scan's failure per session, shown until the next scan starts. */
  const lastError = new Map<string, string>();
  /** Sessions whose pages are being assembled into PDFs right now (attach awaits between steps). */
  const attaching = new Set<string>();
  /** The assembly under way per session: a second attach (a retry pressed during start-up recovery) joins it. */
  const assemblies = new Map<string, Promise<number>>();
  /** Imports under way per session (files or a watched folder's): like a running scan for saving and pruning. */
  const adding = new Map<string, number>();

  const isSaved = (requestId: string) => db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, requestId)).get() !== undefined;

  function sessionFor(requestId: string, principal: Principal, o: { forNewPages?: boolean } = {}) {
    const found = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
    if (found) {
      if (found.state !== 'open') throw new AppError('SCAN_SESSION_CLOSED');
      // A saved dossier's pages are being assembled: a new page would miss its PDFs. (Once an
      // assembly failed, pages added to the still-open session go into the retry's PDFs.)
      if (o.forNewPages && attaching.has(found.id)) throw new AppError('SCAN_SESSION_CLOSED');
      return found;
    }
    const id = ids.uuid();
    return commit(
      (tx, at) => tx.insert(scanSessions).values({ id, requestId, state: 'open', createdAt: at, createdBy: principal.username, updatedAt: at }).returning().get(),
      () => ({ actor: principal.username, action: 'scan.session', entity: 'scan_session', entityId: id, syncPayload: null, details: { requestId } }),
    );
  }

  const pageCountOf = (tx: Db, sessionId: string) => tx.select({ n: count() }).from(scanPages).where(eq(scanPages.sessionId, sessionId)).get()?.n ?? 0;

  /**
   * Why a new page may not join the session, or null. Checked again inside the page's own
   * transaction: a scan holds the session object it started with, and the dossier may have been
   * saved (and the session committed) since, or be having its PDFs assembled right now. Such a
   * page is refused loudly, never kept where no PDF will take it: the request's one session
   * (request ids are unique) is closed, so there is no open session of the same request to keep
   * it in, and the scan stops with the reason.
   */
  function refusalFor(tx: Db, session: { id: string; requestId: string }): AppError | null {
    const current = tx.select({ state: scanSessions.state }).from(scanSessions).where(eq(scanSessions.id, session.id)).get();
    if (current?.state === 'committed' || attaching.has(session.id)) return new AppError('SCAN_PAGE_ARRIVED_AFTER_SAVE');
    if (current?.state !== 'open') return new AppError('SCAN_SESSION_CLOSED');
    const max = deps.maxPages();
    if (pageCountOf(tx, session.id) >= max) return new AppError('SCAN_SESSION_PAGE_LIMIT', { max });
    return null;
  }

  /** Stores one page durably and appends it to the session, set aside when it looks blank. */
  async function addPage(session: { id: string; requestId: string }, page: ScannedPage, documentCode: string | null, principal: Principal) {
    // Before the bytes are written too, so that a refused page normally leaves no file behind.
    const early = refusalFor(db, session);
    if (early) throw early;
    const blank = await deps.isBlank(page);
    const stored = files.put(page.bytes);
    const id = ids.uuid();
    commit(
      (tx, at) => {
        const refusal = refusalFor(tx, session);
        if (refusal) {
          logger.warn('scanned page refused', { sessionId: session.id, sha256: stored.sha256, code: refusal.code });
          throw refusal;
        }
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

  /** What identifies a page's picture, without reading its file (the thumbnail cache's key). */
  function pageInfo(pageId: string): { sha256: string; mediaType: string; rotation: number } {
    const page = db.select({ sha256: scanPages.sha256, mediaType: scanPages.mediaType, rotation: scanPages.rotation }).from(scanPages).where(eq(scanPages.id, pageId)).get();
    if (!page) throw new AppError('SCAN_PAGE_NOT_FOUND', { id: pageId.slice(0, 40) });
    return page;
  }

  /**
   * One PDF per checklist document from the session's kept pages, in order, recorded as the
   * dossier's attachments (and queued for the province) in one transaction.
   */
  async function assembleAndRecord(session: { id: string }, dossierId: string, checklist: { code: string; name: string }[], actor: string, now: Date): Promise<number> {
    const kept = pagesOf(session.id).filter((p) => !p.removed);
    // A kept page no PDF would take is never dropped: receive refuses these before saving, so this
    // only guards a session changed by other means; the session stays open for a retry.
    const stray = strayPages(kept, checklist);
    if (stray > 0) throw new AppError('SCAN_PAGES_UNASSIGNED', { count: stray });
    const built: { code: string; name: string; sha256: string; size: number; pages: number }[] = [];
    for (const doc of checklist) {
      const pages = kept.filter((p) => p.documentCode === doc.code).sort((a, b) => a.position - b.position || a.seq - b.seq);
      if (pages.length === 0) continue;
      const stored = await deps.assemble(
        pages.map((p) => {
          const info = pageInfo(p.id);
          return { bytes: () => files.read(info.sha256), mediaType: info.mediaType, rotation: p.rotation };
        }),
        now,
      );
      built.push({ code: doc.code, name: doc.name, sha256: stored.sha256, size: stored.size, pages: stored.pages });
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

  /** Kept pages without a document of this checklist (unassigned, or a code from another procedure). */
  function strayPages(pages: PageView[], checklist: { code: string }[]): number {
    const codes = new Set(checklist.map((d) => d.code));
    return pages.filter((p) => !p.removed && (p.documentCode === null || !codes.has(p.documentCode))).length;
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
      const session = sessionFor(requestId, principal, { forNewPages: true });
      if (replacePageId && !pagesOf(session.id).some((p) => p.id === replacePageId)) throw new AppError('SCAN_PAGE_NOT_FOUND', { id: replacePageId.slice(0, 40) });
      if (running.has(session.id)) throw new AppError('SCAN_ALREADY_RUNNING');
      const state = { controller: new AbortController(), received: 0, message: '' };
      /** Why we stopped the scan ourselves (the session's page limit, the dossier saved meanwhile): said to the clerk. */
      let stoppedFor: AppError | null = null;
      running.set(session.id, state);
      lastError.delete(session.id);
      deps.onChange({ sessionId: session.id, requestId });
      try {
        // A session already full: say so before the scanner takes any paper.
        const full = refusalFor(db, session);
        if (full) throw full;
        return await source.scan(settings, {
          signal: state.controller.signal,
          onPage: async (page) => {
            if (replacePageId && state.received > 0) return;
            let id: string;
            try {
              id = await addPage(session, page, documentCode, principal);
            } catch (e) {
              // Stop the source (an eSCL job is deleted at the scanner) and keep its file where it
              // is (a watched folder's file stays in the folder): the page was not stored.
              if (e instanceof AppError && !stoppedFor) {
                stoppedFor = e;
                state.controller.abort();
              }
              throw e;
            }
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
        const ours = stoppedFor as AppError | null;
        if (ours) {
          lastError.set(session.id, ours.message);
          return { pages: state.received };
        }
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
      const session = sessionFor(requestId, principal, { forNewPages: true });
      adding.set(session.id, (adding.get(session.id) ?? 0) + 1);
      try {
        for (const page of pages) await addPage(session, page, documentCode, principal);
      } finally {
        const left = (adding.get(session.id) ?? 1) - 1;
        if (left > 0) adding.set(session.id, left);
        else adding.delete(session.id);
      }
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

    pageInfo,

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

    /**
     * Takes an unfinished session over for the form now on screen. When the form has no session
     * yet, the old session itself moves to the form's request id. When it has one, the old pages
     * are appended to it (numbered after its own, keeping their documents and places) and the
     * emptied old session is marked discarded, as if the clerk had bound it here and dropped it.
     */
    adopt(fromRequestId: string, toRequestId: string, principal: Principal): void {
      const from = db.select().from(scanSessions).where(eq(scanSessions.requestId, fromRequestId)).get();
      if (!from || from.state !== 'open' || isSaved(fromRequestId)) throw new AppError('SCAN_SESSION_CLOSED');
      if (fromRequestId === toRequestId) return;
      if (running.has(from.id) || attaching.has(from.id)) throw new AppError('SCAN_ALREADY_RUNNING');
      const to = db.select().from(scanSessions).where(eq(scanSessions.requestId, toRequestId)).get();
      if (!to) {
        commit(
          (tx, at) => tx.update(scanSessions).set({ requestId: toRequestId, updatedAt: at }).where(eq(scanSessions.id, from.id)).run(),
          () => ({ actor: principal.username, action: 'scan.adopt', entity: 'scan_session', entityId: from.id, syncPayload: null, details: { fromRequestId, toRequestId } }),
        );
        return;
      }
      if (to.state !== 'open' || isSaved(toRequestId) || attaching.has(to.id)) throw new AppError('SCAN_SESSION_CLOSED');
      const moved = commit(
        (tx, at) => {
          const max = deps.maxPages();
          const incoming = tx.select().from(scanPages).where(eq(scanPages.sessionId, from.id)).orderBy(asc(scanPages.seq)).all();
          if (pageCountOf(tx, to.id) + incoming.length > max) throw new AppError('SCAN_SESSION_PAGE_LIMIT', { max });
          const existing = tx.select({ seq: scanPages.seq, position: scanPages.position }).from(scanPages).where(eq(scanPages.sessionId, to.id)).all();
          const lastSeq = Math.max(0, ...existing.map((p) => p.seq));
          // Positions order pages within a document: the adopted ones come after every page already there.
          const lastPosition = Math.max(0, ...existing.map((p) => p.position));
          incoming.forEach((p, i) => {
            tx.update(scanPages)
              .set({ sessionId: to.id, seq: lastSeq + i + 1, position: lastPosition + p.position })
              .where(eq(scanPages.id, p.id))
              .run();
          });
          tx.update(scanSessions).set({ updatedAt: at }).where(eq(scanSessions.id, to.id)).run();
          tx.update(scanSessions).set({ state: 'discarded', updatedAt: at }).where(eq(scanSessions.id, from.id)).run();
          return incoming.length;
        },
        (pages) => ({
          actor: principal.username,
          action: 'scan.adopt',
          entity: 'scan_session',
          entityId: to.id,
          syncPayload: null,
          details: { fromRequestId, toRequestId, fromSessionId: from.id, pages },
        }),
      );
      lastError.delete(from.id);
      deps.onChange({ sessionId: to.id, requestId: toRequestId });
      logger.info('scan session adopted into an existing one', { fromSessionId: from.id, toSessionId: to.id, pages: moved });
    },

    /**
     * Before a dossier is saved (nothing written yet, so the save can simply be retried): refuses
     * while its scan is running — pages still coming would miss the PDFs — and while kept pages
     * belong to no document of its checklist, which no PDF would take.
     */
    checkBeforeReceive(requestId: string, checklist: { code: string }[]): void {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
      if (!session || session.state !== 'open' || isSaved(requestId)) return;
      if (running.has(session.id) || adding.has(session.id)) throw new AppError('SCAN_SAVE_WHILE_SCANNING');
      const stray = strayPages(pagesOf(session.id), checklist);
      if (stray > 0) throw new AppError('SCAN_PAGES_UNASSIGNED', { count: stray });
    },

    /** Kept pages of a saved dossier still waiting to be assembled into its PDFs (0: none). */
    unattachedPages(dossierId: string): number {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, dossierId)).get();
      if (!session || session.state !== 'open' || !isSaved(dossierId)) return 0;
      return pagesOf(session.id).filter((p) => !p.removed).length;
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
     * Takes back a discard (the clerk's undo): the session is open again and offered as
     * unfinished. Only while its pages are still there — retention may have removed them — and
     * never for a session emptied by a recovery into another form.
     */
    restore(requestId: string, principal: Principal): number {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, requestId)).get();
      if (!session || isSaved(requestId)) throw new AppError('SCAN_NOTHING_TO_RESTORE');
      const pages = pagesOf(session.id).length;
      // Undone already (another window, a second click): the pages are on offer, which is what was asked.
      if (session.state === 'open' && pages > 0) return pages;
      if (session.state !== 'discarded' || pages === 0) throw new AppError('SCAN_NOTHING_TO_RESTORE');
      commit(
        (tx, at) => {
          const changed = tx
            .update(scanSessions)
            .set({ state: 'open', updatedAt: at })
            .where(and(eq(scanSessions.id, session.id), eq(scanSessions.state, 'discarded')))
            .run().changes;
          if (changed !== 1) throw new AppError('SCAN_NOTHING_TO_RESTORE');
        },
        () => ({ actor: principal.username, action: 'scan.restore', entity: 'scan_session', entityId: session.id, syncPayload: null, details: { pages } }),
      );
      return pages;
    },

    /**
     * After the dossier is saved: one PDF per checklist document from its kept pages, in order,
     * recorded as the dossier's attachments (and queued for the province) in one transaction.
     */
    async attach(dossierId: string, checklist: { code: string; name: string }[], actor: string, now: Date): Promise<number> {
      const session = db.select().from(scanSessions).where(eq(scanSessions.requestId, dossierId)).get();
      if (!session || session.state !== 'open') return 0;
      // Two assemblies of one session would record (and send the province) its attachments twice.
      const underway = assemblies.get(session.id);
      if (underway) return underway;
      attaching.add(session.id);
      const run = assembleAndRecord(session, dossierId, checklist, actor, now).finally(() => {
        attaching.delete(session.id);
        assemblies.delete(session.id);
      });
      assemblies.set(session.id, run);
      return run;
    },

    /** A running scan or an assembly is using the session's pages: pruning must leave them be. */
    inUse(sessionId: string): boolean {
      return running.has(sessionId) || attaching.has(sessionId) || adding.has(sessionId);
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
