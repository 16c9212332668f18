/** SQLite follow-ups (migration 007). */
import type { SqliteDb } from '../database';
import type { FollowUpRepository } from '../repositories';
import type { FollowUp } from '../../../src-common/domain';
import { rowOrNull } from './one-row';

interface FollowUpRecord {
  id: string;
  customer_id: string;
  text: string;
  due_at: string | null;
  created_at: string;
  created_by: string;
  created_by_name: string;
  done_at: string | null;
  done_by: string | null;
}

const toFollowUp = (r: FollowUpRecord): FollowUp => ({
  id: r.id,
  customerId: r.customer_id,
  text: r.text,
  dueAt: r.due_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  doneAt: r.done_at,
  doneBy: r.done_by,
});

export function sqliteFollowUps(db: SqliteDb): FollowUpRepository {
  const insert = db.prepare(`INSERT INTO follow_ups (id, customer_id, text, due_at, created_at, created_by, created_by_name, done_at, done_by)
    VALUES (@id, @customerId, @text, @dueAt, @createdAt, @createdBy, @createdByName, @doneAt, @doneBy)`);
  const get = db.prepare<[string], FollowUpRecord>('SELECT * FROM follow_ups WHERE id = ?');
  const markDone = db.prepare('UPDATE follow_ups SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL');
  // ISO-8601 UTC text sorts as time; "due_at IS NULL" puts undated follow-ups after dated ones.
  const openFor = db.prepare<[string], FollowUpRecord>(
    'SELECT * FROM follow_ups WHERE customer_id = ? AND done_at IS NULL ORDER BY due_at IS NULL, due_at, created_at, rowid',
  );
  return {
    insert: (f) => void insert.run(f),
    get: (id) => rowOrNull(get.get(id), toFollowUp),
    markDone: (id, doneBy, at) => void markDone.run(at, doneBy, id),
    openFor: (customerId) => openFor.all(customerId).map(toFollowUp),
  };
}
