import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { lineText } from '../fields';
import { principal, role } from '../principal';
import { officeProfile } from './office';

export const username = lineText(40).pipe(
  z
    .string()
    .transform((s) => s.toLowerCase())
    .refine((s) => /^[a-z0-9._-]{3,40}$/.test(s), { message: 'chỉ gồm chữ không dấu, số, dấu chấm, gạch; từ 3 ký tự' }),
);

/** Passwords are not trimmed or folded: every character counts. */
export const newPassword = z
  .string()
  .min(8, { message: 'cần ít nhất 8 ký tự' })
  .max(200, { message: 'dài quá 200 ký tự' })
  .refine((s) => /\p{L}/u.test(s) && /\d/.test(s), { message: 'cần có cả chữ và số' });

const password = z.string().min(1, { message: 'bắt buộc nhập' }).max(200);

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type UserView = z.infer<typeof userView>;

export const session = z.object({
  user: principal,
  mustChangePassword: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type Session = z.infer<typeof session>;

export const sessionState = z.object({
  needsSetup: z.boolean(),
  session: session.nullable(),
  locked: z.boolean(),
});
export type SessionState = z.infer<typeof sessionState>;

export const accountCalls = defineCalls({
  /** What the window should show: setup, login, lock screen, or the app. */
  'auth.state': { input: z.strictObject({}), output: sessionState, access: 'public' },
  /** First run only: creates the administrator and the office profile together. */
  'auth.setup': {
    input: z.strictObject({
      admin: z.strictObject({ username, fullName: lineText(120), password: newPassword }),
      office: officeProfile,
    }),
    output: session,
    access: 'public',
  },
  'auth.login': { input: z.strictObject({ username: lineText(40), password }), output: session, access: 'public' },
  'auth.logout': { input: z.strictObject({}), output: z.object({ ok: z.literal(true) }), access: 'public' },
  /** The window was idle: the session stays, the screen needs the password again. */
  'auth.lock': { input: z.strictObject({}), output: z.object({ ok: z.literal(true) }), access: 'public' },
  'auth.unlock': { input: z.strictObject({ password }), output: session, access: 'public' },
  'auth.changePassword': {
    input: z.strictObject({ currentPassword: password, newPassword }),
    output: z.object({ ok: z.literal(true) }),
  },
  'users.list': { input: z.strictObject({}), output: z.array(userView), access: 'admin' },
  'users.create': {
    input: z.strictObject({
      username,
      fullName: lineText(120),
      role,
      password: newPassword,
      /** Default true: the admin chose this password, so the user replaces it at first login. */
      mustChangePassword: z.boolean().default(true),
    }),
    output: userView,
    access: 'admin',
  },
  'users.update': {
    input: z.strictObject({ id: z.string(), fullName: lineText(120).optional(), role: role.optional(), active: z.boolean().optional() }),
    output: userView,
    access: 'admin',
  },
  /** Sets a temporary password the user must change at the next login. */
  'users.resetPassword': {
    input: z.strictObject({ id: z.string(), temporaryPassword: newPassword }),
    output: userView,
    access: 'admin',
  },
});
