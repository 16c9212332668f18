/**
 * The supervisor dashboard on a real SQLite store and the hub's own timers (manual clock): the
 * day's figures follow the service level formula in src-common/supervisor.ts, supervisors (and
 * only they) receive it live, and what a supervisor does to an agent is checked and audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveUpdate } from '../../../src-common/protocol';
import type { WorkSubmission } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp } from '../../../src-hub/server/desktop-ops';
import { closeCenterOnDisk, openCenterOnDisk, openStoreIn, startCenterOn, type CenterOnDisk } from './support/center-on-disk';

const chat = (from: string): WorkSubmission => ({ channel: 'chat', queueId: 'ventas', from, subject: 'Pedido' });
const SECOND = 1000;

describe('supervisor dashboard', () => {
  let hub: CenterOnDisk;
  beforeEach(() => {
    hub = openCenterOnDisk('centralita-supervision-', demoHubConfig());
  });
  afterEach(() => closeCenterOnDisk(hub));

  function acceptNext(agentId: string): string {
    const offer = hub.center.snapshot(agentId)?.offers[0];
    if (!offer) throw new Error(`no offer for ${agentId}`);
    const accepted = hub.center.acceptOffer(agentId, offer.offerId);
    if (!accepted.ok) throw new Error(accepted.error.message);
    return accepted.value.id;
  }

  it('computes the service level, speed of answer, handle time and abandons of the day', () => {
    const { center, clock } = hub;
    center.setState('ana', 'ready', null);
    // A: answered after 10 s (within the 20 s threshold), handled for 60 s.
    center.submitWork(chat('a@example.es'));
    clock.advance(10 * SECOND);
    const a = acceptNext('ana');
    clock.advance(50 * SECOND);
    expect(center.endWork('ana', a).ok).toBe(true);
    clock.advance(10 * SECOND);
    expect(center.wrapUp('ana', a, 'resolved', '').ok).toBe(true);
    // B: answered after 30 s, still being handled.
    center.submitWork(chat('b@example.es'));
    clock.advance(30 * SECOND);
    acceptNext('ana');
    center.setState('ana', 'not-ready', 'break');
    // C leaves after 2 s (a short abandon), D after 40 s.
    const c = center.submitWork(chat('c@example.es'));
    clock.advance(2 * SECOND);
    if (!c.ok || !center.abandon(c.value.id).ok) throw new Error('abandon C failed');
    const d = center.submitWork(chat('d@example.es'));
    clock.advance(40 * SECOND);
    if (!d.ok || !center.abandon(d.value.id).ok) throw new Error('abandon D failed');

    const ventas = center.supervision.dashboardFor('sara')?.queues.find((q) => q.queueId === 'ventas');
    expect(ventas).toMatchObject({ offered: 4, answered: 2, answeredWithinThreshold: 1, abandoned: 2, shortAbandoned: 1, thresholdSeconds: 20, waiting: 0 });
    // 1 within threshold / (2 answered + 2 abandoned − 1 short abandon)
    expect(ventas?.serviceLevel).toBeCloseTo(1 / 3, 5);
    expect(ventas?.averageSpeedOfAnswerSeconds).toBe(20);
    expect(ventas?.averageHandleSeconds).toBe(60);
    const ana = center.supervision.dashboardFor('sara')?.agents.find((x) => x.agentId === 'ana');
    expect(ana).toMatchObject({ handledToday: 1, reasonCode: 'break' });
    expect(ana?.work.map((w) => w.state)).toEqual(['accepted']);
  });

  it('measures each agent\'s occupancy today: time working over time staffed', () => {
    const { center, clock } = hub;
    expect(center.supervision.dashboardFor('sara')?.agents.find((a) => a.agentId === 'ana')?.occupancy).toBeNull();
    center.setState('ana', 'ready', null);
    clock.advance(30 * SECOND);
    center.submitWork(chat('a@example.es'));
    acceptNext('ana');
    clock.advance(30 * SECOND);
    expect(center.supervision.dashboardFor('sara')?.agents.find((a) => a.agentId === 'ana')?.occupancy).toBeCloseTo(0.5, 2);
  });

  it('shows what waits now and since when, and counts agents by state per queue', () => {
    const { center, clock } = hub;
    center.setState('jordi', 'not-ready', 'lunch');
    center.submitWork(chat('a@example.es'));
    const arrived = new Date(clock.now()).toISOString();
    clock.advance(5 * SECOND);
    center.submitWork(chat('b@example.es'));
    const ventas = center.supervision.dashboardFor('sara')?.queues.find((q) => q.queueId === 'ventas');
    expect(ventas).toMatchObject({ waiting: 2, oldestSince: arrived, agents: { ready: 0, busy: 0, notReady: 1 }, serviceLevel: null });
  });

  it('is pushed live to connected supervisors only, at most once a second, and only when it changed', () => {
    const { center, clock } = hub;
    const got = new Map<string, LiveUpdate[]>();
    const subscribe = (userId: string) => center.live.subscribe({ userId, deliver: (update) => got.set(userId, [...(got.get(userId) ?? []), update]) });
    subscribe('sara');
    subscribe('ana');
    const supervisorFrames = (userId: string) => (got.get(userId) ?? []).filter((u) => u.kind === 'supervisor');
    expect(supervisorFrames('sara')).toHaveLength(1); // the current dashboard on connect
    expect(supervisorFrames('ana')).toHaveLength(0);

    center.submitWork(chat('a@example.es'));
    center.submitWork(chat('b@example.es'));
    clock.advance(SECOND);
    expect(supervisorFrames('sara')).toHaveLength(2);
    const last = supervisorFrames('sara').at(-1);
    expect(last?.kind === 'supervisor' && last.dashboard.queues.find((q) => q.queueId === 'ventas')?.waiting).toBe(2);
    clock.advance(5 * SECOND);
    expect(supervisorFrames('sara')).toHaveLength(2);
    expect(supervisorFrames('ana')).toHaveLength(0);
  });

  it('lets a supervisor set an agent Not Ready with a reason, refuses an agent who tries, and audits both', () => {
    const { center, store, clock } = hub;
    center.setState('ana', 'ready', null);
    const ctx = { center, idempotency: store.idempotency, clock };
    const forced = runDesktopOp(ctx, { userId: 'sara', role: 'supervisor' }, 'forceAgentState', { agentId: 'ana', state: 'not-ready', reasonCode: 'training' }, undefined);
    expect(forced).toMatchObject({ ok: true, value: { state: 'not-ready', reasonCode: 'training' } });
    expect(store.presence.get('ana')).toMatchObject({ selected: 'not-ready', reasonCode: 'training' });

    const tried = runDesktopOp(ctx, { userId: 'ana', role: 'agent' }, 'forceAgentState', { agentId: 'jordi', state: 'offline', reasonCode: null }, undefined);
    expect(tried).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const badReason = runDesktopOp(ctx, { userId: 'sara', role: 'supervisor' }, 'forceAgentState', { agentId: 'jordi', state: 'not-ready', reasonCode: 'missed' }, undefined);
    expect(badReason.ok).toBe(false);

    const log = runDesktopOp(ctx, { userId: 'admin', role: 'admin' }, 'getAuditLog', { limit: 10 }, undefined);
    if (!log.ok) throw new Error(log.error.message);
    expect(log.value).toMatchObject([
      { actorId: 'sara', action: 'forceAgentState', targetId: 'jordi', outcome: 'refused' },
      { actorId: 'ana', actorRole: 'agent', action: 'forceAgentState', outcome: 'refused' },
      { actorId: 'sara', actorRole: 'supervisor', action: 'forceAgentState', targetId: 'ana', outcome: 'done', detail: 'not-ready (training)' },
    ]);
  });

  it('refuses every supervision op to an agent token', () => {
    const { center, store, clock } = hub;
    const ctx = { center, idempotency: store.idempotency, clock };
    const agent = { userId: 'ana', role: 'agent' as const };
    for (const [op, params] of [
      ['getSupervisorDashboard', {}],
      ['forceAgentState', { agentId: 'jordi', state: 'not-ready', reasonCode: 'break' }],
      ['getAuditLog', { limit: 5 }],
    ] as const) {
      expect(runDesktopOp(ctx, agent, op, params, undefined), op).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(store.supervision.latestAudit(10).filter((e) => e.actorId === 'ana' && e.outcome === 'refused')).toHaveLength(3);
  });

  it('lists waiting work per queue and lets a supervisor move it to another queue or offer it to an agent', () => {
    const { center, store, clock } = hub;
    const ctx = { center, idempotency: store.idempotency, clock };
    const sara = { userId: 'sara', role: 'supervisor' as const };
    const created = center.submitWork(chat('maria.garcia@example.es'));
    if (!created.ok) throw new Error(created.error.message);
    const itemId = created.value.id;
    const waiting = center.supervision.dashboardFor('sara')?.queues.find((q) => q.queueId === 'ventas')?.waitingItems;
    expect(waiting).toMatchObject([{ itemId, label: 'María García López', offeredTo: null }]);

    // Another channel's queue is no place for a chat.
    expect(runDesktopOp(ctx, sara, 'moveWaitingItem', { itemId, target: { kind: 'queue', queueId: 'soporte-voz' } }, undefined)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(runDesktopOp(ctx, sara, 'moveWaitingItem', { itemId, target: { kind: 'queue', queueId: 'soporte' } }, undefined)).toMatchObject({ ok: true, value: { queueId: 'soporte', state: 'queued' } });
    expect(store.items.get(itemId)?.queueId).toBe('soporte');

    // Jordi declined it (so routing would not offer it to him again for a while): Sara offers it to him by name.
    center.setState('jordi', 'ready', null);
    const offer = center.snapshot('jordi')?.offers[0];
    if (!offer) throw new Error('no offer to jordi');
    expect(center.declineOffer('jordi', offer.offerId).ok).toBe(true);
    expect(store.items.get(itemId)?.state).toBe('queued');
    expect(runDesktopOp(ctx, sara, 'moveWaitingItem', { itemId, target: { kind: 'agent', agentId: 'ana' } }, undefined)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(runDesktopOp(ctx, sara, 'moveWaitingItem', { itemId, target: { kind: 'agent', agentId: 'jordi' } }, undefined)).toMatchObject({ ok: true, value: { state: 'offered', agentId: 'jordi' } });
    expect(center.snapshot('jordi')?.offers.map((o) => o.item.id)).toEqual([itemId]);
    // Being offered, it cannot be moved until that offer ends.
    expect(runDesktopOp(ctx, sara, 'moveWaitingItem', { itemId, target: { kind: 'queue', queueId: 'ventas' } }, undefined)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(store.supervision.latestAudit(5).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'moveWaitingItem:refused',
      'moveWaitingItem:done',
      'moveWaitingItem:refused',
      'moveWaitingItem:done',
      'moveWaitingItem:refused',
    ]);
  });

  it('changes an agent\'s skills live: routing follows at once, and the change survives a restart', () => {
    const { center, store, clock } = hub;
    const ctx = () => ({ center: hub.center, idempotency: hub.store.idempotency, clock: hub.clock });
    const sara = { userId: 'sara', role: 'supervisor' as const };
    expect(runDesktopOp(ctx(), sara, 'setAgentSkills', { agentId: 'jordi', skills: { telepathy: 3 } }, undefined)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const changed = runDesktopOp(ctx(), sara, 'setAgentSkills', { agentId: 'jordi', skills: { ventas: 0 } }, undefined);
    expect(changed).toMatchObject({ ok: true, value: { agentId: 'jordi' } });
    expect(changed.ok && (changed.value as { queueIds: string[] }).queueIds).not.toContain('ventas');

    center.setState('jordi', 'ready', null);
    const sale = center.submitWork(chat('maria.garcia@example.es'));
    if (!sale.ok) throw new Error(sale.error.message);
    expect(center.snapshot('jordi')?.offers).toEqual([]);
    expect(center.supervision.dashboardFor('sara')?.agents.find((a) => a.agentId === 'jordi')?.skills).not.toHaveProperty('ventas');

    // Restart on the same file: Jordi still does not sell; giving the skill back routes the chat to him.
    center.stop();
    store.close();
    const reopened = openStoreIn(hub.dir);
    hub = { ...hub, store: reopened, center: startCenterOn(demoHubConfig(), reopened, clock) };
    expect(hub.center.snapshot('jordi')?.offers).toEqual([]);
    expect(runDesktopOp(ctx(), sara, 'setAgentSkills', { agentId: 'jordi', skills: { ventas: 4 } }, undefined).ok).toBe(true);
    expect(hub.center.snapshot('jordi')?.offers.map((o) => o.item.id)).toEqual([sale.value.id]);
  });
});
