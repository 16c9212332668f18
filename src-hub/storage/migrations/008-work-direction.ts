/**
 * Outbound calls: a work item remembers whether the customer reached us or the agent
 * placed the call from the desktop, so the timeline entry written at wrap-up says which.
 * Existing rows were all inbound.
 */
import type { Migration } from './migration';

export const migration008WorkDirection: Migration = {
  version: 8,
  name: 'work-direction',
  up(db) {
    db.exec(`ALTER TABLE work_items ADD COLUMN direction TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound','outbound'));`);
  },
};
