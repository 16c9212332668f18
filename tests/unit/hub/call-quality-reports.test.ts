/**
 * Call quality reports on a real SQLite file: the agent's desktop reports a finished call's
 * summary; the supervisor's agent list shows the agent's last call, the customer's timeline shows
 * each call's quality, a repeated report replaces the first, and nobody reports another agent's call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallQualitySummary } from '../../../src-common/call-quality';
import type { ItemView } from '../../../src-common/domain';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp, type Caller } from '../../../src-hub/server/desktop-ops';
import { closeCenterOnDisk, openCenterOnDisk, type CenterOnDisk } from './support/center-on-disk';

const ana: Caller = { userId: 'ana', role: 'agent' };
const jordi: Caller = { userId: 'jordi', role: 'agent' };

describe('call quality reports', () => {
  let hub: CenterOnDisk;
  const op = (caller: Caller, name: Parameters<typeof runDesktopOp>[2], params: unknown, key?: string) =>
    runDesktopOp({ center: hub.center, idempotency: hub.store.idempotency, clock: hub.clock }, caller, name, params, key);
  const summary = (itemId: string, mos: number): CallQualitySummary => ({ itemId, seconds: 42, mosAverage: mos, mosMin: mos - 0.5, mainProblem: mos < 3.6 ? 'network' : 'good', lossPercentMax: 4, jitterMsMax: 30, rttMsMax: 120 });

  beforeEach(() => {
    hub = openCenterOnDisk('centralita-call-quality-', demoHubConfig());
    hub.center.setState('ana', 'ready', null);
  });
  afterEach(() => closeCenterOnDisk(hub));

  it('shows the agent’s last call to the supervisor and each call’s quality in the customer’s timeline', () => {
    const dialled = op(ana, 'startOutboundCall', { number: '+34600100200', customerId: null }, 'dial-1');
    if (!dialled.ok) throw new Error(dialled.error.message);
    const call = dialled.value as ItemView;
    expect(op(jordi, 'reportCallQuality', summary(call.id, 4.1))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(op(ana, 'reportCallQuality', summary(call.id, 2.9), 'q-1')).toEqual({ ok: true, value: null });
    // The outbox may replay; a second report of the same call replaces the first.
    expect(op(ana, 'reportCallQuality', summary(call.id, 3.1), 'q-2')).toEqual({ ok: true, value: null });

    const anaRow = hub.center.supervision.dashboardFor('sara')?.agents.find((a) => a.agentId === 'ana');
    expect(anaRow?.lastCall).toMatchObject({ mosAverage: 3.1, mainProblem: 'network' });
    expect(hub.center.supervision.dashboardFor('sara')?.agents.find((a) => a.agentId === 'jordi')?.lastCall).toBeNull();

    expect(hub.center.endWork('ana', call.id).ok).toBe(true);
    expect(hub.center.wrapUp('ana', call.id, 'resolved', '').ok).toBe(true);
    const timeline = hub.center.customers.context(call.customerId ?? '')?.timeline ?? [];
    expect(timeline.find((entry) => entry.channel === 'voice')?.callQuality).toEqual({ mosAverage: 3.1, mosMin: 2.6, mainProblem: 'network' });
  });
});
