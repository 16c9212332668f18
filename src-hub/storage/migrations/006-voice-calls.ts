/**
 * Voice: the routing API's Call-ID → work item map survives a hub restart, so a SIP
 * server asking again about a caller who waits in queue gets that caller's item (never a second
 * one, never an error). Failed offers are kept per call: an offer whose ring ended unanswered is
 * never rung again.
 */
import type { Migration } from './migration';

export const migration006VoiceCalls: Migration = {
  version: 6,
  name: 'voice-calls',
  up(db) {
    db.exec(`
      CREATE TABLE voice_calls (
        call_id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL UNIQUE REFERENCES work_items(id),
        failed_offers TEXT NOT NULL DEFAULT '[]',
        first_seen_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX voice_calls_first_seen ON voice_calls(first_seen_at);
    `);
  },
};
