/**
 * Email replies being written: saved as the agent types, so a crash, a reload or a lost link
 * gives the text back. One draft per item and per signed-in scope (hub + user).
 */
import type { Migration } from '../migrate';

export const migration5EmailDrafts: Migration = {
  version: 5,
  name: 'email-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE email_drafts (
        scope TEXT NOT NULL,
        item_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        text TEXT NOT NULL,
        cc_text TEXT NOT NULL,
        attachments_json TEXT NOT NULL DEFAULT '[]',
        forward_to_text TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, item_id)
      ) STRICT;
    `);
  },
};
