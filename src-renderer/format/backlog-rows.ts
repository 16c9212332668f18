/**
 * The backlog table's rows from the hub's per-queue backlog: a name in the agent's language,
 * the total waiting, the channels that have work (a queue usually serves one; transfers can
 * mix), and since when the longest-waiting item waits. The hub's queue order is kept so rows
 * do not jump while the agent reads them.
 */
import type { Channel } from '../../src-common/domain';
import type { QueueBacklog } from '../../src-common/protocol';

export interface BacklogRow {
  queueId: string;
  name: string;
  total: number;
  /** Channels with work waiting, in a fixed order; empty when nothing waits. */
  channels: { channel: Channel; count: number }[];
  oldestSince: string | null;
}

const CHANNEL_ORDER: readonly Channel[] = ['voice', 'chat', 'email'];

export function backlogRows(backlog: readonly QueueBacklog[], nameOf: (queueId: string) => string): BacklogRow[] {
  return backlog.map((q) => {
    const channels = CHANNEL_ORDER.flatMap((channel) => (q.waiting[channel] > 0 ? [{ channel, count: q.waiting[channel] }] : []));
    const total = channels.reduce((sum, c) => sum + c.count, 0);
    return { queueId: q.queueId, name: nameOf(q.queueId), total, channels, oldestSince: total > 0 ? q.oldestSince : null };
  });
}

/** Everything waiting across the agent's queues, and since when the longest wait runs. */
export function backlogTotals(rows: readonly BacklogRow[]): { waiting: number; oldestSince: string | null } {
  let oldest: string | null = null;
  for (const row of rows) if (row.oldestSince && (oldest === null || Date.parse(row.oldestSince) < Date.parse(oldest))) oldest = row.oldestSince;
  return { waiting: rows.reduce((sum, r) => sum + r.total, 0), oldestSince: oldest };
}
