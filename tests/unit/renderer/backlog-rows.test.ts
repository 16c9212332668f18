/**
 * The backlog table's rows: names in the agent's language, totals and channel breakdowns, and
 * the longest wait across the agent's queues.
 */
import { describe, expect, it } from 'vitest';
import type { QueueBacklog } from '../../../src-common/protocol';
import { backlogRows, backlogTotals } from '../../../src-renderer/format/backlog-rows';

const names: Record<string, string> = { ventas: 'Sales', correo: 'Email', soporte: 'Support' };
const nameOf = (id: string): string => names[id] ?? id;

const backlog: QueueBacklog[] = [
  { queueId: 'ventas', waiting: { voice: 0, chat: 2, email: 0 }, oldestSince: '2026-12-05T10:00:30.000Z' },
  { queueId: 'correo', waiting: { voice: 0, chat: 1, email: 3 }, oldestSince: '2026-12-05T09:58:00.000Z' },
  { queueId: 'soporte', waiting: { voice: 0, chat: 0, email: 0 }, oldestSince: null },
  { queueId: 'nuevo', waiting: { voice: 1, chat: 0, email: 0 }, oldestSince: '2026-12-05T10:01:00.000Z' },
];

describe('backlog rows', () => {
  it('keeps the hub order, names each queue, totals it and lists only channels with work', () => {
    const rows = backlogRows(backlog, nameOf);
    expect(rows.map((r) => [r.name, r.total, r.channels])).toEqual([
      ['Sales', 2, [{ channel: 'chat', count: 2 }]],
      ['Email', 4, [{ channel: 'chat', count: 1 }, { channel: 'email', count: 3 }]],
      ['Support', 0, []],
      // A queue the config does not name yet shows its id rather than nothing.
      ['nuevo', 1, [{ channel: 'voice', count: 1 }]],
    ]);
  });

  it('shows no longest wait for an empty queue, even if the hub sent a moment', () => {
    const rows = backlogRows([{ queueId: 'soporte', waiting: { voice: 0, chat: 0, email: 0 }, oldestSince: '2026-12-05T09:00:00.000Z' }], nameOf);
    expect(rows[0]?.oldestSince).toBeNull();
  });

  it('totals everything waiting and finds the longest wait across queues', () => {
    expect(backlogTotals(backlogRows(backlog, nameOf))).toEqual({ waiting: 7, oldestSince: '2026-12-05T09:58:00.000Z' });
    expect(backlogTotals([])).toEqual({ waiting: 0, oldestSince: null });
  });
});
