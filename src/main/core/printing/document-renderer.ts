import type { Database } from 'better-sqlite3';
import type { FormTarget } from '../../../shared/api/calls/printing';
import { AppError } from '../../../shared/api/errors';
import type { Principal } from '../../../shared/api/principal';
import type { PrintPurpose } from '../../../shared/forms/form-kinds';
import { describeRule } from '../../../shared/calendar/format';
import { parseFormParams } from '../../../shared/forms/form-params';
import { nextDateKey } from '../../../shared/time/vn-time';
import type { Clock } from '../config';
import type { CatalogService } from '../catalog/catalog-service';
import type { DossierService } from '../dossiers/dossier-service';
import { sha256Hex } from '../files/file-store';
import type { FormContext, FormRenderer } from '../forms/form-renderer';
import { ledgerRows } from '../forms/ledger-query';
import type { OfficeService } from '../office/office-service';
import { slipData, testSlipData } from '../slip/slip-data';
import type { SlipRenderer } from '../slip/slip-renderer';

export interface RenderedForm {
  bytes: Uint8Array;
  sha256: string;
  mediaType: 'application/pdf' | 'image/png';
  /** '01'…'07', 'slip' or 'test'. */
  form: string;
  paper: string;
  dossierId: string | null;
  params: unknown;
}

export interface DocumentRenderer {
  render(target: FormTarget, principal: Principal): Promise<RenderedForm>;
  testPage(purpose: PrintPurpose, printerName: string, principal: Principal): Promise<RenderedForm>;
}

/** Turns "form 02 of dossier X" or "the ledger for November" into bytes, from the data as it is now. */
export function createDocumentRenderer(deps: {
  forms: FormRenderer;
  slips: SlipRenderer;
  dossiers: Pick<DossierService, 'get'>;
  catalog: Pick<CatalogService, 'get'>;
  office: Pick<OfficeService, 'get'>;
  sqlite: Database;
  clock: Clock;
  /** Paper chosen by the admin for the A4 forms (A5 is an option). */
  defaultPaper: () => 'A4' | 'A5';
}): DocumentRenderer {
  const context = (principal: Principal): FormContext => {
    const office = deps.office.get();
    // Forms carry the unit's name, place and lookup address: without a profile they would lie.
    if (!office) throw new AppError('OFFICE_NOT_SET_UP');
    return { office, now: deps.clock.now(), clerkName: principal.fullName };
  };
  /** Form 01 states the processing time of the catalogue version the dossier was received under. */
  const withProcessingTime = (form: string, params: Record<string, unknown>, procedureId: string | null) => {
    if (form !== '01' || params.processingTime !== undefined || !procedureId) return params;
    const entry = deps.catalog.get(procedureId);
    return entry ? { ...params, processingTime: describeRule(entry.procedure.processingTime) } : params;
  };
  const done = (bytes: Uint8Array, rest: Omit<RenderedForm, 'bytes' | 'sha256'>): RenderedForm => ({ bytes, sha256: sha256Hex(bytes), ...rest });

  return {
    async render(target, principal) {
      const ctx = context(principal);
      switch (target.kind) {
        case 'dossierForm': {
          const dossier = deps.dossiers.get(target.dossier);
          const paper = target.paper ?? deps.defaultPaper();
          const params = parseFormParams(target.form, withProcessingTime(target.form, target.params ?? {}, dossier.procedure.id));
          const bytes = await deps.forms.renderDossierForm(target.form, dossier, params, { paper }, ctx);
          return done(bytes, { mediaType: 'application/pdf', form: target.form, paper, dossierId: dossier.id, params: target.params ?? null });
        }
        case 'ledger': {
          if (target.from > target.to) throw new AppError('LEDGER_RANGE_INVALID', { from: target.from, to: target.to });
          const paper = target.paper ?? 'A4';
          // The clerk names the last day to include; the ledger's query takes [from, to).
          const range = { from: target.from, to: nextDateKey(target.to) };
          const bytes = await deps.forms.renderLedger(ledgerRows(deps.sqlite, range), range, { paper }, ctx);
          return done(bytes, { mediaType: 'application/pdf', form: '07', paper, dossierId: null, params: { from: target.from, to: target.to } });
        }
        case 'slip': {
          const dossier = deps.dossiers.get(target.dossier);
          const png = await deps.slips.render(slipData(dossier, ctx.office));
          return done(png, { mediaType: 'image/png', form: 'slip', paper: '80mm', dossierId: dossier.id, params: null });
        }
      }
    },

    async testPage(purpose, printerName, principal) {
      const ctx = context(principal);
      if (purpose === 'slip') {
        const png = await deps.slips.render(testSlipData(ctx.office, ctx.now, printerName));
        return done(png, { mediaType: 'image/png', form: 'test', paper: '80mm', dossierId: null, params: { purpose, printer: printerName } });
      }
      const bytes = await deps.forms.renderTestPage(printerName, ctx);
      return done(bytes, { mediaType: 'application/pdf', form: 'test', paper: 'A4', dossierId: null, params: { purpose, printer: printerName } });
    },
  };
}
