import type { z } from 'zod';

/**
 * Who may make a call. 'public': before login (login, first-run setup, status). 'user': any
 * logged-in account. 'supervisor' and 'admin': that role or higher (admin > supervisor > clerk).
 */
export type Access = 'public' | 'user' | 'supervisor' | 'admin';

export interface CallSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** Default 'user'. */
  access?: Access;
}

/** Declares a capability's calls with their types kept exact. */
export function defineCalls<const T extends Record<string, CallSpec>>(calls: T): T {
  return calls;
}

