/**
 * Sign-in sessions on a real hub (SQLite file, HTTP, WebSocket): logout revokes at once, a
 * reused refresh token ends its whole session, role changes and disabled accounts apply to
 * the next request and close open sockets, and a desktop works through access-token expiries
 * without losing an event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AdminUser, AdminUserList, adminUserSessionsPath } from '../../src-common/admin';
import { CloseCode, DESKTOP_WS_PATH, LoginResponse, PROTOCOL_VERSION, TokenRefreshRefusal, TokenRefreshResponse } from '../../src-common/protocol';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { startHub } from '../../src-hub/embedded';
import { anaBehindProxy } from './helpers/desktop-behind-proxy';
import { createWorkItem, PASSWORD, referenceStream, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hub(accessTokenTtlSeconds?: number): Promise<{ url: string; port: number }> {
  const config = accessTokenTtlSeconds ? { ...demoHubConfig(), auth: { accessTokenTtlSeconds, refreshTokenIdleHours: 12, sessionMaxHours: 24, refreshReuseGraceSeconds: 30 } } : undefined;
  const running = config
    ? await startHub({ port: 0, dataDir: temp.make('centralita-hub-'), config, seedDemoData: true, simulate: false, logLevel: 'silent' })
    : await startTestHub(temp.make('centralita-hub-'));
  cleanups.push(() => running.stop());
  return running;
}

async function login(url: string, username: string): Promise<LoginResponse> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  return LoginResponse.parse(await res.json());
}

const post = (url: string, body: unknown, token?: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

const refresh = (url: string, refreshToken: string): Promise<Response> => post(`${url}/api/token/refresh`, { refreshToken });

/** An HTTP route any signed-in user may call: 401 for a refused token, 404 (no such file) for a good one. */
const attachmentStatus = async (url: string, token: string): Promise<number> =>
  (await fetch(`${url}/api/chat/attachments/att-00000000-0000-0000-0000-000000000000`, { headers: { authorization: `Bearer ${token}` } })).status;

const intakeStatus = async (url: string, token: string): Promise<number> =>
  (await post(`${url}/api/work-items`, { channel: 'chat', queueId: 'ventas', from: 'chat-auth-test', subject: 'Consulta' }, token)).status;

const patchUser = (url: string, adminToken: string, userId: string, patch: unknown): Promise<Response> =>
  fetch(`${url}/api/admin/users/${userId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify(patch) });

/** A raw desktop socket: resolves once welcomed, records how it closes. */
class Desktop {
  closed: Promise<number>;
  private constructor(readonly ws: WebSocket, readonly welcomed: Promise<boolean>) {
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }
  static open(url: string, token: string): Desktop {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${DESKTOP_WS_PATH}`);
    const welcomed = new Promise<boolean>((resolve) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, resumeFrom: null })));
      ws.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === 'welcome') resolve(true);
      });
      ws.on('close', () => resolve(false));
    });
    const desktop = new Desktop(ws, welcomed);
    cleanups.push(() => ws.terminate());
    return desktop;
  }
}

/** Resolves with the close code, or rejects if the socket is still open after `ms`. */
const closedWithin = (desktop: Desktop, ms: number): Promise<number> =>
  Promise.race([desktop.closed, sleep(ms).then(() => Promise.reject(new Error(`socket still open after ${ms} ms`)))]);

describe('sessions', () => {
  it('after logout the old access token gets 401 on HTTP, its socket closes with 4401 and a new hello is refused', async () => {
    const { url } = await hub();
    const ana = await login(url, 'ana');
    const open = Desktop.open(url, ana.token);
    expect(await open.welcomed).toBe(true);
    expect(await attachmentStatus(url, ana.token)).toBe(404);

    const out = await post(`${url}/api/logout`, {}, ana.token);
    expect(out.status).toBe(204);

    expect(await closedWithin(open, 2_000)).toBe(CloseCode.unauthenticated);
    expect(await attachmentStatus(url, ana.token)).toBe(401);
    const again = Desktop.open(url, ana.token);
    expect(await again.welcomed).toBe(false);
    expect(await again.closed).toBe(CloseCode.unauthenticated);
    // The refresh token died with the session.
    const refused = await refresh(url, ana.refreshToken);
    expect(refused.status).toBe(401);
    expect(TokenRefreshRefusal.parse(await refused.json()).ended).toBe('logout');
  });

  it('a refresh token used twice ends its whole session: the new and the old tokens die, open sockets close', async () => {
    const { url } = await hub();
    const ana = await login(url, 'ana');
    const first = await refresh(url, ana.refreshToken);
    expect(first.status).toBe(200);
    const rotated = TokenRefreshResponse.parse(await first.json());
    expect(rotated.refreshToken).not.toBe(ana.refreshToken);
    const open = Desktop.open(url, rotated.token);
    expect(await open.welcomed).toBe(true);
    // The holder of the chain moves on (a retry of a lost answer would find its successor unused).
    const second = await refresh(url, rotated.refreshToken);
    expect(second.status).toBe(200);
    const latest = TokenRefreshResponse.parse(await second.json());

    const replay = await refresh(url, ana.refreshToken);
    expect(replay.status).toBe(401);
    expect(TokenRefreshRefusal.parse(await replay.json()).ended).toBe('reuse');

    expect(await closedWithin(open, 2_000)).toBe(CloseCode.unauthenticated);
    expect((await refresh(url, latest.refreshToken)).status).toBe(401);
    expect(await attachmentStatus(url, rotated.token)).toBe(401);
    expect(await attachmentStatus(url, ana.token)).toBe(401);
    // Another sign-in of the same user is another session, untouched.
    const other = await login(url, 'ana');
    expect(await attachmentStatus(url, other.token)).toBe(404);
  });

  it('a demoted administrator is refused on admin intake at once, with the token issued before the change', async () => {
    const { url } = await hub();
    const admin = await login(url, 'admin');
    expect((await patchUser(url, admin.token, 'sara', { role: 'admin' })).status).toBe(200);
    const sara = await login(url, 'sara');
    expect(sara.user.role).toBe('admin');
    expect(await intakeStatus(url, sara.token)).toBe(201);

    const demoted = await patchUser(url, admin.token, 'sara', { role: 'supervisor' });
    expect(AdminUser.parse(await demoted.json())).toMatchObject({ id: 'sara', role: 'supervisor', disabled: false });
    expect(await intakeStatus(url, sara.token)).toBe(403);
    expect((await fetch(`${url}/api/admin/users`, { headers: { authorization: `Bearer ${sara.token}` } })).status).toBe(403);

    // The hub never loses its last administrator, and a non-admin cannot change anyone.
    const lockout = await patchUser(url, admin.token, 'admin', { role: 'agent' });
    expect(lockout.status).toBe(409);
    expect((await patchUser(url, sara.token, 'ana', { disabled: true })).status).toBe(403);
    expect((await patchUser(url, admin.token, 'ana', { role: 'boss' })).status).toBe(400);
    expect((await patchUser(url, admin.token, 'nobody', { disabled: true })).status).toBe(404);
  });

  it("a disabled agent's token gets 401, their open socket closes at once, and they cannot sign in until enabled", async () => {
    const { url } = await hub();
    const admin = await login(url, 'admin');
    const jordi = await login(url, 'jordi');
    const open = Desktop.open(url, jordi.token);
    expect(await open.welcomed).toBe(true);

    const started = Date.now();
    const disabled = await patchUser(url, admin.token, 'jordi', { disabled: true });
    expect(AdminUser.parse(await disabled.json())).toMatchObject({ id: 'jordi', disabled: true, activeSessions: 0 });
    expect(await closedWithin(open, 2_000)).toBe(CloseCode.unauthenticated);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await attachmentStatus(url, jordi.token)).toBe(401);
    expect((await refresh(url, jordi.refreshToken)).status).toBe(401);
    const refusedLogin = await post(`${url}/api/login`, { username: 'jordi', password: PASSWORD });
    expect(refusedLogin.status).toBe(403);

    expect((await patchUser(url, admin.token, 'jordi', { disabled: false })).status).toBe(200);
    const back = await login(url, 'jordi');
    expect(await attachmentStatus(url, back.token)).toBe(404);
    // Enabling does not bring the old session back.
    expect(await attachmentStatus(url, jordi.token)).toBe(401);

    // An administrator can also sign someone out everywhere without disabling them.
    const backSocket = Desktop.open(url, back.token);
    expect(await backSocket.welcomed).toBe(true);
    const signOut = await fetch(`${url}${adminUserSessionsPath('jordi')}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
    expect(signOut.status).toBe(204);
    expect(await closedWithin(backSocket, 2_000)).toBe(CloseCode.unauthenticated);
    const ended = await refresh(url, back.refreshToken);
    expect(TokenRefreshRefusal.parse(await ended.json()).ended).toBe('admin');
    expect(await attachmentStatus(url, (await login(url, 'jordi')).token)).toBe(404);
  });

  it("an agent's desktop works through several access-token expiries and a reconnect after one, without losing an event", async () => {
    const { url, port } = await hub(1);
    const { proxy, ana } = await anaBehindProxy(port, temp, cleanups);
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    const statuses = new Set<string>();
    const watch = setInterval(() => statuses.add(ana.view?.status ?? 'none'), 10);
    cleanups.push(() => clearInterval(watch));

    const itemIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      // Each round outlives the 1 s access token; every other one the link drops, so the
      // desktop must say hello again with a token it renewed on its own.
      await sleep(1_300);
      if (i % 2 === 1) proxy.cut();
      // The test's own admin token lives 1 s too.
      const item = await createWorkItem(url, (await login(url, 'admin')).token, { channel: 'chat', queueId: 'ventas', from: `chat-ttl-${i}`, subject: `Consulta ${i}` });
      itemIds.push(item.id);
      const offer = await ana.waitFor(`offer ${i}`, (c) => c.view?.status === 'online' && c.view.offers.find((o) => o.item.id === item.id));
      await ana.must('offer.accept', { offerId: offer.offerId });
      await ana.must('item.end', { itemId: item.id });
      await ana.must('item.wrapUp', { itemId: item.id, disposition: 'resolved', notes: `nota ${i}` });
      await ana.waitFor(`done ${i}`, (c) => c.view?.status === 'online' && c.view.outboxPending === 0 && !c.view.items.some((x) => x.id === item.id));
    }
    expect(proxy.cuts).toBeGreaterThanOrEqual(2);
    expect(statuses.has('signed-out')).toBe(false);
    expect(ana.view?.status).toBe('online');
    expect(ana.view?.user?.id).toBe('ana');

    // Every event the hub holds for ana since her first was applied once, in order.
    const applied = ana.applied.map((a) => a.seq);
    const first = applied[0] ?? 0;
    const last = applied.at(-1) ?? 0;
    const reference = await referenceStream(url, (await login(url, 'ana')).token, first - 1, (events) => events.some((e) => e.seq >= last));
    expect(applied).toEqual(reference.events.filter((e) => e.seq <= last).map((e) => e.seq));
    expect(itemIds).toHaveLength(4);
  });

  it('a desktop whose session the hub ended is sent to sign in with the reason, and its logout ends the session on the hub', async () => {
    const { url, port } = await hub();
    const admin = await login(url, 'admin');
    const { ana } = await anaBehindProxy(port, temp, cleanups);
    const openSessions = async (): Promise<number> => {
      const list = AdminUserList.parse(await (await fetch(`${url}/api/admin/users`, { headers: { authorization: `Bearer ${admin.token}` } })).json());
      return list.users.find((u) => u.id === 'ana')?.activeSessions ?? -1;
    };
    expect(await openSessions()).toBe(1);
    await ana.must('session.logout', {});
    expect(await openSessions()).toBe(0);

    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    expect(await openSessions()).toBe(1);
    expect((await patchUser(url, admin.token, 'ana', { disabled: true })).status).toBe(200);
    const signedOut = await ana.waitFor('signed out', (c) => c.view?.status === 'signed-out' && c.view, 5_000);
    expect(signedOut.user).toBeNull();
    expect(signedOut.lastError?.code).toBe('unauthenticated');
    expect(signedOut.lastError?.message).toMatch(/disabled/i);
    // The sign-in screen says why, in the agent's language.
    expect(signedOut.sessionEnded).toBe('disabled');
  });
});
