/**
 * An outbox entry the hub refused for good is kept, not deleted: the agent sees it as "not
 * sent" with the hub's reason and its text, and copies, retries or discards it. Pending entries
 * keep status 'pending'.
 */
import type { Migration } from '../migrate';

export const migration3OutboxRefused: Migration = {
  version: 3,
  name: 'outbox-refused',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'refused'));
      ALTER TABLE outbox ADD COLUMN refused_code TEXT;
      ALTER TABLE outbox ADD COLUMN refused_message TEXT;
      ALTER TABLE outbox ADD COLUMN refused_at TEXT;
    `);
  },
};
