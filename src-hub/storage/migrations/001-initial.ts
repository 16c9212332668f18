/**
 * Initial hub schema. All tables STRICT so a wrong type is an error, not silent coercion.
 * Timestamps are ISO-8601 UTC text (sortable, readable in sqlite3).
 */
import type { Migration } from './migration';

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent','supervisor','admin')),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Current presence; 'selected' is what the agent chose, 'state' what others see.
      CREATE TABLE agent_presence (
        agent_id TEXT PRIMARY KEY REFERENCES users(id),
        selected TEXT NOT NULL CHECK (selected IN ('offline','ready','not-ready')),
        reason_code TEXT,
        state TEXT NOT NULL,
        since TEXT NOT NULL,
        idle_since TEXT NOT NULL,
        consecutive_missed INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Every transition, kept for metrics (occupancy, not-ready time by reason).
      CREATE TABLE agent_state_transitions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        agent_id TEXT NOT NULL REFERENCES users(id),
        from_state TEXT,
        to_state TEXT NOT NULL,
        reason_code TEXT,
        cause TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX agent_state_transitions_agent ON agent_state_transitions(agent_id, at);

      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        company TEXT,
        tier TEXT,
        language TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customers_updated ON customers(updated_at, id);

      CREATE TABLE customer_identities (
        kind TEXT NOT NULL CHECK (kind IN ('phone','email','chat')),
        value TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        PRIMARY KEY (kind, value)
      ) STRICT;
      CREATE INDEX customer_identities_customer ON customer_identities(customer_id);

      CREATE TABLE work_items (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (channel IN ('voice','chat','email')),
        queue_id TEXT NOT NULL,
        priority INTEGER NOT NULL,
        customer_id TEXT REFERENCES customers(id),
        subject TEXT NOT NULL,
        from_address TEXT NOT NULL,
        preview TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','offered','accepted','wrap-up','done','abandoned')),
        agent_id TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        offered_at TEXT,
        accepted_at TEXT,
        ended_at TEXT,
        completed_at TEXT,
        wrap_up_deadline TEXT,
        disposition TEXT,
        notes TEXT
      ) STRICT;
      CREATE INDEX work_items_open ON work_items(created_at, id) WHERE state NOT IN ('done','abandoned');
      CREATE INDEX work_items_agent ON work_items(agent_id) WHERE state NOT IN ('done','abandoned');

      CREATE TABLE offers (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES work_items(id),
        agent_id TEXT NOT NULL REFERENCES users(id),
        offered_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        outcome TEXT CHECK (outcome IN ('accepted','declined','expired','cancelled','abandoned')),
        ended_at TEXT
      ) STRICT;
      CREATE INDEX offers_pending ON offers(agent_id) WHERE outcome IS NULL;
      CREATE INDEX offers_item ON offers(item_id);

      CREATE TABLE timeline_entries (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        work_item_id TEXT,
        channel TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound')),
        at TEXT NOT NULL,
        agent_id TEXT,
        agent_name TEXT,
        queue_id TEXT,
        disposition TEXT,
        summary TEXT NOT NULL,
        detail TEXT NOT NULL,
        duration_seconds INTEGER
      ) STRICT;
      CREATE INDEX timeline_entries_customer ON timeline_entries(customer_id, at);

      -- The resumable event stream: seq is global and strictly increasing (AUTOINCREMENT never
      -- reuses a number, even after pruning). audience is a user id or '*' for everyone.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        audience TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_audience ON events(audience, seq);

      -- Small key/value facts about the database itself (e.g. how far events were pruned).
      CREATE TABLE hub_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        op TEXT NOT NULL,
        response TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT;
    `);
  },
};
