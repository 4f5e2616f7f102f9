import { identityText } from '../i18n/vi-identity';

// A sane check, not RFC 5322: what a clerk can type from a form and a mail server will accept.
// The domain is lower-cased (domains are case-insensitive); the local part is kept as typed.

export type EmailResult =
  | { ok: true; email: string }
  | { ok: false; code: 'EMAIL_EMPTY' | 'EMAIL_TOO_LONG' | 'EMAIL_FORMAT' | 'EMAIL_LOCAL' | 'EMAIL_DOMAIN'; message: string };

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function validateEmail(raw: string): EmailResult {
  const t = identityText.email;
  const text = String(raw ?? '').normalize('NFC').trim();
  if (text === '') return { ok: false, code: 'EMAIL_EMPTY', message: t.empty };
  if (text.length > 254) return { ok: false, code: 'EMAIL_TOO_LONG', message: t.tooLong };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1 || text.indexOf('@') !== at) {
    return { ok: false, code: 'EMAIL_FORMAT', message: t.format };
  }
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) return { ok: false, code: 'EMAIL_LOCAL', message: t.local };
  const labels = domain.split('.');
  if (
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    !/^[a-z]{2,63}$/.test(labels[labels.length - 1]!)
  ) {
    return { ok: false, code: 'EMAIL_DOMAIN', message: t.domain };
  }
  return { ok: true, email: `${local}@${domain}` };
}
