import { randomBytes, type Hash } from 'node:crypto';
import { HttpError } from './http-util';
import type { ProvinceStore, Session } from './province-store';

// What every route of the double shares: the store, the accounts, the province's clock.

export interface ProvinceAccount {
  username: string;
  password: string;
  /** The unit the account belongs to: it sees and writes that unit's dossiers only. */
  unitCode: string;
}

export const DEFAULT_UNIT = '000.00.06.H56';

export function defaultAccounts(unitCode: string): ProvinceAccount[] {
  return [
    { username: 'quay1', password: 'quay1-matkhau', unitCode },
    { username: 'quay2', password: 'quay2-matkhau', unitCode },
  ];
}

export interface ProvinceContext {
  store: ProvinceStore;
  accounts: ProvinceAccount[];
  tokenTtlMs: number;
  /** The province's clock: ours plus the configured offset. */
  now(): Date;
  /** sha256 of files a PATCH is writing right now (a second writer gets 409). */
  uploadsInFlight: Set<string>;
  /**
   * The SHA-256 of an unfinished upload's bytes so far, by file hash: the next PATCH goes on
   * hashing from there. Valid only while the part file is `offset` bytes long (otherwise — after
   * a restart, a cut-off write — the part is read back once when it completes).
   */
  uploadHashes: Map<string, { hash: Hash; offset: number }>;
}

export function findAccount(ctx: ProvinceContext, username: string, password: string): ProvinceAccount | null {
  return ctx.accounts.find((a) => a.username === username && a.password === password) ?? null;
}

export function openSession(ctx: ProvinceContext, face: Session['face'], account: ProvinceAccount, deviceId: string | null): Session {
  const session: Session = {
    token: randomBytes(32).toString('hex'),
    face,
    username: account.username,
    unitCode: account.unitCode,
    deviceId,
    expiresAt: ctx.now().getTime() + ctx.tokenTtlMs,
  };
  ctx.store.putSession(session);
  return session;
}

/** The session a token names; 401 token_expired past its time, 401 invalid_token when unknown. */
export function requireSession(ctx: ProvinceContext, face: Session['face'], token: string | null): Session {
  if (!token) throw new HttpError(401, 'invalid_token', 'no token');
  const session = ctx.store.session(token, face);
  if (!session) throw new HttpError(401, 'invalid_token', 'unknown token');
  if (session.expiresAt <= ctx.now().getTime()) throw new HttpError(401, 'token_expired', 'the token has expired');
  return session;
}
