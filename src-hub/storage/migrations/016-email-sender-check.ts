/**
 * Each incoming mail keeps its sender check (DKIM, SPF, DMARC: verified, could not verify,
 * failed) and whether it claimed the address of a customer we already knew without passing it,
 * so the agent reading it later sees the same warning as the agent it was offered to.
 */
import type { Migration } from './migration';

export const migration016EmailSenderCheck: Migration = {
  version: 16,
  name: 'email-sender-check',
  up(db) {
    db.exec(`
      ALTER TABLE email_messages ADD COLUMN sender_check TEXT;
      ALTER TABLE email_messages ADD COLUMN claims_known_customer INTEGER NOT NULL DEFAULT 0 CHECK (claims_known_customer IN (0, 1));
    `);
  },
};
