/**
 * The desktop protocol over a real WebSocket against a real hub (SQLite in a temp dir):
 * what a desktop developer relies on when they code against the hub.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, type ServerFrame } from '../../../src-common/protocol';
import { CustomerContext, ItemView, Offer } from '../../../src-common/domain';
import { openSqliteStore } from '../../../src-hub/storage/sqlite/sqlite-store';
import { login, TestSocket } from './support/hub-client';
import { startTestHub, submitWork, type TestHub } from './support/test-hub';

type EventFrame = Extract<ServerFrame, { type: 'event' }>;
const isOffer = (f: ServerFrame): f is EventFrame => f.type === 'event' && f.event.kind === 'offer';

describe('desktop protocol', () => {
  let hub: TestHub;
  let adminToken: string;
  const sockets: TestSocket[] = [];
  const open = async (): Promise<TestSocket> => {
    const s = await TestSocket.open(hub.url);
    sockets.push(s);
    return s;
  };

  beforeEach(async () => {
    hub = await startTestHub({ seedDemoData: true });
    adminToken = (await login(hub.url, 'admin')).token;
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub.cleanup();
  });

  it('refuses a wrong password with a readable error', async () => {
    const res = await fetch(`${hub.url}/api/login`, { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'nope' }) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Wrong username or password.' } });
  });

  it('welcomes a valid hello with a snapshot of the agent', async () => {
    const { token, user } = await login(hub.url, 'ana');
    expect(user).toMatchObject({ id: 'ana', displayName: 'Ana Martín', role: 'agent' });
    const welcome = await (await open()).hello(token);
    expect(welcome.resumed).toBe(false);
    expect(welcome.snapshot?.presence.state).toBe('offline');
    expect(welcome.snapshot?.config.dispositions.map((d) => d.id)).toContain('resolved');
    expect(welcome.snapshot?.config.queues.map((q) => q.id)).toEqual(['ventas', 'soporte', 'soporte-voz', 'correo']);
  });

  it('closes with 4401 on a bad token and 4426 on another protocol version', async () => {
    const bad = await open();
    bad.send({ type: 'hello', protocol: 1, token: 'not-a-token', resumeFrom: null });
    expect((await bad.waitClosed()).code).toBe(CloseCode.unauthenticated);

    const { token } = await login(hub.url, 'ana');
    const old = await open();
    old.send({ type: 'hello', protocol: 99, token, resumeFrom: null });
    expect((await old.waitClosed()).code).toBe(CloseCode.protocolMismatch);
    expect(old.frames[0]).toMatchObject({ type: 'error', error: { code: 'bad-request' } });
  });

  it('closes with 4401 when the first frame is not a hello', async () => {
    const s = await open();
    s.send({ type: 'request', id: 'r1', op: 'setState', params: { state: 'ready', reasonCode: null } });
    expect((await s.waitClosed()).code).toBe(CloseCode.unauthenticated);
  });

  it('answers invalid frames with an error and keeps the socket usable', async () => {
    const { token } = await login(hub.url, 'ana');
    const s = await open();
    await s.hello(token);
    s.sendRaw('{not json');
    s.send({ type: 'request', id: 'x1', op: 'fly', params: {} });
    s.send({ type: 'ping' });
    await s.waitFor((f): f is Extract<ServerFrame, { type: 'pong' }> => f.type === 'pong');
    const errors = s.frames.filter((f) => f.type === 'error' || (f.type === 'response' && !f.result.ok));
    expect(errors).toHaveLength(2);
    const bad = await s.request('setState', { state: 'dancing' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const good = await s.request('setState', { state: 'ready', reasonCode: null });
    expect(good).toMatchObject({ ok: true, value: { agentId: 'ana', state: 'ready' } });
  });

  it('offers work to a ready agent, and another agent cannot accept it', async () => {
    const ana = await open();
    await ana.hello((await login(hub.url, 'ana')).token);
    const jordi = await open();
    await jordi.hello((await login(hub.url, 'jordi')).token);
    expect(await ana.request('setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: true });

    const created = await submitWork(hub.url, adminToken, { channel: 'chat', queueId: 'ventas', from: 'Maria.Garcia@Example.es', subject: 'Quiero ampliar mi tarifa' });
    expect(created.status).toBe(201);
    const offerFrame = await ana.waitFor(isOffer);
    const offer = Offer.parse(offerFrame.event.kind === 'offer' ? offerFrame.event.offer : null);
    expect(offer.item.customerId).toBe('cust-maria');

    const stolen = await jordi.request('acceptOffer', { offerId: offer.offerId });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const accepted = await ana.request('acceptOffer', { offerId: offer.offerId });
    expect(accepted.ok && ItemView.parse(accepted.value).state).toBe('accepted');
    expect((await ana.request('endWork', { itemId: offer.item.id })).ok).toBe(true);
    const wrapped = await ana.request('wrapUp', { itemId: offer.item.id, disposition: 'sale', notes: 'Contrató 20 GB' });
    expect(wrapped.ok && ItemView.parse(wrapped.value).state).toBe('done');

    const context = await jordi.request('getCustomer', { customerId: 'cust-maria' });
    const timeline = CustomerContext.parse(context.ok ? context.value : null).timeline;
    expect(timeline[0]).toMatchObject({ summary: 'Quiero ampliar mi tarifa', agentName: 'Ana Martín', disposition: 'sale', channel: 'chat' });
    expect(jordi.events().some((e) => e.event.kind === 'offer')).toBe(false);
  });

  it('checks roles: an admin cannot take work, an agent cannot use the intake', async () => {
    const admin = await open();
    await admin.hello(adminToken);
    expect(await admin.request('setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { token } = await login(hub.url, 'ana');
    const res = await submitWork(hub.url, token, { channel: 'chat', queueId: 'ventas', from: 'a@b.es', subject: 'x' });
    expect(res.status).toBe(403);
  });

  it('answers a repeated idempotency key with the first answer, acting once', async () => {
    const s = await open();
    await s.hello((await login(hub.url, 'ana')).token);
    const first = await s.request('setState', { state: 'not-ready', reasonCode: 'break' }, 'key-000001');
    expect(await s.request('setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: true });
    const replay = await s.request('setState', { state: 'not-ready', reasonCode: 'break' }, 'key-000001');
    expect(replay).toEqual(first);
    const snapshot = (await (await open()).hello((await login(hub.url, 'ana')).token)).snapshot;
    expect(snapshot?.presence.state).toBe('ready');
  });

  it('resumes from the last seen event with exactly the missed ones', async () => {
    const { token } = await login(hub.url, 'ana');
    const first = await open();
    await first.hello(token);
    await first.request('setState', { state: 'not-ready', reasonCode: 'break' });
    const seen = await first.waitFor(
      (f): f is EventFrame => f.type === 'event' && f.event.kind === 'presence' && f.event.presence.state === 'not-ready',
    );
    first.close();
    await first.waitClosed();

    const other = await open();
    await other.hello(token);
    await other.request('setState', { state: 'ready', reasonCode: null });
    await submitWork(hub.url, adminToken, { channel: 'chat', queueId: 'soporte', from: '+34 600 100 200', subject: 'Sin conexión' });
    await other.waitFor(isOffer);
    const missed = other.events().filter((e) => e.seq > seen.seq);

    const resumed = await open();
    const welcome = await resumed.hello(token, seen.seq);
    expect(welcome.resumed).toBe(true);
    expect(welcome.snapshot).toBeNull();
    await resumed.waitFor(isOffer);
    expect(resumed.events().map((e) => e.seq)).toEqual(missed.map((e) => e.seq));
    expect(new Set(resumed.events().map((e) => e.seq)).size).toBe(resumed.events().length);
  });

  it('sends a snapshot instead when the resume point was pruned or is unknown to this hub', async () => {
    const { token } = await login(hub.url, 'ana');
    const s = await open();
    await s.hello(token);
    await s.request('setState', { state: 'not-ready', reasonCode: 'break' });
    await s.request('setState', { state: 'ready', reasonCode: null });
    // A second connection to the same file, as an operator's maintenance job would have.
    const side = openSqliteStore(path.join(hub.dataDir, 'hub.db'));
    if (!side.ok) throw new Error(side.error.message);
    expect(side.value.events.prune(new Date(Date.now() + 60_000).toISOString(), 0)).toBeGreaterThan(0);
    side.value.close();

    const pruned = await (await open()).hello(token, 1);
    expect(pruned).toMatchObject({ resumed: false, snapshot: { presence: { state: 'ready' } } });
    const fromTheFuture = await (await open()).hello(token, 1_000_000);
    expect(fromTheFuture.resumed).toBe(false);
    expect(fromTheFuture.snapshot?.user.id).toBe('ana');
  });
});
