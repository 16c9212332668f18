/**
 * The email channel. Every message is stored raw before anything else happens to it, keyed by
 * mailbox + UIDVALIDITY + UID, so a crash between storing and flagging on the server never
 * takes it twice, and a message the parser cannot read is still kept. Message-ID is indexed to
 * refuse the same mail arriving again (a second copy, a mailbox renumbered by UIDVALIDITY).
 * Outgoing replies live in the same table with their Message-ID fixed before the first try and
 * a unique (thread, client key), so a retried request never makes a second mail.
 */
import type { Migration } from './migration';

export const migration011Email: Migration = {
  version: 11,
  name: 'email',
  up(db) {
    db.exec(`
      CREATE TABLE email_threads (
        id TEXT PRIMARY KEY,
        mailbox_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        customer_id TEXT REFERENCES customers(id) ON DELETE SET NULL,
        customer_address TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        current_item_id TEXT REFERENCES work_items(id),
        last_agent_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX email_threads_by_item ON email_threads(current_item_id);

      CREATE TABLE email_messages (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        mailbox_id TEXT NOT NULL,
        uid_validity TEXT,
        uid INTEGER,
        message_id TEXT NOT NULL,
        thread_id TEXT REFERENCES email_threads(id),
        item_id TEXT,
        raw BLOB,
        from_address TEXT NOT NULL DEFAULT '',
        to_json TEXT NOT NULL DEFAULT '[]',
        cc_json TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL DEFAULT '',
        text_body TEXT NOT NULL DEFAULT '',
        html_body TEXT,
        in_reply_to TEXT,
        references_json TEXT NOT NULL DEFAULT '[]',
        attachments_json TEXT NOT NULL DEFAULT '[]',
        warning TEXT,
        automated TEXT,
        state TEXT NOT NULL CHECK (state IN ('stored', 'processed', 'duplicate', 'queued', 'sending', 'sent', 'failed')),
        client_id TEXT,
        author_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX email_messages_by_uid ON email_messages(mailbox_id, uid_validity, uid) WHERE direction = 'in';
      CREATE INDEX email_messages_by_message_id ON email_messages(message_id);
      CREATE INDEX email_messages_by_thread ON email_messages(thread_id, created_at);
      CREATE UNIQUE INDEX email_replies_by_client ON email_messages(thread_id, client_id) WHERE direction = 'out';
      CREATE INDEX email_messages_pending ON email_messages(state) WHERE state IN ('stored', 'queued', 'sending');
    `);
  },
};
