/**
 * A finished call's quality, as the agent's phone measured it: kept per work item for the
 * supervisor's agent list (last call) and the customer's timeline. Only the agent who held the
 * call reports it; a repeated report (an outbox replay) replaces the first.
 */
import type { CallQualitySummary } from '../../src-common/call-quality';
import { err, ok, type Result } from '../../src-common/result';
import type { HubStore } from '../storage/repositories';

export function recordCallQuality(store: HubStore, agentId: string, summary: CallQualitySummary, at: string): Result<null> {
  const item = store.items.get(summary.itemId);
  if (!item || item.channel !== 'voice') return err('not-found', 'This call has no work item.');
  if (item.agentId !== agentId) return err('forbidden', 'This call was another agent’s.');
  store.supervision.saveCallQuality(summary, agentId, at);
  return ok(null);
}
