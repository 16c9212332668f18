import { describe, expect, it } from 'vitest';
import { applyHubEvent, applyLiveUpdate, applySnapshot, hubStateOf, initialView } from '../../../src-main/services/hub-session/view-reducer';
import { item, offer, snapshot } from './fixtures';

const online = () => applySnapshot(initialView('http://127.0.0.1:1'), snapshot());

describe('DesktopView reducer', () => {
  it('replaces the hub part of the view with a snapshot and keeps only open items', () => {
    const view = applySnapshot(
      initialView('http://127.0.0.1:1'),
      snapshot({ items: [item('i1', { state: 'accepted' }), item('i2', { state: 'done' })], offers: [offer('o1', 'i3')] }),
    );
    expect(view.user?.id).toBe('ana');
    expect(view.items.map((i) => i.id)).toEqual(['i1']);
    expect(view.offers.map((o) => o.offerId)).toEqual(['o1']);
  });

  it('shows an offer for this agent and removes it when revoked', () => {
    const offered = applyHubEvent(online(), { kind: 'offer', offer: offer('o1', 'i1') });
    expect(offered.offers).toHaveLength(1);
    const revoked = applyHubEvent(offered, { kind: 'offer-revoked', offerId: 'o1', itemId: 'i1', agentId: 'ana', reason: 'expired' });
    expect(revoked.offers).toEqual([]);
  });

  it('never shows another agent an offer meant for someone else', () => {
    const view = applyHubEvent(online(), { kind: 'offer', offer: offer('o9', 'i9', 'jordi') });
    expect(view.offers).toEqual([]);
  });

  it('does not duplicate an offer delivered twice', () => {
    const once = applyHubEvent(online(), { kind: 'offer', offer: offer('o1', 'i1') });
    const twice = applyHubEvent(once, { kind: 'offer', offer: offer('o1', 'i1') });
    expect(twice.offers).toHaveLength(1);
  });

  it('moves an accepted item into the workspace, drops its offer, and removes it when done', () => {
    const offered = applyHubEvent(online(), { kind: 'offer', offer: offer('o1', 'i1') });
    const accepted = applyHubEvent(offered, { kind: 'item', item: item('i1', { state: 'accepted', acceptedAt: '2025-01-01T10:00:05.000Z' }) });
    expect(accepted.offers).toEqual([]);
    expect(accepted.items.map((i) => [i.id, i.state])).toEqual([['i1', 'accepted']]);
    const wrap = applyHubEvent(accepted, { kind: 'item', item: item('i1', { state: 'wrap-up' }) });
    expect(wrap.items[0]?.state).toBe('wrap-up');
    const done = applyHubEvent(wrap, { kind: 'item', item: item('i1', { state: 'done', disposition: 'resolved' }) });
    expect(done.items).toEqual([]);
  });

  it('applies presence only for the signed-in agent', () => {
    const mine = applyHubEvent(online(), { kind: 'presence', presence: { agentId: 'ana', state: 'busy', reasonCode: null, since: '2025-01-01T10:00:05.000Z' } });
    expect(mine.presence?.state).toBe('busy');
    const theirs = applyHubEvent(mine, { kind: 'presence', presence: { agentId: 'jordi', state: 'offline', reasonCode: null, since: '2025-01-01T10:00:06.000Z' } });
    expect(theirs.presence?.state).toBe('busy');
  });

  it('takes the backlog from the snapshot, replaces it with each live update, and never persists it', () => {
    const correo = (email: number) => ({ queueId: 'correo', waiting: { voice: 0, chat: 0, email }, oldestSince: email ? '2025-01-01T10:00:00.000Z' : null });
    const view = applySnapshot(initialView('http://127.0.0.1:1'), snapshot({ backlog: [correo(2)] }));
    expect(view.backlog).toEqual([correo(2)]);
    const live = applyLiveUpdate(view, { kind: 'backlog', backlog: [correo(0)] });
    expect(live.backlog).toEqual([correo(0)]);
    expect(hubStateOf(live)).not.toHaveProperty('backlog');
    // Typing is for the chat panel, not the view: the same view comes back, so nothing is sent on.
    expect(applyLiveUpdate(live, { kind: 'chat-typing', itemId: 'i1', typing: true })).toBe(live);
  });
});
