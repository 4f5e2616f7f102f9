import { describe, expect, it } from 'vitest';
import { validateEmail } from '../../../src/shared/identity/email';
import { normalizePhone } from '../../../src/shared/identity/phone';
import { VIETNAMESE } from './fixtures';

describe('Vietnamese phone numbers', () => {
  const normalised: [string, string, 'mobile' | 'landline'][] = [
    ['0912345678', '0912345678', 'mobile'],
    ['0912 345 678', '0912345678', 'mobile'],
    ['0912.345.678', '0912345678', 'mobile'],
    ['0912-345-678', '0912345678', 'mobile'],
    ['(091) 234-5678', '0912345678', 'mobile'],
    ['+84912345678', '0912345678', 'mobile'],
    ['+84 912 345 678', '0912345678', 'mobile'],
    ['+84 (0) 912 345 678', '0912345678', 'mobile'],
    ['+840912345678', '0912345678', 'mobile'],
    ['0084 912 345 678', '0912345678', 'mobile'],
    ['84912345678', '0912345678', 'mobile'],
    ['84-912-345-678', '0912345678', 'mobile'],
    ['912345678', '0912345678', 'mobile'],
    ['0345678901', '0345678901', 'mobile'],
    ['0567 890 123', '0567890123', 'mobile'],
    ['0701234567', '0701234567', 'mobile'],
    ['0862 123 456', '0862123456', 'mobile'],
    ['０９１２３４５６７８', '0912345678', 'mobile'],
    ['024 3825 1234', '02438251234', 'landline'],
    ['(024) 3825.1234', '02438251234', 'landline'],
    ['028-3829-5678', '02838295678', 'landline'],
    ['0206 3852 123', '02063852123', 'landline'],
    ['+84 24 3825 1234', '02438251234', 'landline'],
    ['842438251234', '02438251234', 'landline'],
    ['2438251234', '02438251234', 'landline'],
  ];
  for (const [input, phone, kind] of normalised) {
    it(`${JSON.stringify(input)} → ${phone} (${kind})`, () => {
      expect(normalizePhone(input)).toEqual({ ok: true, phone, kind });
    });
  }

  const refused: [string, string][] = [
    ['', 'PHONE_EMPTY'],
    ['   ', 'PHONE_EMPTY'],
    ['091234567', 'PHONE_LENGTH'],
    ['09123456789', 'PHONE_LENGTH'],
    ['0243825123', 'PHONE_LENGTH'],
    ['0112345678', 'PHONE_PREFIX'],
    ['0412345678', 'PHONE_PREFIX'],
    ['0612345678', 'PHONE_PREFIX'],
    ['01234567', 'PHONE_PREFIX'],
    ['+1 212 555 0100', 'PHONE_FOREIGN'],
    ['+86 10 1234 5678', 'PHONE_FOREIGN'],
    ['0912abc678', 'PHONE_CHARS'],
    ["0912345678'; DROP TABLE applicants;--", 'PHONE_SEVERAL'],
    ['<script>0912345678</script>', 'PHONE_SEVERAL'],
    ['0912345678 / 0987654321', 'PHONE_SEVERAL'],
    ['0912345678, 0987654321', 'PHONE_SEVERAL'],
    ['0912345678 hoặc 0987654321', 'PHONE_SEVERAL'],
    ['091+2345678', 'PHONE_CHARS'],
  ];
  for (const [input, code] of refused) {
    it(`refuses ${JSON.stringify(input)} (${code}) with a Vietnamese message`, () => {
      const r = normalizePhone(input);
      expect(r).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.message).toMatch(VIETNAMESE);
    });
  }

  it('explains an 11-digit mobile number from before 2018 and suggests the new one', () => {
    const r = normalizePhone('0168 123 4567');
    expect(r).toMatchObject({ ok: false, code: 'PHONE_OLD_MOBILE' });
    expect(!r.ok && r.message).toContain('0381234567');
    expect(normalizePhone('01991234567')).toMatchObject({ ok: false, code: 'PHONE_OLD_MOBILE' });
    const unknown = normalizePhone('01301234567');
    expect(unknown).toMatchObject({ ok: false, code: 'PHONE_OLD_MOBILE' });
  });
});

describe('e-mail', () => {
  const valid: [string, string][] = [
    ['nguyenvana@gmail.com', 'nguyenvana@gmail.com'],
    ['  Nguyen.Van.A@GMAIL.COM ', 'Nguyen.Van.A@gmail.com'],
    ['tiepnhan+motcua@HaNoi.Gov.VN', 'tiepnhan+motcua@hanoi.gov.vn'],
    ["o'brien@example.vn", "o'brien@example.vn"],
    ['a_b-c@sub-domain.example.com.vn', 'a_b-c@sub-domain.example.com.vn'],
  ];
  for (const [input, email] of valid) {
    it(`${JSON.stringify(input)} → ${email}`, () => expect(validateEmail(input)).toEqual({ ok: true, email }));
  }
  const invalid: [string, string][] = [
    ['', 'EMAIL_EMPTY'],
    ['nguyenvana', 'EMAIL_FORMAT'],
    ['nguyenvana@', 'EMAIL_FORMAT'],
    ['@gmail.com', 'EMAIL_FORMAT'],
    ['a@b@gmail.com', 'EMAIL_FORMAT'],
    ['nguyễnvăna@gmail.com', 'EMAIL_LOCAL'],
    ['nguyen van a@gmail.com', 'EMAIL_LOCAL'],
    ['nguyen..a@gmail.com', 'EMAIL_LOCAL'],
    ['.a@gmail.com', 'EMAIL_LOCAL'],
    ['a@gmail', 'EMAIL_DOMAIN'],
    ['a@gmail..com', 'EMAIL_DOMAIN'],
    ['a@-gmail.com', 'EMAIL_DOMAIN'],
    ['a@gmail.c', 'EMAIL_DOMAIN'],
    ['a@gmail.com.', 'EMAIL_DOMAIN'],
    ["x@y.com'; DROP TABLE users;--", 'EMAIL_DOMAIN'],
    ['<script>@x.com', 'EMAIL_LOCAL'],
    [`${'a'.repeat(250)}@gmail.com`, 'EMAIL_TOO_LONG'],
    [`${'a'.repeat(65)}@gmail.com`, 'EMAIL_LOCAL'],
  ];
  for (const [input, code] of invalid) {
    it(`refuses ${JSON.stringify(input.slice(0, 40))} (${code})`, () => {
      const r = validateEmail(input);
      expect(r).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.message).toMatch(VIETNAMESE);
    });
  }
});
