/**
 * Which role may do what. Checked by the hub for every request, whatever the desktop shows;
 * ownership (an agent acts only on their own offers and items) is checked by the contact
 * center on top of this.
 */
import type { Role } from '../../src-common/domain';
import type { HubOpName } from '../../src-common/protocol';

const WORKERS: readonly Role[] = ['agent', 'supervisor'];
const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'admin'];

export const OP_ROLES: Record<HubOpName, readonly Role[]> = {
  setState: WORKERS,
  acceptOffer: WORKERS,
  declineOffer: WORKERS,
  endWork: WORKERS,
  wrapUp: WORKERS,
  getCustomer: EVERYONE,
  findCustomer: EVERYONE,
  syncCustomers: EVERYONE,
  sendChatMessage: WORKERS,
  chatTyping: WORKERS,
  markChatRead: WORKERS,
  getChatTranscript: WORKERS,
  transferWork: WORKERS,
  transferCall: WORKERS,
  addCustomerNote: WORKERS,
  addFollowUp: WORKERS,
  completeFollowUp: WORKERS,
  startOutboundCall: WORKERS,
  reportReadiness: WORKERS,
  searchCustomers: EVERYONE,
  // Each entry is checked again against its own op.
  deliverOutbox: WORKERS,
  sendEmailReply: WORKERS,
  getEmailThread: WORKERS,
};

/** Lab intake and other administration. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

export function mayRun(role: Role, op: HubOpName): boolean {
  return OP_ROLES[op].includes(role);
}
