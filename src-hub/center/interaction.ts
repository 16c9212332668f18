/** A finished work item as the customer's timeline shows it. */
import type { TimelineEntry } from '../../src-common/domain';
import { parseIso } from '../clock';
import type { WorkItemRow } from '../storage/repositories';

export function interactionEntry(done: WorkItemRow & { customerId: string }, agentName: string | null): TimelineEntry {
  const startedAt = done.acceptedAt ?? done.createdAt;
  return {
    id: `tl-${done.id}`,
    customerId: done.customerId,
    channel: done.channel,
    direction: done.direction ?? 'inbound',
    at: startedAt,
    agentId: done.agentId,
    agentName,
    queueId: done.queueId,
    disposition: done.disposition,
    summary: done.subject.slice(0, 500),
    // What the customer said first, then the agent's notes: the next agent reads both. A
    // transferred call's segment starts with the hand-over note (a chat has it in its transcript).
    detail: [transferLine(done), done.preview, done.notes].filter(Boolean).join('\n\n'),
    durationSeconds: done.endedAt ? Math.max(0, Math.round((parseIso(done.endedAt) - parseIso(startedAt)) / 1000)) : null,
    // Nobody answered: the entry says so, and offers the number back (a call's `from`).
    ...(done.state === 'abandoned' ? { outcome: 'missed' as const, ...(done.channel === 'voice' && done.from ? { callBack: done.from.slice(0, 200) } : {}) } : {}),
  };
}

/** "↪ Ana Martín: <note>" for a call segment someone transferred; language-neutral on purpose. */
function transferLine(done: WorkItemRow): string | null {
  if (done.channel !== 'voice' || !done.transfer) return null;
  return done.transfer.note ? `↪ ${done.transfer.fromAgentName}: ${done.transfer.note}` : `↪ ${done.transfer.fromAgentName}`;
}
