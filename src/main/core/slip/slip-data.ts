import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import type { OfficeProfile } from '../../../shared/api/calls/office';
import { AppError } from '../../../shared/api/errors';
import { vnMomentText } from '../../../shared/calendar/format';
import { slipText } from '../../../shared/i18n/vi-slip';
import { toNfc } from '../../../shared/text/normalize';
import { vnDateKey } from '../../../shared/time/vn-time';

/**
 * What the thermal slip shows, already in the words printed: the template
 * (resources/forms/slip.html) places these fields and decides nothing.
 */
export interface SlipData {
  /** e.g. "UBND PHƯỜNG BA ĐÌNH". */
  agencyName: string;
  /** e.g. "BỘ PHẬN MỘT CỬA". */
  unitName: string;
  /** The dossier code, e.g. "000.00.06.H56-260225-0001". */
  code: string;
  applicantName: string;
  procedureName: string;
  /** Vietnam time, the way form 01 writes it: "09 giờ 15 phút, Thứ Tư ngày 25/02/2026". */
  receivedAt: string;
  /** Same format; null when the procedure sets no due date. */
  dueAt: string | null;
  /** The province's lookup page for this dossier; null when the office set no pattern (no QR). */
  lookupUrl: string | null;
  /** The lookup page's host ("dichvucong.example.vn"), for "Tra cứu hồ sơ tại …". */
  lookupSite: string | null;
}

function lookupUrlFor(pattern: string, code: string): string | null {
  const p = pattern.trim();
  if (p === '') return null;
  // The code is safe in a URL as it is (digits, letters, dots, dashes), but encoding keeps a
  // strange code from breaking the QR's URL.
  return toNfc(p.replaceAll('{code}', encodeURIComponent(code)));
}

/** The host as the office wrote it (URL would turn a Vietnamese domain name into punycode). */
function siteOf(url: string): string {
  return /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1] ?? url;
}

function build(office: OfficeProfile, code: string, fields: { applicantName: string; procedureName: string; receivedAt: Date; dueAt: Date | null }): SlipData {
  const nfcCode = toNfc(code);
  const lookupUrl = lookupUrlFor(office.lookupUrlPattern, nfcCode);
  return {
    agencyName: toNfc(office.agencyName),
    unitName: toNfc(office.unitName),
    code: nfcCode,
    applicantName: toNfc(fields.applicantName),
    procedureName: toNfc(fields.procedureName),
    receivedAt: toNfc(vnMomentText(fields.receivedAt)),
    dueAt: fields.dueAt === null ? null : toNfc(vnMomentText(fields.dueAt)),
    lookupUrl,
    lookupSite: lookupUrl === null ? null : siteOf(lookupUrl),
  };
}

export function slipData(dossier: DossierDetail, office: OfficeProfile): SlipData {
  if (!dossier.code) throw new AppError('SLIP_NO_CODE');
  return build(office, dossier.code, {
    applicantName: dossier.applicantName,
    procedureName: dossier.procedureName,
    receivedAt: new Date(dossier.receivedAt),
    dueAt: dossier.dueAt === null ? null : new Date(dossier.dueAt),
  });
}

/**
 * A slip that looks like a real one, for the printer settings' "print a test page". Its code
 * ends in 0000, a number the allocator never issues, so a test slip can't pass for a dossier.
 */
export function testSlipData(office: OfficeProfile, now: Date, printerName: string): SlipData {
  return build(office, `${office.unitCode}-${vnDateKey(now).slice(2).replaceAll('-', '')}-0000`, {
    applicantName: slipText.test.applicant,
    procedureName: slipText.test.procedure(printerName),
    receivedAt: now,
    dueAt: null,
  });
}
