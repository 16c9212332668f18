/** The hub's HTTP edges and lifecycle: intake validation, sign-in throttling, hello timeout, restart. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type ServerFrame } from '../../../src-common/protocol';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { login, TestSocket } from './support/hub-client';
import { startTestHub, submitWork, type TestHub } from './support/test-hub';

type EventFrame = Extract<ServerFrame, { type: 'event' }>;
const isOffer = (f: ServerFrame): f is EventFrame => f.type === 'event' && f.event.kind === 'offer';

describe('hub over HTTP', () => {
  const hubs: TestHub[] = [];
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const h of hubs.splice(0)) await h.cleanup();
  });
  const start = async (opts: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> => {
    const hub = await startTestHub({ seedDemoData: true, ...opts });
    hubs.push(hub);
    return hub;
  };

  it('reports health and answers unknown paths with a typed 404', async () => {
    const hub = await start();
    expect(await (await fetch(`${hub.url}/healthz`)).json()).toMatchObject({ ok: true, protocol: 1 });
    const res = await fetch(`${hub.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('validates intake bodies and names the wrong field', async () => {
    const hub = await start();
    const { token } = await login(hub.url, 'admin');
    const missing = await submitWork(hub.url, token, { channel: 'chat', queueId: 'ventas', subject: 'x' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid work item: from: /);
    const badQueue = await submitWork(hub.url, token, { channel: 'chat', queueId: 'nope', from: 'a@b.es', subject: 'x' });
    expect(await badQueue.json()).toEqual({ error: { code: 'bad-request', message: 'Unknown queue "nope".' } });
    const anonymous = await fetch(`${hub.url}/api/work-items`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('refuses sign-in for a while after ten wrong passwords, even with the right one', async () => {
    const hub = await start();
    const attempt = (password: string): Promise<Response> =>
      fetch(`${hub.url}/api/login`, { method: 'POST', body: JSON.stringify({ username: 'marta', password }) });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).status).toBe(401);
    const blocked = await attempt('centralita');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: { code: 'rate-limited' } });
    expect((await fetch(`${hub.url}/api/login`, { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'centralita' }) })).status).toBe(200);
  });

  it('closes a socket that never says hello with 4401', async () => {
    const hub = await start({ helloTimeoutMs: 150 });
    const s = await TestSocket.open(hub.url);
    sockets.push(s);
    expect((await s.waitClosed()).code).toBe(CloseCode.unauthenticated);
  });

  it('keeps queued work across a restart on the same data dir, and offers it afterwards', async () => {
    const first = await startTestHub({ seedDemoData: true });
    const { token } = await login(first.url, 'admin');
    const created = await submitWork(first.url, token, { channel: 'email', queueId: 'correo', from: 'María <maria.garcia@example.es>', subject: 'Presupuesto' });
    expect(created.status).toBe(201);

    const martaToken = (await login(first.url, 'marta')).token;
    await first.stop();
    expect(statSync(path.join(first.dataDir, 'hub-token-secret')).mode & 0o777).toBe(0o600);

    const second = await start({ dataDir: first.dataDir });
    const marta = await TestSocket.open(second.url);
    sockets.push(marta);
    // The signing secret lives in the data dir, so a session survives the hub's restart.
    await marta.hello(martaToken);
    await marta.request('setState', { state: 'ready', reasonCode: null });
    const offer = await marta.waitFor(isOffer);
    expect(offer.event.kind === 'offer' && offer.event.offer.item).toMatchObject({ subject: 'Presupuesto', customerId: 'cust-maria', channel: 'email' });
  });

  it('refuses users removed from the configuration, even with a token issued before', async () => {
    const first = await startTestHub({ seedDemoData: true });
    const jordiToken = (await login(first.url, 'jordi')).token;
    await first.stop();
    const config = demoHubConfig();
    const second = await start({ dataDir: first.dataDir, config: { ...config, users: config.users.filter((u) => u.id !== 'jordi') } });
    const res = await fetch(`${second.url}/api/login`, { method: 'POST', body: JSON.stringify({ username: 'jordi', password: 'centralita' }) });
    expect(res.status).toBe(401);
    const s = await TestSocket.open(second.url);
    sockets.push(s);
    s.send({ type: 'hello', protocol: 1, token: jordiToken, resumeFrom: null });
    expect((await s.waitClosed()).code).toBe(CloseCode.unauthenticated);
  });

  it('does not let an agent end or wrap up work held by someone else', async () => {
    const hub = await start();
    const { token: adminToken } = await login(hub.url, 'admin');
    const ana = await TestSocket.open(hub.url);
    const jordi = await TestSocket.open(hub.url);
    sockets.push(ana, jordi);
    await ana.hello((await login(hub.url, 'ana')).token);
    await jordi.hello((await login(hub.url, 'jordi')).token);
    await ana.request('setState', { state: 'ready', reasonCode: null });
    await submitWork(hub.url, adminToken, { channel: 'chat', queueId: 'ventas', from: 'chat_visitor_01', subject: 'Hola' });
    const offer = await ana.waitFor(isOffer);
    const item = offer.event.kind === 'offer' ? offer.event.offer : null;
    await ana.request('acceptOffer', { offerId: item?.offerId });
    expect(await jordi.request('endWork', { itemId: item?.item.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await jordi.request('wrapUp', { itemId: item?.item.id, disposition: 'resolved', notes: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ana.request('setState', { state: 'offline', reasonCode: null })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
