import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../../../shared/api/principal';
import type { FormTarget, IssuedFormView, PrintResult, PrinterChoice, PrinterSettings, RenderedDocument } from '../../../shared/api/calls/printing';
import { printerSettings } from '../../../shared/api/calls/printing';
import { AppError, isAppError } from '../../../shared/api/errors';
import { documentsText } from '../../../shared/i18n/vi-documents';
import type { PrintPurpose } from '../../../shared/forms/form-kinds';
import type { IdSource } from '../config';
import { issuedForms, printJobs, storedFiles } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { EventBus } from '../events';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { PrinterDriver } from './printer-driver';
import type { DocumentRenderer, RenderedForm } from './document-renderer';
import { slipAsPdf } from './slip-as-pdf';
import { rasterize } from '../slip/escpos-raster';
import { sendToEscPos } from '../slip/escpos-driver';

const SETTINGS_KEY = 'printing';

type FormTargetParsed = Extract<FormTarget, { kind: string }>;
/** A print's own printer or copies instead of the purpose's, and the caller's mark for its progress events. */
interface PrintOverride {
  printer?: string;
  copies?: number;
  clientRef?: string;
}

function purposeOf(form: string): PrintPurpose {
  if (form === 'slip') return 'slip';
  if (form === '07') return 'ledger';
  return 'forms';
}

export interface PrintServiceDeps {
  db: Db;
  commit: UnitOfWork;
  ids: IdSource;
  files: FileStore;
  documents: DocumentRenderer;
  system: PrinterDriver;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  /** ESC/POS sender; replaceable so tests and other hosts can route it. */
  sendEscPos?: typeof sendToEscPos;
}

/**
 * Issues and prints forms. Printing is: render → store the bytes by hash → record the issued
 * form → record the job → hand it to the printer and wait for the printer's verdict → record
 * the outcome. Every step is audited; a reprint sends the stored bytes, never a new render.
 */
export function createPrintService(deps: PrintServiceDeps) {
  const { db, commit, ids, files, documents, system, settings, events, logger } = deps;
  const sendEscPos = deps.sendEscPos ?? sendToEscPos;

  // Jobs left 'submitted' by a crash or a power cut cannot be known to have printed.
  const interrupted = db.select({ id: printJobs.id }).from(printJobs).where(eq(printJobs.state, 'submitted')).all();
  if (interrupted.length > 0) {
    commit(
      (tx, at) =>
        tx
          .update(printJobs)
          .set({ state: 'failed', reason: 'interrupted', finishedAt: at })
          .where(inArray(printJobs.id, interrupted.map((j) => j.id)))
          .run(),
      () => ({ actor: 'system', action: 'print.interrupted', entity: 'print_job', entityId: interrupted.map((j) => j.id).join(','), syncPayload: null }),
    );
    logger.warn('print jobs interrupted by a restart', { count: interrupted.length });
  }

  function currentSettings(): PrinterSettings {
    return printerSettings.parse(settings.get(SETTINGS_KEY) ?? {});
  }

  async function choiceFor(purpose: PrintPurpose, override: { printer?: string; copies?: number }): Promise<PrinterChoice> {
    const configured = currentSettings()[purpose];
    if (override.printer) {
      return { driver: 'system', printer: override.printer, copies: override.copies ?? 1, paper: configured?.driver === 'system' ? configured.paper : 'A4' };
    }
    if (configured) return configured.driver === 'system' && override.copies ? { ...configured, copies: override.copies } : configured;
    // Forms and the ledger fall back to the system's default printer; the slip needs its own.
    if (purpose !== 'slip') {
      const fallback = await system.defaultPrinter();
      if (fallback) return { driver: 'system', printer: fallback, copies: override.copies ?? 1, paper: 'A4' };
    }
    throw new AppError('PRINT_NO_PRINTER', { purpose: documentsText.purposes[purpose] ?? purpose });
  }

  function toDocument(bytes: Uint8Array, mediaType: RenderedForm['mediaType'], sha256: string): RenderedDocument {
    return { mediaType, sha256, size: bytes.byteLength, dataBase64: Buffer.from(bytes).toString('base64') };
  }

  function issue(rendered: RenderedForm, principal: Principal): { id: string; sha256: string } {
    const stored = files.put(rendered.bytes);
    const id = ids.uuid();
    commit(
      (tx, at) => {
        tx.insert(storedFiles).values({ sha256: stored.sha256, size: stored.size, mediaType: rendered.mediaType, createdAt: at }).onConflictDoNothing().run();
        tx.insert(issuedForms)
          .values({
            id,
            dossierId: rendered.dossierId,
            form: rendered.form,
            paper: rendered.paper,
            sha256: stored.sha256,
            mediaType: rendered.mediaType,
            params: rendered.params ?? null,
            issuedAt: at,
            issuedBy: principal.username,
          })
          .run();
      },
      () => ({
        actor: principal.username,
        action: 'forms.issue',
        entity: 'issued_form',
        entityId: id,
        syncPayload: null,
        details: { dossierId: rendered.dossierId, form: rendered.form, sha256: stored.sha256 },
      }),
    );
    return { id, sha256: stored.sha256 };
  }

  async function deliver(
    issued: { id: string; sha256: string; form: string; paper: string; mediaType: string },
    choice: PrinterChoice,
    reprint: boolean,
    principal: Principal,
    clientRef: string | null = null,
  ): Promise<PrintResult> {
    const printer = choice.driver === 'system' ? choice.printer : `${choice.host}:${choice.port}`;
    const driver = choice.driver === 'system' ? system.kind : 'escpos';
    const copies = choice.driver === 'system' ? choice.copies : 1;
    const jobId = ids.uuid();
    commit(
      (tx, at) =>
        tx
          .insert(printJobs)
          .values({ id: jobId, issuedFormId: issued.id, driver, printer, copies, reprint, state: 'submitted', submittedAt: at, submittedBy: principal.username })
          .run(),
      () => ({
        actor: principal.username,
        action: reprint ? 'print.reprint' : 'print',
        entity: 'print_job',
        entityId: jobId,
        syncPayload: null,
        details: { issuedFormId: issued.id, form: issued.form, sha256: issued.sha256, printer, copies },
      }),
    );
    const finish = (state: 'completed' | 'failed', fields: { systemJobId?: string | null; reason?: string | null }) =>
      commit(
        (tx, at) => tx.update(printJobs).set({ state, finishedAt: at, systemJobId: fields.systemJobId ?? null, reason: fields.reason ?? null }).where(eq(printJobs.id, jobId)).run(),
        () => ({ actor: principal.username, action: `print.${state}`, entity: 'print_job', entityId: jobId, syncPayload: null, details: fields }),
      );

    try {
      const bytes = files.read(issued.sha256);
      let systemJobId: string | null = null;
      if (choice.driver === 'escpos') {
        if (issued.mediaType !== 'image/png') throw new AppError('PRINT_ESCPOS_SLIP_ONLY', { printer });
        events.emit('printing.progress', { jobId, clientRef, printer, state: 'processing', reason: null });
        await sendEscPos(choice.host, choice.port, await rasterize(bytes));
      } else {
        const pdf = issued.mediaType === 'image/png' ? await slipAsPdf(bytes) : bytes;
        const dir = mkdtempSync(join(tmpdir(), 'motcua-print-'));
        try {
          // The queue sees a neutral name: other users of the machine can list print queues.
          const file = join(dir, `${issued.form}.pdf`);
          writeFileSync(file, pdf, { mode: 0o600 });
          const outcome = await system.print(
            { printer, file, copies, media: issued.mediaType === 'image/png' ? 'Custom.80x200mm' : choice.paper, title: `Mot Cua Desk - mau ${issued.form}` },
            {
              timeoutMs: currentSettings().jobTimeoutSeconds * 1000,
              onProgress: (p) => events.emit('printing.progress', { jobId, clientRef, printer, state: p.state, reason: p.reason }),
            },
          );
          systemJobId = outcome.jobId;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      finish('completed', { systemJobId });
      events.emit('printing.progress', { jobId, clientRef, printer, state: 'completed', reason: null });
      return { issuedFormId: issued.id, jobId, printer, systemJobId, state: 'completed' };
    } catch (e) {
      const reason = isAppError(e) ? e.message : String(e);
      finish('failed', { reason });
      events.emit('printing.progress', { jobId, clientRef, printer, state: 'aborted', reason });
      throw e;
    }
  }

  function issuedRow(id: string) {
    const row = db.select().from(issuedForms).where(eq(issuedForms.id, id)).get();
    if (!row) throw new AppError('ISSUED_FORM_NOT_FOUND', { id: id.slice(0, 40) });
    return row;
  }

  return {
    async preview(target: FormTargetParsed, principal: Principal): Promise<RenderedDocument> {
      const rendered = await documents.render(target, principal);
      return toDocument(rendered.bytes, rendered.mediaType, rendered.sha256);
    },

    async print(target: FormTargetParsed, override: PrintOverride, principal: Principal): Promise<PrintResult> {
      const rendered = await documents.render(target, principal);
      // Choose the printer before issuing: with no printer there is nothing to archive.
      const choice = await choiceFor(purposeOf(rendered.form), override);
      const issued = issue(rendered, principal);
      return deliver({ ...issued, form: rendered.form, paper: rendered.paper, mediaType: rendered.mediaType }, choice, false, principal, override.clientRef ?? null);
    },

    async reprint(issuedFormId: string, override: PrintOverride, principal: Principal): Promise<PrintResult> {
      const row = issuedRow(issuedFormId);
      const choice = await choiceFor(purposeOf(row.form), override);
      return deliver(row, choice, true, principal, override.clientRef ?? null);
    },

    async testPage(purpose: PrintPurpose, principal: Principal): Promise<PrintResult> {
      const choice = await choiceFor(purpose, {});
      const name = choice.driver === 'system' ? choice.printer : `${choice.host}:${choice.port}`;
      const rendered = await documents.testPage(purpose, name, principal);
      const issued = issue(rendered, principal);
      return deliver({ ...issued, form: rendered.form, paper: rendered.paper, mediaType: rendered.mediaType }, choice, false, principal);
    },

    issued(dossierId: string): IssuedFormView[] {
      const forms = db.select().from(issuedForms).where(eq(issuedForms.dossierId, dossierId)).orderBy(desc(issuedForms.issuedAt)).all();
      if (forms.length === 0) return [];
      const jobs = db.select().from(printJobs).where(inArray(printJobs.issuedFormId, forms.map((f) => f.id))).orderBy(desc(printJobs.submittedAt)).all();
      return forms.map((f) => ({
        id: f.id,
        dossierId: f.dossierId,
        form: f.form,
        paper: f.paper,
        mediaType: f.mediaType,
        sha256: f.sha256,
        issuedAt: f.issuedAt.toISOString(),
        issuedBy: f.issuedBy,
        jobs: jobs
          .filter((j) => j.issuedFormId === f.id)
          .map((j) => ({
            id: j.id,
            printer: j.printer,
            driver: j.driver,
            copies: j.copies,
            reprint: j.reprint,
            state: j.state,
            reason: j.reason,
            submittedAt: j.submittedAt.toISOString(),
            submittedBy: j.submittedBy,
          })),
      }));
    },

    issuedFile(id: string): RenderedDocument {
      const row = issuedRow(id);
      const bytes = files.read(row.sha256);
      return toDocument(bytes, row.mediaType as RenderedForm['mediaType'], row.sha256);
    },

    async printers() {
      const [printers, defaultPrinter] = await Promise.all([system.list(), system.defaultPrinter()]);
      return { driver: system.kind, printers, defaultPrinter };
    },

    settings: currentSettings,

    updateSettings(next: PrinterSettings, principal: Principal): PrinterSettings {
      settings.set(SETTINGS_KEY, next, principal.username);
      return currentSettings();
    },

  };
}

export type PrintService = ReturnType<typeof createPrintService>;
