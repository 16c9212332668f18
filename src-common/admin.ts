/**
 * The hub's administration API over HTTP (admin role required, checked against the hub's
 * store on every call): who may sign in, and with which role. The configuration file names
 * the users; what an administrator sets here overrides the file's role and survives restarts.
 */
import { z } from 'zod';
import { Role, UserInfo } from './domain';

export const ADMIN_USERS_PATH = '/api/admin/users';

export const AdminUser = UserInfo.extend({
  /** A disabled user cannot sign in; their sessions were ended when they were disabled. */
  disabled: z.boolean(),
  /** Sessions not yet ended or expired (a desktop, a web tab…). */
  activeSessions: z.number().int().nonnegative(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserList = z.object({ users: z.array(AdminUser) });
export type AdminUserList = z.infer<typeof AdminUserList>;

/** `DELETE /api/admin/users/{id}/sessions` signs the user out everywhere (204); they may sign in again. */
export const adminUserSessionsPath = (userId: string): string => `${ADMIN_USERS_PATH}/${encodeURIComponent(userId)}/sessions`;

/** `PATCH /api/admin/users/{id}`: the fields to change; answered with the updated AdminUser. */
export const AdminUserPatch = z
  .object({ role: Role.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((p) => p.role !== undefined || p.disabled !== undefined, { message: 'give role, disabled or both' });
export type AdminUserPatch = z.infer<typeof AdminUserPatch>;
