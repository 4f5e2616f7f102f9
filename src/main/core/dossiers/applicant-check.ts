import type { Applicant } from '../../../shared/api/calls/dossiers';
import { AppError } from '../../../shared/api/errors';
import { validateEmail } from '../../../shared/identity/email';
import { validatePersonalId } from '../../../shared/identity/personal-id';
import { normalizePhone } from '../../../shared/identity/phone';

/**
 * The identity rules applied to an applicant before anything is stored: a person's ID must be a
 * valid 12-digit number (or old 9-digit CMND) consistent with the birth date and gender given,
 * the phone is normalised to 0XXXXXXXXX, the e-mail checked. Returns the cleaned applicant.
 */
export function checkApplicant(a: Applicant, role: string, now: Date): Applicant {
  const problem = (message: string) => new AppError('VALIDATION', { detail: `${role}: ${message}` });
  const out: Applicant = { ...a };
  if (a.idNumber) {
    if (a.kind === 'person') {
      const id = validatePersonalId(a.idNumber, {
        birth: a.birthDate,
        gender: a.gender === 'male' ? 'Nam' : a.gender === 'female' ? 'Nữ' : undefined,
        now,
      });
      if (!id.ok) throw problem(id.message);
      out.idNumber = id.number;
    } else if (!/^[0-9-]{8,20}$/.test(a.idNumber)) {
      throw problem('mã số doanh nghiệp/tổ chức chỉ gồm chữ số và dấu gạch');
    }
  }
  if (a.birthDate && a.birthDate > now.toISOString().slice(0, 10)) throw problem('ngày sinh ở tương lai');
  if (a.phone) {
    const phone = normalizePhone(a.phone);
    if (!phone.ok) throw problem(phone.message);
    out.phone = phone.phone;
  }
  if (a.email) {
    const email = validateEmail(a.email);
    if (!email.ok) throw problem(email.message);
    out.email = email.email;
  }
  return out;
}
