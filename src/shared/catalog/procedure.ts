import { z } from 'zod';
import { catalogText } from '../i18n/vi-catalog';
import { cleanLine, hasControlChars } from '../text/normalize';

// A procedure of the catalogue (thủ tục hành chính) in the national fields, and the file that
// carries a catalogue between machines. English property names; the Vietnamese meaning beside
// each. Everything is strict: unknown keys are refused, text is NFC-cleaned like a clerk's
// one-line field (lineText rules), and every string and list is bounded, because a catalogue
// file comes from outside the app.

const v = catalogText.validation;

/** Limits of one record and of one file. A province has ~1,200–2,000 procedures. */
export const CATALOG_LIMITS = {
  procedures: 5000,
  fees: 20,
  tiers: 10,
  documents: 60,
  results: 20,
  legalBasis: 40,
  maxAmount: 1_000_000_000,
  maxCount: 100,
  maxTimeValue: 365,
} as const;

/** A one-line text: NFC, white space folded, no control characters, at most `max` characters. */
function text(max: number, opts: { required?: boolean } = {}) {
  const base = z
    .string()
    .refine((s) => !hasControlChars(s), { message: v.controlChars })
    .transform(cleanLine)
    .refine((s) => s.length <= max, { message: v.tooLong(max) });
  return opts.required === false ? base : base.refine((s) => s.length > 0, { message: v.required });
}

/** A short machine code (fee, document, result, sector): letters without diacritics, digits, . - _ */
const shortCode = z
  .string()
  .transform(cleanLine)
  .refine((s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(s), { message: v.shortCode });

/** National code `1.001193`; a province's instance `1.001193.000.00.00.H56` (unit code suffix). */
export const NATIONAL_CODE = /^[1-9]\.\d{6}$/;
export const PROVINCIAL_CODE = /^[1-9]\.\d{6}\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export function isProcedureCode(s: string): boolean {
  return NATIONAL_CODE.test(s) || PROVINCIAL_CODE.test(s);
}

/** The national part of a code: `1.001193.000.00.00.H56` → `1.001193`. */
export function nationalCodeOf(code: string): string {
  return code.slice(0, 8);
}

export const procedureCode = z
  .string()
  .transform((s) => cleanLine(s).toUpperCase())
  .refine(isProcedureCode, { message: v.procedureCode });

const count = z.number().int().min(0).max(CATALOG_LIMITS.maxCount);
const amount = z.number().int().min(0).max(CATALOG_LIMITS.maxAmount);

/**
 * Mức độ dịch vụ công trực tuyến: since Nghị định 42/2022 'toàn trình' (fully online), 'một phần'
 * (partly online) or 'cung cấp thông tin' (information only); older catalogues give levels 1–4.
 */
export const PROCEDURE_LEVELS = ['toàn trình', 'một phần', 'cung cấp thông tin'] as const;
export const procedureLevel = z.preprocess(
  (x) => (typeof x === 'string' ? cleanLine(x).toLowerCase() : x),
  z.union([z.enum(PROCEDURE_LEVELS), z.number().int({ error: v.level }).min(1, { error: v.level }).max(4, { error: v.level })], {
    error: v.level,
  }),
);

/** Thời hạn giải quyết. */
export const TIME_UNITS = ['working-days', 'days', 'working-hours', 'same-day'] as const;
export const processingTime = z
  .strictObject({
    /** Số lượng: how many units; 0 for 'same-day'. */
    value: z.number().int().min(0).max(CATALOG_LIMITS.maxTimeValue),
    /** Đơn vị: ngày làm việc / ngày (lịch) / giờ làm việc / trong ngày. */
    unit: z.enum(TIME_UNITS),
    /** Giờ chốt: for "trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo". */
    cutoff: z
      .string()
      .refine((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), { message: v.cutoff })
      .optional(),
    /** Ghi chú: e.g. "trường hợp cần xác minh thì không quá 05 ngày làm việc". */
    note: text(1000).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.unit === 'same-day' && t.value !== 0) ctx.addIssue({ code: 'custom', path: ['value'], message: v.sameDayValue });
    if (t.unit !== 'same-day' && t.value === 0) ctx.addIssue({ code: 'custom', path: ['value'], message: v.positiveValue });
    if (t.cutoff !== undefined && t.unit !== 'same-day') ctx.addIssue({ code: 'custom', path: ['cutoff'], message: v.cutoffOnlySameDay });
  });

/** How a fee is counted. */
export const FEE_BASES = ['per-dossier', 'per-copy', 'per-page', 'tiered-per-page'] as const;

/** One price band for 'tiered-per-page': pages fromPage..toPage (toPage absent: and beyond). */
export const feeTier = z.strictObject({
  /** Từ trang. */
  fromPage: z.number().int().min(1).max(100_000),
  /** Đến trang (bỏ trống ở bậc cuối: từ trang này trở đi). */
  toPage: z.number().int().min(1).max(100_000).optional(),
  /** Mức thu mỗi trang trong bậc, đồng. */
  amount,
});

/** Phí, lệ phí. */
export const fee = z
  .strictObject({
    /** Mã phí, lệ phí (MaPhiLePhi). */
    code: shortCode,
    /** Tên: "Lệ phí chứng thực bản sao từ bản chính". */
    name: text(300),
    /** Mức thu, đồng (VND, integer); for tiered fees the price of the first band. 0: miễn. */
    amount,
    /** Cách tính: mỗi hồ sơ / mỗi bản / mỗi trang / theo bậc trang. */
    basis: z.enum(FEE_BASES),
    /** Bậc giá theo trang, for 'tiered-per-page'. */
    tiers: z.array(feeTier).min(1).max(CATALOG_LIMITS.tiers).optional(),
    /** Mức thu tối đa mỗi bản, for page-based fees ("tối đa không quá 200.000 đồng/bản"). */
    maxPerCopy: amount.optional(),
    /** Ghi chú: who is exempt, the online price, the source of the amount. */
    note: text(1000).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.basis === 'tiered-per-page') {
      if (!f.tiers) {
        ctx.addIssue({ code: 'custom', path: ['tiers'], message: v.tiersRequired });
        return;
      }
      const [first] = f.tiers;
      if (first && first.fromPage !== 1) ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'fromPage'], message: v.tiersStart });
      if (first && f.amount !== first.amount) ctx.addIssue({ code: 'custom', path: ['amount'], message: v.tiersAmount });
      f.tiers.forEach((t, i) => {
        const last = i === f.tiers!.length - 1;
        if (last !== (t.toPage === undefined)) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'toPage'], message: v.tiersOpenEnd });
        if (t.toPage !== undefined && t.toPage < t.fromPage) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'toPage'], message: v.tiersContiguous });
        const prev = f.tiers![i - 1];
        if (prev && prev.toPage !== undefined && t.fromPage !== prev.toPage + 1) {
          ctx.addIssue({ code: 'custom', path: ['tiers', i, 'fromPage'], message: v.tiersContiguous });
        }
      });
    } else if (f.tiers) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: v.tiersNotAllowed });
    }
    if (f.maxPerCopy !== undefined && f.basis !== 'per-page' && f.basis !== 'tiered-per-page') {
      ctx.addIssue({ code: 'custom', path: ['maxPerCopy'], message: v.maxPerCopyOnlyPages });
    }
  });

/** Thành phần hồ sơ: one document the applicant hands over. */
export const requiredDocument = z.strictObject({
  /** Mã thành phần hồ sơ (MaThanhPhanHoSo). */
  code: shortCode,
  /** Tên giấy tờ. */
  name: text(1000),
  /** Mẫu đơn, tờ khai: the form to fill in, e.g. "Mẫu CT01". */
  template: text(300).optional(),
  /** Số bản chính. */
  originals: count,
  /** Số bản sao có chứng thực (or copies shown with the original to compare). */
  copies: count,
  /** Số bản photo (bản chụp). */
  photocopies: count,
  /** Bắt buộc: false for documents needed only in some cases (see note). */
  required: z.boolean(),
  /** Ghi chú: "trường hợp ủy quyền", "xuất trình bản chính để đối chiếu". */
  note: text(1000).optional(),
});

/** Kết quả giải quyết: a document the applicant receives. */
export const resultDocument = z.strictObject({
  /** Mã giấy tờ kết quả. */
  code: shortCode,
  /** Tên giấy tờ kết quả. */
  name: text(500),
});

/** Cấp thực hiện: where the procedure is carried out. */
export const RECEIVING_LEVELS = ['commune', 'province', 'central'] as const;

function uniqueCodes(list: { code: string }[] | undefined, field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list?.forEach((item, i) => {
    if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [field, i, 'code'], message: v.duplicateCode(item.code) });
    seen.add(item.code);
  });
}

/** Thủ tục hành chính: one record of the catalogue. */
export const procedureSchema = z
  .strictObject({
    /** Mã thủ tục (MaTTHC): national `1.001193` or a province's instance `1.001193.000.00.00.H56`. */
    code: procedureCode,
    /** Tên thủ tục (TenTTHC). */
    name: text(500),
    /** Lĩnh vực (MaLinhVuc, TenLinhVuc). */
    sector: z.strictObject({ code: shortCode, name: text(200) }),
    /** Mức độ dịch vụ công trực tuyến. */
    level: procedureLevel,
    /** Thời hạn giải quyết. */
    processingTime,
    /** Phí, lệ phí: empty when the procedure is free of charge. */
    fees: z.array(fee).max(CATALOG_LIMITS.fees),
    /** Thành phần hồ sơ. */
    documents: z.array(requiredDocument).max(CATALOG_LIMITS.documents),
    /** Kết quả thực hiện. */
    results: z.array(resultDocument).min(1).max(CATALOG_LIMITS.results),
    /** Cơ quan có thẩm quyền quyết định: "UBND xã/phường", "Công an xã/phường". */
    decidingAgency: text(300),
    /** Cấp thực hiện. */
    receivingLevel: z.enum(RECEIVING_LEVELS).optional(),
    /** Căn cứ pháp lý: one legal text per line. */
    legalBasis: z.array(text(500)).max(CATALOG_LIMITS.legalBasis).optional(),
    /** Ghi chú: e.g. that a sample record must be replaced by the province's official one. */
    note: text(1000).optional(),
  })
  .superRefine((p, ctx) => {
    uniqueCodes(p.fees, 'fees', ctx);
    uniqueCodes(p.documents, 'documents', ctx);
    uniqueCodes(p.results, 'results', ctx);
  });

export type Procedure = z.output<typeof procedureSchema>;
export type ProcedureInput = z.input<typeof procedureSchema>;
export type Fee = z.output<typeof fee>;
export type FeeBasis = (typeof FEE_BASES)[number];
export type ProcessingTime = z.output<typeof processingTime>;
export type RequiredDocument = z.output<typeof requiredDocument>;

export const CATALOG_FORMAT = 'motcua-catalog';
export const CATALOG_FORMAT_VERSION = 1;

/** The envelope of a catalogue file, its procedures not yet looked at (checked one by one). */
export const catalogEnvelope = z.strictObject({
  format: z.literal(CATALOG_FORMAT),
  version: z.literal(CATALOG_FORMAT_VERSION),
  /** Thời điểm xuất (ISO 8601 UTC). */
  exportedAt: z.iso.datetime({ offset: false, error: v.exportedAt }).optional(),
  procedures: z.array(z.unknown()).max(CATALOG_LIMITS.procedures),
});

/** A whole catalogue file: `{format: 'motcua-catalog', version: 1, exportedAt?, procedures}`. */
export const catalogFile = catalogEnvelope.extend({
  procedures: z.array(procedureSchema).max(CATALOG_LIMITS.procedures),
});
export type CatalogFile = z.output<typeof catalogFile>;
