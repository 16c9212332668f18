/**
 * The 15-minute interval report is read from stored items: after a hub restart it is the same,
 * each interval counts what arrived in it per queue and what each agent finished in it, and the
 * CSV a supervisor exports opens in a spreadsheet with the same figures.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { intervalReportCsv } from '../../../src-common/supervisor';
import type { WorkSubmission } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp } from '../../../src-hub/server/desktop-ops';
import { localIso } from '../../../src-hub/supervision/interval-report';
import { closeCenterOnDisk, openCenterOnDisk, openStoreIn, startCenterOn, type CenterOnDisk } from './support/center-on-disk';

const chat = (from: string): WorkSubmission => ({ channel: 'chat', queueId: 'ventas', from, subject: 'Pedido, "urgente"' });
let hub: CenterOnDisk | null = null;
afterEach(() => {
  if (hub) closeCenterOnDisk(hub);
  hub = null;
});

describe('interval report', () => {
  it('counts arrivals per queue and finished work per agent in 15-minute intervals, the same after a restart', () => {
    hub = openCenterOnDisk('centralita-intervals-', demoHubConfig());
    const { center, clock } = hub;
    const day = localIso(clock.now()).slice(0, 10);
    center.setState('ana', 'ready', null);
    center.submitWork(chat('a@example.es'));
    const first = new Date(clock.now());
    clock.advance(5_000);
    const offer = center.snapshot('ana')?.offers[0];
    const accepted = offer ? center.acceptOffer('ana', offer.offerId) : null;
    if (!accepted?.ok) throw new Error('accept failed');
    clock.advance(16 * 60_000);
    center.endWork('ana', accepted.value.id);
    center.wrapUp('ana', accepted.value.id, 'resolved', '');
    center.setState('ana', 'not-ready', 'break');
    const b = center.submitWork(chat('b@example.es'));
    clock.advance(60_000);
    if (!b.ok || !center.abandon(b.value.id).ok) throw new Error('abandon failed');

    const ctx = () => ({ center: hub!.center, idempotency: hub!.store.idempotency, clock: hub!.clock });
    const ask = () => runDesktopOp(ctx(), { userId: 'sara', role: 'supervisor' }, 'getIntervalReport', { day }, undefined);
    const before = ask();
    if (!before.ok) throw new Error(before.error.message);
    const rows = before.value as { intervalStart: string; kind: string; id: string; offered: number; answered: number; abandoned: number; handled: number; averageHandleSeconds: number | null; serviceLevel: number | null }[];
    const firstInterval = new Date(first);
    firstInterval.setMinutes(Math.floor(first.getMinutes() / 15) * 15, 0, 0);
    expect(rows.filter((r) => r.kind === 'queue')).toMatchObject([
      { intervalStart: localIso(firstInterval.getTime()), id: 'ventas', offered: 1, answered: 1, abandoned: 0, serviceLevel: 1 },
      { id: 'ventas', offered: 1, answered: 0, abandoned: 1, serviceLevel: 0 },
    ]);
    expect(rows.filter((r) => r.kind === 'agent')).toMatchObject([{ id: 'ana', handled: 1, averageHandleSeconds: 960 }]);

    // Restart the hub on the same file: the report comes from storage, not memory.
    hub.center.stop();
    hub.store.close();
    const store = openStoreIn(hub.dir);
    hub = { ...hub, store, center: startCenterOn(demoHubConfig(), store, hub.clock) };
    expect(ask()).toEqual(before);

    const csv = intervalReportCsv(rows as never);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('intervalStart,kind,id,offered,answered,answeredWithinThreshold,abandoned,shortAbandoned,serviceLevel,averageSpeedOfAnswerSeconds,handled,averageHandleSeconds');
    expect(lines).toHaveLength(rows.length + 1);
  });

  it('quotes CSV fields that hold commas, quotes or line breaks', () => {
    const csv = intervalReportCsv([
      { intervalStart: '2026-03-02T09:00:00+00:00', kind: 'queue', id: 'a,"b"\nc', offered: 1, answered: 0, answeredWithinThreshold: 0, abandoned: 0, shortAbandoned: 0, serviceLevel: null, averageSpeedOfAnswerSeconds: null, handled: 0, averageHandleSeconds: null },
    ]);
    expect(csv.split('\r\n')[1]).toBe('2026-03-02T09:00:00+00:00,queue,"a,""b""\nc",1,0,0,0,0,,,0,');
  });
});
