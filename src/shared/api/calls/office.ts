import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { lineText } from '../fields';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'giờ phải dạng HH:MM' });

export const workingPeriod = z
  .strictObject({ start: hhmm, end: hhmm })
  .refine((p) => p.start < p.end, { message: 'giờ bắt đầu phải trước giờ kết thúc' });

/**
 * The receiving unit's identifier code (mã định danh), e.g. 000.00.06.H56: V1V2V3.Z1Z2.Y1Y2.MX1X2.
 * Checked loosely (groups of digits and a final letter group) because provinces' codes vary.
 */
export const unitCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, { message: 'mã định danh phải dạng 000.00.06.H56' });

export const officeProfile = z.strictObject({
  /** e.g. "UBND PHƯỜNG BA ĐÌNH" — the agency line of the forms' left header. */
  agencyName: lineText(200),
  /** e.g. "BỘ PHẬN MỘT CỬA" or the centre's name. */
  unitName: lineText(200),
  unitCode,
  address: lineText(300),
  /** The place in "{place}, ngày … tháng … năm …". */
  place: lineText(100),
  /** The province's dossier lookup page, with {code} where the dossier code goes. */
  lookupUrlPattern: z
    .string()
    .trim()
    .max(300)
    .refine((s) => s === '' || (/^https?:\/\/[^\s]+$/.test(s) && s.includes('{code}')), {
      message: 'phải là địa chỉ http(s) có chứa {code}',
    }),
  /** This counter's number within the unit, 1 … countersInUnit (see docs/dossier-codes.md). */
  counterNumber: z.number().int().min(1).max(99),
  countersInUnit: z.number().int().min(1).max(99),
  workingHours: z.array(workingPeriod).min(1).max(4),
  idleLockMinutes: z.number().int().min(1).max(240),
}).refine((o) => o.counterNumber <= o.countersInUnit, {
  message: 'số quầy phải không lớn hơn số quầy của đơn vị',
  path: ['counterNumber'],
});
export type OfficeProfile = z.infer<typeof officeProfile>;

export const officeCalls = defineCalls({
  'office.get': { input: z.strictObject({}), output: officeProfile.nullable() },
  'office.update': { input: officeProfile, output: officeProfile, access: 'admin' },
});
