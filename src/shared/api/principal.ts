import { z } from 'zod';

export const role = z.enum(['clerk', 'supervisor', 'admin']);
export type Role = z.infer<typeof role>;

/** Who a call is made by: a logged-in account, or a trusted system actor (the admin's CLI). */
export const principal = z.object({
  userId: z.string(),
  username: z.string(),
  fullName: z.string(),
  role,
});
export type Principal = z.infer<typeof principal>;

const rank: Record<Role, number> = { clerk: 1, supervisor: 2, admin: 3 };

export function roleAtLeast(have: Role, need: Role): boolean {
  return rank[have] >= rank[need];
}
