import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../../src-main/services/cache/cache-store';
import { NewerDatabaseError, runMigrations, type Migration } from '../../../src-main/services/cache/migrate';
import { CACHE_MIGRATIONS } from '../../../src-main/services/cache/migrations';

const open: Database.Database[] = [];
function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  return db;
}
afterEach(() => open.splice(0).forEach((db) => db.close()));

const maria = {
  customer: {
    id: 'cust-maria',
    name: 'María García López',
    company: 'Ferretería García',
    tier: 'gold',
    language: 'es',
    tags: [],
    identities: [
      { kind: 'email' as const, value: 'maria.garcia@example.es' },
      { kind: 'phone' as const, value: '+34600100200' },
    ],
    updatedAt: '2025-01-01T00:00:00.000Z',
  },
  timeline: [
    { id: 'tl-1', customerId: 'cust-maria', channel: 'chat' as const, direction: 'inbound' as const, at: '2025-01-01T10:00:00.000Z', agentId: null, agentName: null, queueId: null, disposition: null, summary: 'factura', detail: '', durationSeconds: null },
    { id: 'tl-2', customerId: 'cust-maria', channel: 'voice' as const, direction: 'inbound' as const, at: '2025-02-01T10:00:00.000Z', agentId: null, agentName: null, queueId: null, disposition: 'resolved', summary: 'llamada', detail: '', durationSeconds: 60 },
  ],
};

describe('cache migrations', () => {
  it('brings an empty database to the latest version, once', () => {
    const db = memoryDb();
    expect(runMigrations(db, CACHE_MIGRATIONS)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(runMigrations(db, CACHE_MIGRATIONS)).toEqual([]);
  });

  it('refuses a database written by a newer version', () => {
    const db = memoryDb();
    db.pragma('user_version = 9');
    expect(() => runMigrations(db, CACHE_MIGRATIONS)).toThrow(NewerDatabaseError);
  });

  it('rolls back every pending migration when one fails', () => {
    const db = memoryDb();
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x TEXT) STRICT') },
      { version: 2, name: 'fails', up: (d) => d.exec('CREATE TABLE broken (') },
    ];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
  });

  it('refuses migration lists whose versions do not increase', () => {
    const noop = () => undefined;
    expect(() => runMigrations(memoryDb(), [{ version: 2, name: 'b', up: noop }, { version: 1, name: 'a', up: noop }])).toThrow(/increase/);
  });

  it('looks customers up by id, identity and timeline through indexes, not table scans', () => {
    const db = memoryDb();
    runMigrations(db, CACHE_MIGRATIONS);
    const plan = (sql: string, ...params: string[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan('SELECT json FROM customers WHERE id = ?', 'x')).toMatch(/USING INDEX/);
    expect(plan('SELECT customer_id FROM identities WHERE kind = ? AND value = ?', 'phone', 'x')).toMatch(/USING (INDEX|PRIMARY KEY)/);
    expect(plan('SELECT json FROM timeline_entries WHERE customer_id = ? ORDER BY at DESC, id', 'x')).toMatch(/USING INDEX timeline_by_customer/);
    expect(plan('SELECT json FROM follow_ups WHERE customer_id = ? ORDER BY due_at IS NULL, due_at, created_at, rowid', 'x')).toMatch(/USING INDEX follow_ups_by_customer/);
  });
});

describe('cache store', () => {
  it('stores a customer context and finds it by id and by identity, newest interaction first', () => {
    const db = memoryDb();
    runMigrations(db, CACHE_MIGRATIONS);
    const store = new CacheStore(db);
    store.putCustomerContexts({ contexts: [maria] });
    const byId = store.getCustomerContext({ customerId: 'cust-maria' });
    expect(byId?.customer.name).toBe('María García López');
    expect(byId?.timeline.map((e) => e.id)).toEqual(['tl-2', 'tl-1']);
    expect(store.findCustomer({ identity: { kind: 'phone', value: '+34600100200' } })?.customer.id).toBe('cust-maria');
    store.putCustomerContexts({ contexts: [{ ...maria, timeline: [maria.timeline[0]!] }] });
    expect(store.getCustomerContext({ customerId: 'cust-maria' })?.timeline.map((e) => e.id)).toEqual(['tl-1']);
  });

  it('keeps open follow-ups oldest due first, undated last, and replaces them with the hub\'s list', () => {
    const db = memoryDb();
    runMigrations(db, CACHE_MIGRATIONS);
    const store = new CacheStore(db);
    const followUp = (id: string, dueAt: string | null, createdAt: string) => ({
      id, customerId: 'cust-maria', text: `tarea ${id}`, dueAt, createdAt, createdBy: 'u-ana', createdByName: 'Ana Martín', doneAt: null, doneBy: null,
    });
    const undated = followUp('fu-undated', null, '2025-01-01T00:00:00.000Z');
    const later = followUp('fu-later', '2025-03-10T09:00:00.000Z', '2025-01-02T00:00:00.000Z');
    const sooner = followUp('fu-sooner', '2025-03-01T09:00:00.000Z', '2025-01-03T00:00:00.000Z');
    store.putCustomerContexts({ contexts: [{ ...maria, followUps: [undated, later, sooner] }] });
    expect(store.getCustomerContext({ customerId: 'cust-maria' })?.followUps?.map((f) => f.id)).toEqual(['fu-sooner', 'fu-later', 'fu-undated']);
    // A context without the field (an older hub) keeps what the cache has; the hub's list replaces it.
    store.putCustomerContexts({ contexts: [maria] });
    expect(store.getCustomerContext({ customerId: 'cust-maria' })?.followUps).toHaveLength(3);
    store.putCustomerContexts({ contexts: [{ ...maria, followUps: [later] }] });
    expect(store.getCustomerContext({ customerId: 'cust-maria' })?.followUps?.map((f) => f.id)).toEqual(['fu-later']);
  });

  it('keeps the outbox in order per user and removes only what was delivered', () => {
    const db = memoryDb();
    runMigrations(db, CACHE_MIGRATIONS);
    const store = new CacheStore(db);
    store.outboxAdd({ key: 'key-aaaaaaaa', scope: 'hub|ana', op: 'wrapUp', params: { n: 1 } });
    store.outboxAdd({ key: 'key-bbbbbbbb', scope: 'hub|jordi', op: 'wrapUp', params: { n: 2 } });
    store.outboxAdd({ key: 'key-cccccccc', scope: 'hub|ana', op: 'wrapUp', params: { n: 3 } });
    expect(store.outboxList({ scope: 'hub|ana' }).map((e) => e.params)).toEqual([{ n: 1 }, { n: 3 }]);
    store.outboxRemove({ key: 'key-aaaaaaaa' });
    expect(store.outboxCount({ scope: 'hub|ana' })).toEqual({ count: 1 });
    expect(store.outboxCount({ scope: 'hub|jordi' })).toEqual({ count: 1 });
    expect(() => store.outboxAdd({ key: 'key-cccccccc', scope: 'hub|ana', op: 'wrapUp', params: {} })).toThrow();
  });

  it('keeps a refused entry with its reason, out of the pending count, until it is requeued at its place or discarded', () => {
    const db = memoryDb();
    // An outbox written before refusals were kept: its entries become pending ones.
    runMigrations(db, CACHE_MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO outbox (key, scope, op, params, created_at) VALUES ('key-old00000', 'hub|ana', 'wrapUp', '{}', '2025-01-01T00:00:00.000Z')").run();
    runMigrations(db, CACHE_MIGRATIONS);
    const store = new CacheStore(db);
    store.outboxAdd({ key: 'key-aaaaaaaa', scope: 'hub|ana', op: 'addCustomerNote', params: { text: 'uno' } });
    store.outboxAdd({ key: 'key-bbbbbbbb', scope: 'hub|ana', op: 'addCustomerNote', params: { text: 'dos' } });
    expect(store.outboxList({ scope: 'hub|ana' }).map((e) => e.status)).toEqual(['pending', 'pending', 'pending']);

    store.outboxSettle({ delivered: ['key-old00000'], refused: [{ key: 'key-aaaaaaaa', code: 'not-found', message: 'No such customer.' }], postponed: ['key-bbbbbbbb'] });
    const [refused, postponed] = store.outboxList({ scope: 'hub|ana' });
    expect(refused).toMatchObject({ key: 'key-aaaaaaaa', status: 'refused', refusal: { code: 'not-found', message: 'No such customer.' } });
    expect(postponed).toMatchObject({ key: 'key-bbbbbbbb', status: 'pending', attempts: 1 });
    expect(store.outboxCount({ scope: 'hub|ana' })).toEqual({ count: 1 });

    expect(store.outboxRequeue({ scope: 'hub|jordi', key: 'key-aaaaaaaa', newKey: 'key-zzzzzzzz' })).toBeNull();
    const requeued = store.outboxRequeue({ scope: 'hub|ana', key: 'key-aaaaaaaa', newKey: 'key-a2a2a2a2' });
    expect(requeued).toMatchObject({ key: 'key-a2a2a2a2', status: 'pending', refusal: null, attempts: 0, seq: refused?.seq });
    expect(store.outboxList({ scope: 'hub|ana' }).map((e) => e.key)).toEqual(['key-a2a2a2a2', 'key-bbbbbbbb']);

    // Only a refused entry can be discarded: a pending one is still on its way.
    expect(store.outboxDiscard({ scope: 'hub|ana', key: 'key-bbbbbbbb' })).toEqual({ discarded: false });
    store.outboxSettle({ delivered: [], refused: [{ key: 'key-a2a2a2a2', code: 'not-found', message: 'Still none.' }], postponed: [] });
    expect(store.outboxDiscard({ scope: 'hub|ana', key: 'key-a2a2a2a2' })).toEqual({ discarded: true });
    expect(store.outboxList({ scope: 'hub|ana' }).map((e) => e.key)).toEqual(['key-bbbbbbbb']);
  });
});

describe('customer search in the cache', () => {
  it('finds cached customers by name without accents, by phone in any format and by email in any case', () => {
    const db = memoryDb();
    runMigrations(db, CACHE_MIGRATIONS);
    const store = new CacheStore(db);
    const jordi = { customer: { ...maria.customer, id: 'cust-jordi', name: 'Jordi Garcés', identities: [{ kind: 'phone' as const, value: '+34611222333' }] }, timeline: [] };
    store.putCustomerContexts({ contexts: [maria, jordi] });
    expect(store.searchCustomers({ query: 'maria garc', limit: 10 }).map((c) => c.id)).toEqual(['cust-maria']);
    expect(store.searchCustomers({ query: 'GARC', limit: 10 }).map((c) => c.id)).toEqual(['cust-jordi', 'cust-maria']);
    expect(store.searchCustomers({ query: 'garc', limit: 1 })).toHaveLength(1);
    expect(store.searchCustomers({ query: '611 22 23 33', limit: 10 }).map((c) => c.id)).toEqual(['cust-jordi']);
    expect(store.searchCustomers({ query: 'Maria.Garcia@Example.es', limit: 10 }).map((c) => c.id)).toEqual(['cust-maria']);
    expect(store.searchCustomers({ query: 'nadie', limit: 10 })).toEqual([]);
  });

  it('fills the search key of customers cached before the migration', () => {
    const db = memoryDb();
    runMigrations(db, CACHE_MIGRATIONS.slice(0, 3));
    db.prepare('INSERT INTO customers (id, json, updated_at, fetched_at) VALUES (?, ?, ?, ?)').run('cust-maria', JSON.stringify(maria.customer), maria.customer.updatedAt, 0);
    runMigrations(db, CACHE_MIGRATIONS);
    expect(new CacheStore(db).searchCustomers({ query: 'maría', limit: 5 }).map((c) => c.id)).toEqual(['cust-maria']);
  });
});
