/**
 * Web chat: visitors (a returning browser is recognised by a signed token naming
 * its visitor id), conversations (one per chat work item) and their messages, numbered per
 * conversation so a reconnecting widget or desktop resumes exactly where it stopped.
 */
import type { Migration } from './migration';

export const migration002Chat: Migration = {
  version: 2,
  name: 'chat',
  up(db) {
    db.exec(`
      CREATE TABLE chat_visitors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        customer_id TEXT REFERENCES customers(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        seen_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE chat_conversations (
        id TEXT PRIMARY KEY,
        visitor_id TEXT NOT NULL REFERENCES chat_visitors(id),
        item_id TEXT NOT NULL UNIQUE REFERENCES work_items(id),
        state TEXT NOT NULL CHECK (state IN ('waiting','active','closed')),
        customer_name TEXT NOT NULL,
        topic TEXT NOT NULL,
        agent_name TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        customer_read_seq INTEGER NOT NULL DEFAULT 0,
        agent_read_seq INTEGER NOT NULL DEFAULT 0,
        closed_by TEXT CHECK (closed_by IN ('customer','agent')),
        created_at TEXT NOT NULL,
        closed_at TEXT
      ) STRICT;
      CREATE INDEX chat_conversations_visitor ON chat_conversations(visitor_id, created_at);

      CREATE TABLE chat_messages (
        conversation_id TEXT NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        client_id TEXT,
        author TEXT NOT NULL CHECK (author IN ('customer','agent','system')),
        author_name TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) STRICT;
      -- A resend with the same client id finds the stored message instead of adding a copy.
      CREATE UNIQUE INDEX chat_messages_client ON chat_messages(conversation_id, author, client_id) WHERE client_id IS NOT NULL;
    `);
  },
};
