/**
 * Main services send each window what changed in the agent's view, not the whole view again on
 * every hub event: an offer sends the offers, the agent's own state sends the presence, and a
 * window that applies the changes in order holds exactly the view main holds. A restarted main
 * numbers its changes apart, so a window never applies them onto the old view.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopView, ViewChange } from '../../src-common/ipc';
import { applyViewChange } from '../../src-common/view-change';
import { DesktopClient } from './helpers/desktop-client';
import { createWorkItem, loginToken, PASSWORD, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

describe('view changes from main services to a window', () => {
  it('carry only what changed, and applied in order give the view main holds', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: hub.url });
    cleanups.push(() => ana.close());
    const changes: ViewChange[] = [];
    ana.services.onEvent((name, payload) => {
      if (name === 'view') changes.push(payload as ViewChange);
    });
    const start = await ana.must('view.get', {});

    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    await ana.waitFor('ana ready', (c) => c.view?.presence?.state === 'ready');
    const beforeOffer = changes.length;
    const admin = await loginToken(hub.url, 'admin');
    const created = await createWorkItem(hub.url, admin, { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject: 'Factura duplicada' });
    await ana.waitFor('offer', (c) => c.view?.offers.some((o) => o.item.id === created.id));

    const offerChanges = changes.slice(beforeOffer).filter((c) => c.changes.offers?.some((o) => o.item.id === created.id));
    expect(offerChanges.length).toBeGreaterThan(0);
    for (const change of offerChanges) {
      // The offer does not resend who the agent is, their configuration or their items.
      expect(change.changes.user, 'user').toBeUndefined();
      expect(change.changes.config, 'config').toBeUndefined();
      expect(change.changes.items, 'items').toBeUndefined();
    }

    let mirror: DesktopView | null = start;
    for (const change of changes) mirror = applyViewChange(mirror, change);
    const now = await ana.must('view.get', {});
    expect(mirror).toEqual(now);
  });

  it('are refused by a window whose view is from another run of main, which then reads it whole', () => {
    const old: DesktopView = { status: 'online', hubUrl: 'http://127.0.0.1:1', user: null, lastError: null, presence: null, offers: [], items: [], config: null, serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [], revision: 'aaaa.3' };
    expect(applyViewChange(old, { since: 'bbbb.3', revision: 'bbbb.4', changes: { outboxPending: 2 } })).toBeNull();
    expect(applyViewChange(old, { since: 'aaaa.2', revision: 'aaaa.3', changes: { outboxPending: 2 } })).toBeNull();
    expect(applyViewChange(null, { since: 'aaaa.3', revision: 'aaaa.4', changes: { outboxPending: 2 } })).toBeNull();
    expect(applyViewChange(old, { since: 'aaaa.3', revision: 'aaaa.4', changes: { outboxPending: 2 } })).toMatchObject({ outboxPending: 2, revision: 'aaaa.4', status: 'online' });
  });
});
