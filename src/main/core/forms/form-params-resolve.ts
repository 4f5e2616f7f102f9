import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import { AppError } from '../../../shared/api/errors';
import { STATUS } from '../../../shared/dossier/status';
import type { DossierFormKind } from '../../../shared/forms/form-kinds';
import { parseFormParams, type FormParams, type MissingDocument } from '../../../shared/forms/form-params';
import { formsText } from '../../../shared/i18n/vi-forms';

// A form's extra parameters with the gaps filled from the dossier itself: the documents not
// handed over (02), and the note the clerk wrote when requesting a supplement (02), refusing
// (03) or stopping (05). Form 04 has nothing to fall back on: its reason and new date are asked.

export interface ResolvedParams {
  processingTime: string | null;
  missing: MissingDocument[];
  reason: string | null;
  newDueAt: Date | null;
}

/** History entries that carry each form's reason: by action name, or by the status they led to. */
const REASON_SOURCES: Partial<Record<DossierFormKind, { action: string; toStatus: number }>> = {
  '02': { action: 'dossier.requestSupplement', toStatus: STATUS.supplementRequested },
  '03': { action: 'dossier.refuse', toStatus: STATUS.refused },
  '05': { action: 'dossier.stop', toStatus: STATUS.stopped },
};

function latestNote(dossier: DossierDetail, source: { action: string; toStatus: number }): string | null {
  for (let i = dossier.history.length - 1; i >= 0; i--) {
    const h = dossier.history[i]!;
    if ((h.action === source.action || h.toStatus === source.toStatus) && h.note?.trim()) return h.note;
  }
  return null;
}

const title = (kind: DossierFormKind) => formsText.titles[kind]!;

export function resolveParams<K extends DossierFormKind>(
  kind: K,
  dossier: DossierDetail,
  input: FormParams[K] | undefined,
): ResolvedParams {
  const p = parseFormParams(kind, input) as { processingTime?: string; missing?: MissingDocument[]; reason?: string; newDueAt?: string };
  const source = REASON_SOURCES[kind];
  const out: ResolvedParams = {
    processingTime: p.processingTime || null,
    missing: [],
    reason: p.reason || (source ? latestNote(dossier, source) : null),
    newDueAt: p.newDueAt ? new Date(p.newDueAt) : null,
  };

  if (kind === '02') {
    out.missing =
      p.missing && p.missing.length > 0
        ? p.missing
        : dossier.checklist
            .filter((c) => !c.handedOver)
            .map((c) => ({ name: c.name, note: c.note, quantity: c.originals + c.certifiedCopies + c.photocopies || undefined }));
    if (out.missing.length === 0) throw new AppError('FORM_PARAMS_MISSING', { form: title(kind), detail: formsText.need.missing });
  }

  if (kind === '04') {
    const need = [!out.reason && formsText.need.extensionReason, !out.newDueAt && formsText.need.newDueAt].filter(Boolean);
    if (need.length) throw new AppError('FORM_PARAMS_MISSING', { form: title(kind), detail: need.join(formsText.and) });
    if (dossier.dueAt && out.newDueAt!.getTime() <= Date.parse(dossier.dueAt)) {
      throw new AppError('FORM_PARAMS_INVALID', { form: title(kind), detail: formsText.need.newDueAfterDue });
    }
  }
  return out;
}
