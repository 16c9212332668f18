/**
 * Supervision: the audit log of what supervisors and administrators did to agents and work
 * (and what they were refused), and an index that lets the dashboard count a queue's items of
 * the day without reading the whole history.
 */
import type { Migration } from './migration';

export const migration012Supervision: Migration = {
  version: 12,
  name: 'supervision',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_role TEXT NOT NULL CHECK (actor_role IN ('agent','supervisor','admin')),
        action TEXT NOT NULL,
        target_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('done','refused')),
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX work_items_by_queue_day ON work_items(queue_id, created_at);
    `);
  },
};
