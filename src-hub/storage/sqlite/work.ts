/** SQLite work items and offers. */
import type { SqliteDb } from '../database';
import type { OfferOutcome, OfferRepository, OfferRow, WorkItemRepository, WorkItemRow } from '../repositories';
import { WorkTransfer, type Channel, type WorkItemState } from '../../../src-common/domain';
import { rowOrNull } from './one-row';

interface ItemRecord {
  id: string;
  channel: Channel;
  queue_id: string;
  priority: number;
  customer_id: string | null;
  subject: string;
  from_address: string;
  preview: string;
  state: WorkItemState;
  agent_id: string | null;
  created_at: string;
  offered_at: string | null;
  accepted_at: string | null;
  ended_at: string | null;
  completed_at: string | null;
  wrap_up_deadline: string | null;
  disposition: string | null;
  notes: string | null;
  transfer: string | null;
  direction: 'inbound' | 'outbound';
}

/** The stored transfer JSON, validated; a row this version cannot read shows no transfer. */
function parseTransfer(json: string | null): WorkTransfer | undefined {
  if (json === null) return undefined;
  try {
    const parsed = WorkTransfer.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Named parameters for a row: better-sqlite3 wants every one present, the transfer as JSON. */
const toParams = (row: WorkItemRow): Record<string, unknown> => ({ ...row, transfer: row.transfer ? JSON.stringify(row.transfer) : null, direction: row.direction ?? 'inbound' });

const toItem = (r: ItemRecord): WorkItemRow => ({
  id: r.id,
  channel: r.channel,
  queueId: r.queue_id,
  priority: r.priority,
  customerId: r.customer_id,
  subject: r.subject,
  from: r.from_address,
  preview: r.preview,
  state: r.state,
  agentId: r.agent_id,
  createdAt: r.created_at,
  offeredAt: r.offered_at,
  acceptedAt: r.accepted_at,
  endedAt: r.ended_at,
  completedAt: r.completed_at,
  wrapUpDeadline: r.wrap_up_deadline,
  disposition: r.disposition,
  notes: r.notes,
  ...(r.transfer ? { transfer: parseTransfer(r.transfer) } : {}),
  // Inbound stays implicit (WorkItem.direction: absent means inbound).
  ...(r.direction === 'outbound' ? { direction: 'outbound' as const } : {}),
});

export function sqliteWorkItems(db: SqliteDb): WorkItemRepository {
  const columns = `id, channel, queue_id, priority, customer_id, subject, from_address, preview, state, agent_id,
    created_at, offered_at, accepted_at, ended_at, completed_at, wrap_up_deadline, disposition, notes, transfer, direction`;
  const values = `@id, @channel, @queueId, @priority, @customerId, @subject, @from, @preview, @state, @agentId,
    @createdAt, @offeredAt, @acceptedAt, @endedAt, @completedAt, @wrapUpDeadline, @disposition, @notes, @transfer, @direction`;
  const insert = db.prepare(`INSERT INTO work_items (${columns}) VALUES (${values})`);
  const save = db.prepare(`UPDATE work_items SET state = @state, agent_id = @agentId, customer_id = @customerId,
    offered_at = @offeredAt, accepted_at = @acceptedAt, ended_at = @endedAt, completed_at = @completedAt,
    wrap_up_deadline = @wrapUpDeadline, disposition = @disposition, notes = @notes, transfer = @transfer,
    queue_id = @queueId WHERE id = @id`);
  const get = db.prepare<[string], ItemRecord>('SELECT * FROM work_items WHERE id = ?');
  const listOpen = db.prepare<[], ItemRecord>(
    "SELECT * FROM work_items WHERE state NOT IN ('done','abandoned') ORDER BY created_at, id",
  );
  const listHeld = db.prepare<[string], ItemRecord>(
    // The first state term repeats the partial index's condition so SQLite can use it.
    "SELECT * FROM work_items WHERE agent_id = ? AND state NOT IN ('done','abandoned') AND state IN ('accepted','wrap-up') ORDER BY created_at, id",
  );
  return {
    insert: (row) => void insert.run(toParams(row)),
    get: (id) => rowOrNull(get.get(id), toItem),
    save: (row) => void save.run(toParams(row)),
    listOpen: () => listOpen.all().map(toItem),
    listHeldBy: (agentId) => listHeld.all(agentId).map(toItem),
  };
}

interface OfferRecord {
  id: string;
  item_id: string;
  agent_id: string;
  offered_at: string;
  expires_at: string;
  outcome: OfferOutcome | null;
  ended_at: string | null;
}
const toOffer = (r: OfferRecord): OfferRow => ({
  id: r.id,
  itemId: r.item_id,
  agentId: r.agent_id,
  offeredAt: r.offered_at,
  expiresAt: r.expires_at,
  outcome: r.outcome,
  endedAt: r.ended_at,
});

export function sqliteOffers(db: SqliteDb): OfferRepository {
  const insert = db.prepare(`INSERT INTO offers (id, item_id, agent_id, offered_at, expires_at, outcome, ended_at)
    VALUES (@id, @itemId, @agentId, @offeredAt, @expiresAt, @outcome, @endedAt)`);
  const get = db.prepare<[string], OfferRecord>('SELECT * FROM offers WHERE id = ?');
  const end = db.prepare('UPDATE offers SET outcome = ?, ended_at = ? WHERE id = ? AND outcome IS NULL');
  const pending = db.prepare<[], OfferRecord>('SELECT * FROM offers WHERE outcome IS NULL ORDER BY offered_at');
  return {
    insert: (row) => void insert.run(row),
    get: (id) => rowOrNull(get.get(id), toOffer),
    end: (id, outcome, at) => void end.run(outcome, at, id),
    listPending: () => pending.all().map(toOffer),
  };
}
