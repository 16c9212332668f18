/** SQLite voice calls (migration 006): the routing API's Call-ID → work item map. */
import type { SqliteDb } from '../database';
import type { VoiceCallRepository, VoiceCallRow } from '../repositories';
import { rowOrNull } from './one-row';

interface VoiceCallRecord {
  call_id: string;
  item_id: string;
  failed_offers: string;
  first_seen_at: number;
}

function failedOffersOf(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

const toRow = (r: VoiceCallRecord): VoiceCallRow => ({ callId: r.call_id, itemId: r.item_id, failedOffers: failedOffersOf(r.failed_offers), firstSeenAt: r.first_seen_at });

export function sqliteVoiceCalls(db: SqliteDb): VoiceCallRepository {
  const get = db.prepare<[string], VoiceCallRecord>('SELECT * FROM voice_calls WHERE call_id = ?');
  const byItem = db.prepare<[string], VoiceCallRecord>('SELECT * FROM voice_calls WHERE item_id = ?');
  const insert = db.prepare('INSERT INTO voice_calls (call_id, item_id, failed_offers, first_seen_at) VALUES (?, ?, ?, ?)');
  const setFailed = db.prepare('UPDATE voice_calls SET failed_offers = ? WHERE call_id = ?');
  const old = db.prepare<[number], { item_id: string }>('SELECT item_id FROM voice_calls WHERE first_seen_at < ?');
  const forget = db.prepare('DELETE FROM voice_calls WHERE first_seen_at < ?');
  return {
    get: (callId) => rowOrNull(get.get(callId), toRow),
    byItem: (itemId) => rowOrNull(byItem.get(itemId), toRow),
    insert: (row) => void insert.run(row.callId, row.itemId, JSON.stringify(row.failedOffers), row.firstSeenAt),
    addFailedOffer: (callId, offerId) => {
      const r = get.get(callId);
      if (!r) return;
      const failed = failedOffersOf(r.failed_offers);
      if (!failed.includes(offerId)) setFailed.run(JSON.stringify([...failed, offerId]), callId);
    },
    forgetBefore: (before) => {
      const items = old.all(before).map((r) => r.item_id);
      if (items.length > 0) forget.run(before);
      return items;
    },
  };
}
