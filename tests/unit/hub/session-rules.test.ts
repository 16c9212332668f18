/**
 * The token rules of hub sessions on a real SQLite store with a hand-moved clock: access
 * tokens expire on time, a refresh token is single-use and rotates, a spent one ends the whole
 * session, refresh tokens die when idle or when the session reaches its maximum age, and each
 * check reads the user's current role and state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessTokens } from '../../../src-hub/auth/session-tokens';
import { Sessions, type SessionsEnded } from '../../../src-hub/auth/sessions';
import type { HubStore, UserRow } from '../../../src-hub/storage/repositories';
import { openSqliteStore } from '../../../src-hub/storage/sqlite/sqlite-store';
import { ManualClock } from './support/manual-clock';

const dirs: string[] = [];
const stores: HubStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const MINUTE = 60_000;

function setup(): { sessions: Sessions; clock: ManualClock; store: HubStore; ended: SessionsEnded[]; ana: () => UserRow } {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-sessions-'));
  dirs.push(dir);
  const opened = openSqliteStore(path.join(dir, 'hub.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  stores.push(store);
  const clock = new ManualClock();
  store.users.upsert({ id: 'ana', username: 'ana', displayName: 'Ana', role: 'agent' }, '2026-03-02T08:00:00.000Z');
  const ana = (): UserRow => {
    const row = store.users.byId('ana');
    if (!row) throw new Error('no ana');
    return row;
  };
  const sessions = new Sessions({
    store,
    tokens: new AccessTokens(new Uint8Array(32).fill(7), 900),
    clock,
    config: { accessTokenTtlSeconds: 900, refreshTokenIdleHours: 1, sessionMaxHours: 3, refreshReuseGraceSeconds: 30 },
    user: (id) => store.users.byId(id),
    log: pino({ level: 'silent' }),
  });
  const ended: SessionsEnded[] = [];
  sessions.onEnded((e) => ended.push(e));
  return { sessions, clock, store, ended, ana };
}

describe('session token rules', () => {
  it('an access token lives its TTL (15 min), names its session, and carries no role', async () => {
    const { sessions, clock, ana } = setup();
    const login = await sessions.start(ana());
    expect(login.expiresInSeconds).toBe(900);
    const payload = JSON.parse(Buffer.from(login.token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload).not.toHaveProperty('role');
    expect(payload.sid).toMatch(/^ses-/);
    clock.advance(14 * MINUTE);
    expect((await sessions.authenticate(login.token)).ok).toBe(true);
    clock.advance(61_000);
    expect(await sessions.authenticate(login.token)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('a refresh rotates the refresh token; presenting the spent one ends the session for every token of it', async () => {
    const { sessions, clock, ana, ended } = setup();
    const login = await sessions.start(ana());
    const next = await sessions.refresh(login.refreshToken);
    if (!next.ok) throw new Error('refresh refused');
    expect(next.value.refreshToken).not.toBe(login.refreshToken);
    expect((await sessions.authenticate(next.value.token)).ok).toBe(true);

    clock.advance(31_000);
    expect(await sessions.refresh(login.refreshToken)).toMatchObject({ ok: false, ended: 'reuse' });
    expect(ended).toEqual([{ userId: 'ana', sessionIds: [payloadSid(login.token)], reason: 'reuse' }]);
    expect(await sessions.refresh(next.value.refreshToken)).toMatchObject({ ok: false, ended: 'reuse' });
    expect((await sessions.authenticate(next.value.token)).ok).toBe(false);
    expect((await sessions.authenticate(login.token)).ok).toBe(false);
  });

  it('refresh tokens die after the idle time, and any session at its maximum age', async () => {
    const { sessions, clock, ana } = setup();
    const idle = await sessions.start(ana());
    clock.advance(61 * MINUTE);
    expect(await sessions.refresh(idle.refreshToken)).toMatchObject({ ok: false, ended: 'expired' });

    const busy = await sessions.start(ana());
    let refreshToken = busy.refreshToken;
    for (let i = 0; i < 4; i += 1) {
      clock.advance(40 * MINUTE);
      const next = await sessions.refresh(refreshToken);
      if (!next.ok) throw new Error(`refresh ${i} refused`);
      refreshToken = next.value.refreshToken;
    }
    clock.advance(40 * MINUTE);
    // 200 minutes after sign-in: past the 3 h maximum however often it was refreshed.
    expect(await sessions.refresh(refreshToken)).toMatchObject({ ok: false, ended: 'expired' });
  });

  it("each check reads the user's current role and state; logout by refresh token alone ends the session", async () => {
    const { sessions, store, ana } = setup();
    const login = await sessions.start(ana());
    expect(await sessions.authenticate(login.token)).toMatchObject({ ok: true, value: { role: 'agent' } });
    store.users.saveAccess({ userId: 'ana', role: 'supervisor', disabled: false, changedBy: 'admin', changedAt: '2026-03-02T09:00:00.000Z' });
    expect(await sessions.authenticate(login.token)).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    store.users.saveAccess({ userId: 'ana', role: 'supervisor', disabled: true, changedBy: 'admin', changedAt: '2026-03-02T09:00:00.000Z' });
    expect(await sessions.authenticate(login.token)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/disabled/) } });
    expect(await sessions.refresh(login.refreshToken)).toMatchObject({ ok: false, ended: 'disabled' });

    store.users.saveAccess({ userId: 'ana', role: null, disabled: false, changedBy: 'admin', changedAt: '2026-03-02T09:00:00.000Z' });
    const again = await sessions.start(ana());
    expect(again.user.role).toBe('agent');
    expect(await sessions.logout(null, again.refreshToken)).toBe(true);
    expect((await sessions.authenticate(again.token)).ok).toBe(false);
    expect(await sessions.refresh(again.refreshToken)).toMatchObject({ ok: false, ended: 'logout' });
  });

  it('a desktop that lost the refresh answer retries with its token and stays signed in; the lost pair is dead', async () => {
    const { sessions, clock, ana, ended } = setup();
    const login = await sessions.start(ana());
    const lost = await sessions.refresh(login.refreshToken);
    if (!lost.ok) throw new Error('refresh refused');
    clock.advance(5_000);
    const retried = await sessions.refresh(login.refreshToken);
    if (!retried.ok) throw new Error(`retry refused: ${retried.error.message}`);
    expect(ended).toEqual([]);
    // The pair the desktop never received cannot refresh, and does not end the session either.
    expect(await sessions.refresh(lost.value.refreshToken)).toMatchObject({ ok: false, ended: 'expired' });
    const next = await sessions.refresh(retried.value.refreshToken);
    expect(next.ok).toBe(true);
    expect(ended).toEqual([]);
    // Once the retried pair was used, the first token coming back again is a reuse.
    expect(await sessions.refresh(login.refreshToken)).toMatchObject({ ok: false, ended: 'reuse' });
  });

  it('a spent token presented after the grace, its successor unused, is still a reuse', async () => {
    const { sessions, clock, ana } = setup();
    const login = await sessions.start(ana());
    expect((await sessions.refresh(login.refreshToken)).ok).toBe(true);
    clock.advance(31_000);
    expect(await sessions.refresh(login.refreshToken)).toMatchObject({ ok: false, ended: 'reuse' });
  });
});

function payloadSid(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
  return payload.sid;
}
