/**
 * Administration routes' roles. Each desktop op names its roles in the op table
 * (src-common/hub-ops.ts, checked by roleMayRun on every request); ownership (an agent acts
 * only on their own offers and items) is checked by the contact center on top of that.
 */
import type { Role } from '../../src-common/domain';

/** Lab intake and other administration. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];
