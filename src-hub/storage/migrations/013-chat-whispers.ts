/**
 * Supervisors' whispers to the agent in a chat. Kept in their own table, not among the chat's
 * messages: everything that serves the customer (widget frames, resume, transcript email) reads
 * chat_messages only, so a whisper cannot reach the customer by any of those paths.
 */
import type { Migration } from './migration';

export const migration013ChatWhispers: Migration = {
  version: 13,
  name: 'chat-whispers',
  up(db) {
    db.exec(`
      CREATE TABLE chat_whispers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX chat_whispers_client ON chat_whispers(conversation_id, author_id, client_id);
      CREATE INDEX chat_whispers_by_conversation ON chat_whispers(conversation_id, id);
    `);
  },
};
