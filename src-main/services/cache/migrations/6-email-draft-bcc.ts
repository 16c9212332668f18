/** A draft's blind copies, as typed, beside its CC. */
import type { Migration } from '../migrate';

export const migration6EmailDraftBcc: Migration = {
  version: 6,
  name: 'email-draft-bcc',
  up(db) {
    db.exec(`ALTER TABLE email_drafts ADD COLUMN bcc_text TEXT NOT NULL DEFAULT '';`);
  },
};
