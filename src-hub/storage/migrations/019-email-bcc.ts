/**
 * A reply's blind copies: kept with the reply so it can be sent again after a crash and shown to
 * the agents of the thread, never written into the mail's headers.
 */
import type { Migration } from './migration';

export const migration019EmailBcc: Migration = {
  version: 19,
  name: 'email-bcc',
  up(db) {
    db.exec(`ALTER TABLE email_messages ADD COLUMN bcc_json TEXT NOT NULL DEFAULT '[]';`);
  },
};
