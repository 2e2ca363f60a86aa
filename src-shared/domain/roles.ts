// Staff roles, from least to most privileged. A role grants everything the ones before it grant.
import { z } from 'zod';

export const roles = ['officer', 'supervisor', 'administrator'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** True when `held` is at least as privileged as `needed`. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}
