/** SQLite customers, identities and timelines. */
import type { SqliteDb } from '../database';
import type { CustomerPage, CustomerRepository } from '../repositories';
import { sqliteFollowUps } from './follow-ups';
import type { Channel, Customer, CustomerIdentity, IdentityKind, TimelineEntry } from '../../../src-common/domain';
import { rowOrNull } from './one-row';
import { nameSearchKey } from '../../../src-common/customer-search';

interface CustomerRecord {
  id: string;
  name: string;
  company: string | null;
  tier: string | null;
  language: string | null;
  tags: string;
  updated_at: string;
}
interface TimelineRecord {
  id: string;
  customer_id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  at: string;
  agent_id: string | null;
  agent_name: string | null;
  queue_id: string | null;
  disposition: string | null;
  summary: string;
  detail: string;
  duration_seconds: number | null;
  kind: 'interaction' | 'note';
  outcome: 'missed' | null;
  call_back: string | null;
  mos_average: number | null;
  mos_min: number | null;
  main_problem: string | null;
}

/** Cursor = base64url of [updatedAt, id]: opaque to clients, stable under concurrent edits. */
export function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

function parseTags(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
}

export function sqliteCustomers(db: SqliteDb): CustomerRepository {
  const insert = db.prepare(`INSERT INTO customers (id, name, name_key, company, tier, language, tags, updated_at)
    VALUES (@id, @name, @nameKey, @company, @tier, @language, @tags, @updatedAt)`);
  const byNameKey = db.prepare<[string, number], CustomerRecord>(
    "SELECT * FROM customers WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key, id LIMIT ?",
  );
  const insertIdentity = db.prepare('INSERT OR IGNORE INTO customer_identities (kind, value, customer_id) VALUES (?, ?, ?)');
  const get = db.prepare<[string], CustomerRecord>('SELECT * FROM customers WHERE id = ?');
  const identitiesOf = db.prepare<[string], { kind: IdentityKind; value: string }>(
    'SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY kind, value',
  );
  const byIdentity = db.prepare<[string, string], { customer_id: string }>(
    'SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?',
  );
  const touch = db.prepare('UPDATE customers SET updated_at = ? WHERE id = ?');
  const firstPage = db.prepare<[number], CustomerRecord>('SELECT * FROM customers ORDER BY updated_at, id LIMIT ?');
  const nextPage = db.prepare<[string, string, string, number], CustomerRecord>(
    'SELECT * FROM customers WHERE updated_at > ? OR (updated_at = ? AND id > ?) ORDER BY updated_at, id LIMIT ?',
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM customers');
  const addEntry = db.prepare(`INSERT OR REPLACE INTO timeline_entries (id, customer_id, work_item_id, channel, direction, at,
    agent_id, agent_name, queue_id, disposition, summary, detail, duration_seconds, kind, outcome, call_back)
    VALUES (@id, @customerId, @workItemId, @channel, @direction, @at, @agentId, @agentName, @queueId, @disposition,
    @summary, @detail, @durationSeconds, @kind, @outcome, @callBack)`);
  const timeline = db.prepare<[string], TimelineRecord>(`SELECT t.*, q.mos_average, q.mos_min, q.main_problem FROM timeline_entries t
    LEFT JOIN call_quality q ON q.item_id = t.work_item_id WHERE t.customer_id = ? ORDER BY t.at DESC, t.id`);

  const toCustomer = (r: CustomerRecord): Customer => ({
    id: r.id,
    name: r.name,
    company: r.company,
    tier: r.tier,
    language: r.language,
    tags: parseTags(r.tags),
    identities: identitiesOf.all(r.id).map((i): CustomerIdentity => ({ kind: i.kind, value: i.value })),
    updatedAt: r.updated_at,
  });

  return {
    insert(c) {
      insert.run({ id: c.id, name: c.name, nameKey: nameSearchKey(c.name), company: c.company, tier: c.tier, language: c.language, tags: JSON.stringify(c.tags), updatedAt: c.updatedAt });
      for (const i of c.identities) insertIdentity.run(i.kind, i.value, c.id);
    },
    get: (id) => rowOrNull(get.get(id), toCustomer),
    findByIdentity(identity) {
      const hit = byIdentity.get(identity.kind, identity.value);
      return rowOrNull(hit ? get.get(hit.customer_id) : undefined, toCustomer);
    },
    touch: (id, at) => void touch.run(at, id),
    searchByName: (pattern, limit) => byNameKey.all(pattern, limit).map(toCustomer),
    page(after, limit): CustomerPage {
      const cursor = after ? decodeCursor(after) : null;
      const rows = cursor ? nextPage.all(cursor[0], cursor[0], cursor[1], limit) : firstPage.all(limit);
      const last = rows.at(-1);
      return { customers: rows.map(toCustomer), next: rows.length === limit && last ? encodeCursor(last.updated_at, last.id) : null };
    },
    count: () => count.get()?.n ?? 0,
    followUps: sqliteFollowUps(db),
    addTimelineEntry: (e) => void addEntry.run({ ...e, kind: e.kind ?? 'interaction', outcome: e.outcome ?? null, callBack: e.callBack ?? null }),
    timeline: (customerId) =>
      timeline.all(customerId).map(
        (r): TimelineEntry => ({
          id: r.id,
          customerId: r.customer_id,
          channel: r.channel,
          direction: r.direction,
          at: r.at,
          agentId: r.agent_id,
          agentName: r.agent_name,
          queueId: r.queue_id,
          disposition: r.disposition,
          summary: r.summary,
          detail: r.detail,
          durationSeconds: r.duration_seconds,
          ...(r.kind === 'note' ? { kind: 'note' as const } : {}),
          ...(r.outcome === 'missed' ? { outcome: 'missed' as const, ...(r.call_back ? { callBack: r.call_back } : {}) } : {}),
          ...(r.mos_average !== null && r.mos_min !== null && r.main_problem !== null ? { callQuality: { mosAverage: r.mos_average, mosMin: r.mos_min, mainProblem: r.main_problem } } : {}),
        }),
      ),
  };
}
