/**
 * Which role may do what. Each desktop op names its roles in the op table
 * (src-common/hub-ops.ts); the hub checks them on every request, whatever the desktop shows.
 * Ownership (an agent acts only on their own offers and items) is checked by the contact
 * center on top of this.
 */
import type { Role } from '../../src-common/domain';
import { roleMayRun, type HubOpName } from '../../src-common/protocol';

/** Lab intake and other administration. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

export function mayRun(role: Role, op: HubOpName): boolean {
  return roleMayRun(role, op);
}
