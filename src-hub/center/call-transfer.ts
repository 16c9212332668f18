/**
 * Transferring a phone call to another agent ("segments"): unlike a chat transfer, the agent's
 * call item is not handed over. The phone call leaves the agent's phone (REFER), so the
 * transferring agent's item ends and is wrapped up as their segment, while the transfer target
 * gets a NEW voice item for the same customer, carrying the transfer record (who, note) and
 * offered to that agent only. The SIP server stamps that item's id on the transferee's new
 * INVITE (X-Centralita-Item), so the target's phone rings with the item and answering accepts it;
 * hanging up and wrapping up gives the customer's timeline a second entry: the target's segment.
 */
import type { WorkTransfer } from '../../src-common/domain';
import { err, ok, type Result } from '../../src-common/result';
import { iso } from '../clock';
import type { WorkItemRow } from '../storage/repositories';
import { checkTarget, offerDirectly, type TransferPorts } from './transfer';
import { NOT_STARTED } from './work-item-rows';

export interface CallTransferPorts extends Omit<TransferPorts, 'refreshPresence' | 'dispatch'> {
  newItemId: () => string;
}

/** Creates the target agent's item for a call being transferred to them; the caller's item stays as it is. */
export function transferCallSegment(ports: CallTransferPorts, userId: string, itemId: string, toAgentId: string, note: string): Result<{ itemId: string }> {
  const { store, config, now } = ports;
  const item = store.items.get(itemId);
  if (!item) return err('not-found', 'This work item does not exist.');
  if (item.agentId !== userId) return err('forbidden', 'This work item is assigned to another agent.');
  if (item.channel !== 'voice') return err('bad-request', 'Only calls are transferred this way; use transferWork for other work.');
  if (item.state !== 'accepted') return err('conflict', 'Only a call in progress can be transferred.');

  const checked = checkTarget(ports, item, userId, { kind: 'agent', agentId: toAgentId });
  if (!checked.ok) {
    // The target's name, said plainly: the agent decides whether to try someone else or a queue.
    if (checked.error.code !== 'conflict') return checked;
    const name = config.users.find((u) => u.id === toAgentId)?.displayName ?? toAgentId;
    return err('conflict', `${name} cannot take the call right now.`);
  }

  const at = iso(now);
  const from = store.users.byId(userId);
  const transfer: WorkTransfer = { fromAgentId: userId, fromAgentName: from?.displayName ?? userId, at, toAgentId, toQueueId: item.queueId, note };
  const row: WorkItemRow = {
    ...item,
    ...NOT_STARTED,
    id: ports.newItemId(),
    state: 'offered',
    agentId: toAgentId,
    // The segment starts now; the caller's own wait is in the first item.
    createdAt: at,
    offeredAt: at,
    transfer,
  };
  store.items.insert(row);
  offerDirectly(ports, row, toAgentId);
  return ok({ itemId: row.id });
}
