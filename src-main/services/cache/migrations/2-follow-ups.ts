/**
 * Open follow-ups of a cached customer, so the context panel shows them offline.
 * Like the timeline: the hub's zod-validated object as JSON, plus the columns used to find
 * and order it ("oldest due first", undated last).
 */
import type { Migration } from '../migrate';

export const migration2FollowUps: Migration = {
  version: 2,
  name: 'follow-ups',
  up(db) {
    db.exec(`
      CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        due_at TEXT,
        created_at TEXT NOT NULL,
        json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX follow_ups_by_customer ON follow_ups(customer_id);
    `);
  },
};
