/** Building and exposing work item rows: what a new submission stores, what callers get back. */
import type { WorkItem } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import { iso, parseIso } from '../clock';
import type { ItemInit } from '../routing/engine';
import type { WorkItemRow } from '../storage/repositories';

/** What a channel hands the intake; channels reach the center only through intake.ts. */
export interface WorkSubmission {
  channel: WorkItem['channel'];
  queueId: string;
  from: string;
  subject: string;
  preview?: string;
  customerName?: string;
  /** The agent to offer it to first when they can take it (a customer's reply goes back to their agent). */
  preferredAgentId?: string;
}

type QueueConfig = HubConfig['queues'][number];

/** The lifecycle columns of an item nobody has been offered yet (a new item, a call segment). */
export const NOT_STARTED = {
  offeredAt: null,
  acceptedAt: null,
  endedAt: null,
  completedAt: null,
  wrapUpDeadline: null,
  disposition: null,
  notes: null,
} as const satisfies Partial<WorkItemRow>;

/** The stored row of a freshly submitted item: queued, unassigned, at the queue's priority. */
export function queuedItemRow(id: string, sub: WorkSubmission, queue: QueueConfig, customerId: string | null, now: number): WorkItemRow {
  return {
    id,
    channel: sub.channel,
    queueId: queue.id,
    priority: queue.priority,
    customerId,
    subject: sub.subject,
    from: sub.from,
    preview: sub.preview ?? '',
    state: 'queued',
    agentId: null,
    createdAt: iso(now),
    ...NOT_STARTED,
  };
}

/** What routing knows of an item: its queue, priority and arrival time. */
export function routingItemOf(row: WorkItemRow): ItemInit {
  return { id: row.id, channel: row.channel, queueId: row.queueId, priority: row.priority, createdAt: parseIso(row.createdAt) };
}

/** The protocol's WorkItem: the row without the hub's own bookkeeping columns. */
export function workItemOf(row: WorkItemRow): WorkItem {
  const { wrapUpDeadline: _w, completedAt: _c, ...item } = row;
  return item;
}
