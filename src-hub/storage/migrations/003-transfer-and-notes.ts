/**
 * Chat agent features: a work item remembers its latest transfer (who, when, to whom,
 * the note for the next agent) as a zod-validated JSON column, and timeline entries gain a kind
 * so an agent's note on a customer sits in the same timeline as the interactions.
 */
import type { Migration } from './migration';

export const migration003TransferAndNotes: Migration = {
  version: 3,
  name: 'transfer-and-notes',
  up(db) {
    db.exec(`
      ALTER TABLE work_items ADD COLUMN transfer TEXT;
      ALTER TABLE timeline_entries ADD COLUMN kind TEXT NOT NULL DEFAULT 'interaction' CHECK (kind IN ('interaction','note'));
    `);
  },
};
