/** SQLite event log (the resumable stream) and idempotency keys. */
import type { SqliteDb } from '../database';
import type { EventRepository, IdempotencyRepository, StoredEvent } from '../repositories';
import { HubEvent } from '../../../src-common/protocol';

const PRUNED_KEY = 'events_pruned_through';

export function sqliteEvents(db: SqliteDb): EventRepository {
  const append = db.prepare('INSERT INTO events (at, audience, body) VALUES (?, ?, ?)');
  const since = db.prepare<[number, string], { seq: number; at: string; body: string }>(
    "SELECT seq, at, body FROM events WHERE seq > ? AND (audience = ? OR audience = '*') ORDER BY seq",
  );
  const head = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'");
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM hub_meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO hub_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const maxPrunable = db.prepare<[string, number], { seq: number | null }>(
    'SELECT MAX(seq) AS seq FROM events WHERE at < ? OR seq <= ?',
  );
  const deleteThrough = db.prepare('DELETE FROM events WHERE seq <= ?');

  const prunedThrough = (): number => Number(getMeta.get(PRUNED_KEY)?.value ?? 0);
  return {
    append: (audience, at, event) => Number(append.run(at, audience, JSON.stringify(event)).lastInsertRowid),
    // A row of a kind the stream no longer carries (typing flags, now live updates) is skipped:
    // what it said is stale by the time anyone resumes past it.
    since: (userId, seq) =>
      since.all(seq, userId).flatMap((r): StoredEvent[] => {
        const event = HubEvent.safeParse(JSON.parse(r.body));
        return event.success ? [{ seq: r.seq, at: r.at, event: event.data }] : [];
      }),
    headSeq: () => head.get()?.seq ?? 0,
    prunedThrough,
    prune(olderThan, keepLast) {
      const headSeq = head.get()?.seq ?? 0;
      // Prune a prefix only, so "resume from N" stays answerable exactly for N >= prunedThrough.
      const through = maxPrunable.get(olderThan, headSeq - keepLast)?.seq ?? null;
      if (through === null || through <= prunedThrough()) return 0;
      const removed = deleteThrough.run(through).changes;
      setMeta.run(PRUNED_KEY, String(through));
      return removed;
    },
  };
}

export function sqliteIdempotency(db: SqliteDb): IdempotencyRepository {
  const get = db.prepare<[string, string], { op: string; response: string }>('SELECT op, response FROM idempotency_keys WHERE user_id = ? AND key = ?');
  const put = db.prepare('INSERT OR IGNORE INTO idempotency_keys (user_id, key, op, response, at) VALUES (?, ?, ?, ?, ?)');
  const prune = db.prepare('DELETE FROM idempotency_keys WHERE at < ?');
  return {
    get: (userId, key) => get.get(userId, key) ?? null,
    put: (userId, key, op, response, at) => void put.run(userId, key, op, response, at),
    prune: (olderThan) => void prune.run(olderThan),
  };
}
