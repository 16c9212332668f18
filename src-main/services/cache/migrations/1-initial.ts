/**
 * First cache schema. JSON columns hold zod-validated domain objects as the hub sent them;
 * the columns beside them exist only for lookups and ordering.
 */
import type { Migration } from '../migrate';

export const migration1Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE identities (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        PRIMARY KEY (kind, value)
      ) STRICT;
      CREATE INDEX identities_customer ON identities(customer_id);
      CREATE TABLE timeline_entries (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX timeline_by_customer ON timeline_entries(customer_id, at);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL,
        op TEXT NOT NULL,
        params TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX outbox_by_scope ON outbox(scope, seq);
      CREATE TABLE session_state (
        scope TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
