/** The demo dataset, customer sync paging and the simulator, on a real SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../src-common/identity';
import { ContactCenter } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { DEMO_CUSTOMER_COUNT, generateDemoDataset, seedDemoData } from '../../../src-hub/demo/demo-dataset';
import { contactCenterIntake } from '../../../src-hub/intake';
import { MAX_WAITING_SIMULATED, startSimulator } from '../../../src-hub/sim/simulator';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { openSqliteStore } from '../../../src-hub/storage/sqlite/sqlite-store';
import { ManualClock } from './support/manual-clock';

describe('demo dataset', () => {
  it('is the same on every run, a few hundred customers with valid +34 numbers', () => {
    const a = generateDemoDataset(0);
    const b = generateDemoDataset(0);
    expect(a).toEqual(b);
    expect(a.customers).toHaveLength(DEMO_CUSTOMER_COUNT);
    const phones = a.customers.flatMap((c) => c.identities.filter((i) => i.kind === 'phone').map((i) => i.value));
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) expect(normalisePhone(p)).toBe(p);
    expect(a.customers.some((c) => /Puig|Ferrer|Vila|Soler/.test(c.name))).toBe(true);
    expect(new Set(a.timeline.map((t) => t.channel))).toEqual(new Set(['voice', 'chat', 'email']));
  });

  it('contains María García López with an earlier chat about a factura and an earlier call', () => {
    const { customers, timeline } = generateDemoDataset(Date.parse('2026-03-01T00:00:00Z'));
    expect(customers[0]).toMatchObject({
      id: 'cust-maria',
      name: 'María García López',
      company: 'Ferretería García',
      tier: 'gold',
      identities: expect.arrayContaining([
        { kind: 'phone', value: '+34600100200' },
        { kind: 'email', value: 'maria.garcia@example.es' },
      ]),
    });
    const hers = timeline.filter((t) => t.customerId === 'cust-maria');
    expect(hers.some((t) => t.channel === 'chat' && /factura/i.test(t.summary))).toBe(true);
    expect(hers.some((t) => t.channel === 'voice')).toBe(true);
  });
});

describe('customers and simulator on SQLite', () => {
  let dir: string;
  let store: HubStore;
  let clock: ManualClock;
  let center: ContactCenter;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'centralita-demo-'));
    const opened = openSqliteStore(path.join(dir, 'hub.db'));
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    clock = new ManualClock();
    expect(seedDemoData(store, clock.now())).toBe(DEMO_CUSTOMER_COUNT);
    center = new ContactCenter({ config: demoHubConfig(), store, clock, log: pino({ level: 'silent' }) });
    center.start();
  });
  afterEach(() => {
    center.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds only an empty database', () => {
    expect(seedDemoData(store, clock.now())).toBe(0);
    expect(store.customers.count()).toBe(DEMO_CUSTOMER_COUNT);
  });

  it('pages through every customer exactly once, with timelines', () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = center.customers.page(after, 70);
      seen.push(...page.customers.map((c) => c.customer.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toHaveLength(DEMO_CUSTOMER_COUNT);
    expect(new Set(seen).size).toBe(DEMO_CUSTOMER_COUNT);
    expect(center.customers.context('cust-maria')?.timeline.length).toBeGreaterThanOrEqual(2);
  });

  it('finds María by any spelling of her phone or email', () => {
    expect(center.customers.findByIdentity({ kind: 'phone', value: '600 10 02 00' })?.customer.id).toBe('cust-maria');
    expect(center.customers.findByIdentity({ kind: 'email', value: 'María <MARIA.GARCIA@example.es>' })?.customer.id).toBe('cust-maria');
    expect(center.customers.findByIdentity({ kind: 'email', value: 'nobody@example.es' })).toBeNull();
  });

  it('simulates Spanish chats from demo customers at its interval, and pauses when enough wait', () => {
    const sim = startSimulator(contactCenterIntake(center), clock, pino({ level: 'silent' }), { intervalMs: 5_000, maxWaiting: MAX_WAITING_SIMULATED, patienceMs: 0 });
    clock.advance(4_999);
    expect(store.items.listOpen()).toHaveLength(0);
    clock.advance(1);
    const [item] = store.items.listOpen();
    expect(item).toMatchObject({ channel: 'chat', state: 'queued' });
    expect(['ventas', 'soporte']).toContain(item?.queueId);
    expect(item?.preview.length).toBeGreaterThan(10);
    expect(item?.customerId).toMatch(/^cust-\d{4}$|^cust-maria$/);
    clock.advance(5_000 * (MAX_WAITING_SIMULATED + 5));
    expect(store.items.listOpen()).toHaveLength(MAX_WAITING_SIMULATED);
    void sim.stop();
  });

  it('simulated customers give up after their patience: abandoned like real ones, and new ones come', () => {
    const sim = startSimulator(contactCenterIntake(center), clock, pino({ level: 'silent' }), { intervalMs: 10_000, maxWaiting: 2, patienceMs: 25_000 });
    clock.advance(20_000);
    expect(sim.waitingChats()).toBe(2);
    const [first] = store.items.listOpen();
    clock.advance(10_000); // capped: the third chat waits for a place
    expect(store.items.listOpen()).toHaveLength(2);
    clock.advance(5_000); // the first customer (35 s - 10 s = 25 s waiting) has left
    expect(store.items.listOpen()).toHaveLength(1);
    expect(store.items.get(first?.id ?? '')).toMatchObject({ state: 'abandoned', agentId: null });
    clock.advance(5_000); // the next tick has a free place again
    expect(sim.waitingChats()).toBe(2);
    clock.advance(5_000); // and the second customer leaves too
    expect(sim.waitingChats()).toBe(1);
    void sim.stop();
  });

  it('simulated chats a restart left waiting keep what was left of their patience, counted from when they arrived', () => {
    const first = startSimulator(contactCenterIntake(center), clock, pino({ level: 'silent' }), { intervalMs: 10_000, maxWaiting: 2, patienceMs: 60_000 });
    clock.advance(20_000);
    const [older, newer] = store.items.listOpen();
    void first.stop(); // the hub stops: the patience timers go with it
    clock.advance(35_000);
    const leftByLastRun = [older, newer].map((item) => ({ itemId: item?.id ?? '', arrivedAt: Date.parse(item?.createdAt ?? '') }));
    const second = startSimulator(contactCenterIntake(center), clock, pino({ level: 'silent' }), { intervalMs: 600_000, maxWaiting: 2, patienceMs: 60_000, leftByLastRun });
    // Both count as waiting (no new chat while the cap is reached)…
    expect(second.waitingChats()).toBe(2);
    clock.advance(14_999); // the first arrived (10 s into the last run) 59.999 s ago
    expect(store.items.get(older?.id ?? '')?.state).toBe('queued');
    clock.advance(1);
    expect(store.items.get(older?.id ?? '')?.state).toBe('abandoned');
    clock.advance(10_000);
    expect(store.items.get(newer?.id ?? '')?.state).toBe('abandoned');
    expect(second.waitingChats()).toBe(0);
    void second.stop();
  });

  it('a chat an agent took is no longer counted as waiting, and its customer does not leave', () => {
    center.setState('ana', 'ready', null);
    const sim = startSimulator(contactCenterIntake(center), clock, pino({ level: 'silent' }), { intervalMs: 10_000, maxWaiting: 1, patienceMs: 15_000 });
    clock.advance(10_000);
    const offer = center.snapshot('ana')?.offers[0];
    expect(offer).toBeDefined();
    expect(center.acceptOffer('ana', offer?.offerId ?? '').ok).toBe(true);
    clock.advance(10_000);
    expect(sim.waitingChats()).toBe(1);
    clock.advance(20_000);
    expect(store.items.get(offer?.item.id ?? '')?.state).toBe('accepted');
    void sim.stop();
  });
});
