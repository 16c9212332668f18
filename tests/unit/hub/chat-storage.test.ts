/** Migrations 002 (web chat) and 003 (transfers, notes) on a real SQLite file: STRICT tables, per-conversation numbering, query plans. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../../src-hub/storage/database';
import { migrate, schemaVersion } from '../../../src-hub/storage/migrate';
import { HUB_MIGRATIONS } from '../../../src-hub/storage/migrations';
import { sqliteChat } from '../../../src-hub/storage/sqlite/chat';
import { sqliteCustomers } from '../../../src-hub/storage/sqlite/customers';
import { sqliteWorkItems } from '../../../src-hub/storage/sqlite/work';

const open: SqliteDb[] = [];
const dirs: string[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function migratedDb(): SqliteDb {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-chat-db-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'hub.db'));
  open.push(db);
  const result = migrate(db, HUB_MIGRATIONS);
  if (!result.ok) throw new Error(result.error.message);
  return db;
}

const AT = '2026-11-25T10:00:00.000Z';

function seedConversation(db: SqliteDb): ReturnType<typeof sqliteChat> {
  db.exec(`INSERT INTO work_items (id, channel, queue_id, priority, subject, from_address, preview, state, created_at)
           VALUES ('wi-1', 'chat', 'ventas', 1, 's', 'v-x', '', 'queued', '${AT}')`);
  const chat = sqliteChat(db);
  chat.saveVisitor({ id: 'v-1', name: 'María', email: '', phone: '', customerId: null, createdAt: AT, seenAt: AT });
  chat.insertConversation({
    id: 'chat-1', visitorId: 'v-1', itemId: 'wi-1', state: 'waiting', customerName: 'María', topic: 'ventas', agentName: null,
    lastSeq: 0, customerReadSeq: 0, agentReadSeq: 0, closedBy: null, createdAt: AT, closedAt: null,
  });
  return chat;
}

describe('chat storage (migration 002)', () => {
  it('upgrades a version-1 database to the latest schema with STRICT chat tables', () => {
    const db = migratedDb();
    expect(schemaVersion(db)).toBe(HUB_MIGRATIONS.at(-1)?.version);
    const strict = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE name LIKE 'chat_%' ORDER BY name").all();
    expect(strict).toEqual([
      { name: 'chat_attachments', strict: 1 },
      { name: 'chat_conversations', strict: 1 },
      { name: 'chat_messages', strict: 1 },
      { name: 'chat_visitors', strict: 1 },
      { name: 'chat_whispers', strict: 1 },
    ]);
    // STRICT: a wrong type is an error, not a silent coercion.
    expect(() =>
      db.prepare("INSERT INTO chat_messages (conversation_id, seq, author, author_name, text, at) VALUES ('c', 'second', 'customer', 'x', 'y', 'z')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('numbers messages 1, 2, 3 per conversation and finds a resent client id', () => {
    const chat = seedConversation(migratedDb());
    const texts = ['hola', 'quería preguntar', 'gracias'];
    const stored = texts.map((text, i) => chat.appendMessage('chat-1', { clientId: `client-${i}-abcd`, author: 'customer', authorName: 'María', text, at: AT }));
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(chat.conversation('chat-1')?.lastSeq).toBe(3);
    expect(chat.messagesAfter('chat-1', 1).map((m) => m.text)).toEqual(['quería preguntar', 'gracias']);
    expect(chat.messageByClientId('chat-1', 'customer', 'client-1-abcd')?.seq).toBe(2);
    expect(() => chat.appendMessage('chat-1', { clientId: 'client-1-abcd', author: 'customer', authorName: 'María', text: 'copia', at: AT })).toThrow(/UNIQUE/);
  });

  it('answers the hot chat queries from indexes', () => {
    const db = migratedDb();
    const plan = (q: string): string => db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${q}`).all().map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM chat_messages WHERE conversation_id = 'c' AND seq > 3 ORDER BY seq")).toMatch(/USING (INDEX|PRIMARY KEY)/);
    expect(plan("SELECT * FROM chat_messages WHERE conversation_id = 'c' AND author = 'agent' AND client_id = 'x'")).toContain('chat_messages_client');
    expect(plan("SELECT * FROM chat_conversations WHERE item_id = 'wi'")).toMatch(/USING INDEX/);
    expect(plan("SELECT * FROM chat_conversations WHERE visitor_id = 'v' ORDER BY created_at DESC LIMIT 1")).toContain('chat_conversations_visitor');
  });
});

describe('transfers and notes (migration 003)', () => {
  it('stores a work item transfer as validated JSON and reads rows written before it as having none', () => {
    const db = migratedDb();
    seedConversation(db);
    const items = sqliteWorkItems(db);
    const before = items.get('wi-1');
    expect(before && 'transfer' in before).toBe(false);
    const transfer = { fromAgentId: 'ana', fromAgentName: 'Ana', at: AT, toAgentId: 'jordi', toQueueId: 'ventas', note: 'Factura' };
    if (!before) throw new Error('seeded item missing');
    items.save({ ...before, queueId: 'soporte', transfer });
    expect(items.get('wi-1')).toMatchObject({ queueId: 'soporte', transfer });
    // A row whose JSON this version cannot read shows no transfer instead of failing the read.
    db.exec(`UPDATE work_items SET transfer = '{"fromAgentId":1}' WHERE id = 'wi-1'`);
    expect(items.get('wi-1')?.transfer).toBeUndefined();
  });

  it('keeps the kind of a timeline entry; old entries read as interactions', () => {
    const db = migratedDb();
    db.exec(`INSERT INTO customers (id, name, tags, updated_at) VALUES ('c-1', 'María', '[]', '${AT}')`);
    const customers = sqliteCustomers(db);
    const base = { customerId: 'c-1', channel: 'chat' as const, direction: 'outbound' as const, at: AT, agentId: 'ana', agentName: 'Ana', queueId: null, disposition: null, detail: '', durationSeconds: null, workItemId: null };
    customers.addTimelineEntry({ ...base, id: 'e-1', summary: 'chat' });
    customers.addTimelineEntry({ ...base, id: 'e-2', summary: 'nota', kind: 'note' });
    expect(customers.timeline('c-1').map((e) => [e.id, e.kind ?? 'interaction'])).toEqual([
      ['e-1', 'interaction'],
      ['e-2', 'note'],
    ]);
    expect(() => db.exec(`UPDATE timeline_entries SET kind = 'gossip' WHERE id = 'e-1'`)).toThrow(/CHECK constraint failed/);
  });
});
