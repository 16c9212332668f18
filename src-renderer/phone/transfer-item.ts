/**
 * A call transferred to a colleague becomes that colleague's own work item (their segment):
 * main's 'call.transfer' asks the hub for it (with the note) before the phone sends REFER naming
 * it. Queue and number targets need nothing: a call to a queue number is a new item already.
 */
import type { DesktopApi } from '../../src-common/ipc';
import type { Result } from '../../src-common/result';
import { invokeResult } from '../api/invoke-result';

/** Creates the target agent's item for a transferred call; resolves with its id. */
export type StartTransferItem = (itemId: string, toAgentId: string, note: string) => Promise<Result<{ itemId: string }>>;

export function transferItemThroughMain(api: DesktopApi, randomId: () => string): StartTransferItem {
  // One key per transfer attempt: a retry after a lost answer creates one item, not two.
  return (itemId, toAgentId, note) => invokeResult(api, 'call.transfer', { itemId, toAgentId, note, requestKey: randomId() });
}

/** Whom an attended transfer in progress will hand the caller to, kept until it completes. */
export interface AgentTransferIntent {
  agentId: string;
  note: string;
}
