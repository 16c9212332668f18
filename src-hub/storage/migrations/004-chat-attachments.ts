/**
 * Chat attachments: the file's metadata and its generated file name under the hub's
 * data directory (never the sender's name, never a served folder); a message points at the
 * attachment it carries.
 */
import type { Migration } from './migration';

export const migration004ChatAttachments: Migration = {
  version: 4,
  name: 'chat-attachments',
  up(db) {
    db.exec(`
      CREATE TABLE chat_attachments (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
        file TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        uploaded_by TEXT NOT NULL CHECK (uploaded_by IN ('customer','agent')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX chat_attachments_conversation ON chat_attachments(conversation_id);
      ALTER TABLE chat_messages ADD COLUMN attachment_id TEXT REFERENCES chat_attachments(id);
    `);
  },
};
