/**
 * Open follow-ups on a customer: something an agent promised to do ("call back
 * Monday"), open until someone marks it done. Kept apart from the timeline because it changes
 * state (open → done) while timeline entries never do. The partial index serves the one hot
 * query, "open follow-ups of this customer, oldest due first".
 */
import type { Migration } from './migration';

export const migration007FollowUps: Migration = {
  version: 7,
  name: 'follow-ups',
  up(db) {
    db.exec(`
      CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        due_at TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        done_at TEXT,
        done_by TEXT
      ) STRICT;
      CREATE INDEX follow_ups_open_by_customer ON follow_ups(customer_id, due_at, created_at) WHERE done_at IS NULL;
    `);
  },
};
