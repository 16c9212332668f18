/**
 * Files an agent attaches to an email reply: uploaded before the reply is sent (so the reply
 * itself stays a small outbox entry), stored under the data folder like chat files, and named in
 * the reply's attachments by id until the reply goes out.
 */
import type { Migration } from './migration';

export const migration017EmailUploads: Migration = {
  version: 17,
  name: 'email-uploads',
  up(db) {
    db.exec(`
      CREATE TABLE email_uploads (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        file TEXT NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX email_uploads_item ON email_uploads(item_id);
    `);
  },
};
