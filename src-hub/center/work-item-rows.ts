/** Building and exposing work item rows: what a new submission stores, what callers get back. */
import type { WorkItem } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import { iso } from '../clock';
import type { WorkItemRow } from '../storage/repositories';

/** What a channel hands the intake; channels reach the center only through intake.ts. */
export interface WorkSubmission {
  channel: WorkItem['channel'];
  queueId: string;
  from: string;
  subject: string;
  preview?: string;
  customerName?: string;
}

type QueueConfig = HubConfig['queues'][number];

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
    offeredAt: null,
    acceptedAt: null,
    endedAt: null,
    completedAt: null,
    wrapUpDeadline: null,
    disposition: null,
    notes: null,
  };
}

/** The protocol's WorkItem: the row without the hub's own bookkeeping columns. */
export function workItemOf(row: WorkItemRow): WorkItem {
  const { wrapUpDeadline: _w, completedAt: _c, ...item } = row;
  return item;
}
