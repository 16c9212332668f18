/** Opens (and migrates) the hub's SQLite database and exposes it as a HubStore. */
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { HUB_MIGRATIONS } from '../migrations';
import type { HubStore } from '../repositories';
import { err, ok, type Result } from '../../../src-common/result';
import { sqlitePresence, sqliteUsers } from './agents';
import { sqliteOffers, sqliteWorkItems } from './work';
import { sqliteCustomers } from './customers';
import { sqliteEvents, sqliteIdempotency } from './events';
import { sqliteChat } from './chat';
import { sqliteVoiceCalls } from './voice-calls';
import { sqliteSessions } from './sessions';
import { sqliteEmail } from './email';
import { sqliteSupervision } from './supervision';

const CHECKPOINT_INTERVAL_MS = 1_000;

export function openSqliteStore(file: string): Result<HubStore> {
  let db;
  try {
    db = openDatabase(file);
  } catch (cause) {
    return err('unavailable', `Cannot open the hub database ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const migrated = migrate(db, HUB_MIGRATIONS);
  if (!migrated.ok) {
    db.close();
    return migrated;
  }
  const database = db;
  // Checkpoints copy the WAL back into the database file and fsync; left to SQLite they run
  // inside whichever commit crosses 1,000 pages, adding 10-20 ms to that one action (an offer,
  // an accept). Here they run on a timer between actions instead, so an action's latency is its
  // own work. PASSIVE never waits for readers; what it cannot copy now it copies next time.
  database.pragma('wal_autocheckpoint = 0');
  const checkpoints = setInterval(() => {
    if (database.open) database.pragma('wal_checkpoint(PASSIVE)');
  }, CHECKPOINT_INTERVAL_MS);
  checkpoints.unref();
  return ok({
    users: sqliteUsers(database),
    presence: sqlitePresence(database),
    items: sqliteWorkItems(database),
    offers: sqliteOffers(database),
    customers: sqliteCustomers(database),
    events: sqliteEvents(database),
    idempotency: sqliteIdempotency(database),
    chat: sqliteChat(database),
    voiceCalls: sqliteVoiceCalls(database),
    sessions: sqliteSessions(database),
    email: sqliteEmail(database),
    supervision: sqliteSupervision(database),
    transaction: <T>(fn: () => T): T => database.transaction(fn)(),
    close: () => {
      clearInterval(checkpoints);
      if (database.open) {
        database.pragma('wal_checkpoint(TRUNCATE)');
        database.close();
      }
    },
  });
}
