import { describe, expect, it } from 'vitest';
import type { QueueStats, SupervisorDashboard } from '../../../src-common/supervisor';
import { queuesTurningRed } from '../../../src-main/electron/queue-alerts';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
function queue(id: string, over: Partial<QueueStats>): QueueStats {
  return {
    queueId: id, name: id, names: { es: `Cola ${id}`, en: `Queue ${id}` }, channel: 'chat', waiting: 0, oldestSince: null, offered: 0, answered: 0, answeredWithinThreshold: 0,
    abandoned: 0, shortAbandoned: 0, serviceLevel: null, thresholdSeconds: 20, serviceLevelTarget: 0.8, maxWaitSeconds: 60, averageSpeedOfAnswerSeconds: null,
    averageHandleSeconds: null, agents: { ready: 0, busy: 0, notReady: 0 }, ...over,
  };
}
const dashboard = (queues: QueueStats[]): SupervisorDashboard => ({ at: new Date(NOW).toISOString(), queues, agents: [] });

describe('queue alerts for a supervisor in the background', () => {
  it('names each queue once as it turns red, in the supervisor\u2019s language, and again only after it recovered', () => {
    const waitingLong = queue('ventas', { waiting: 1, oldestSince: new Date(NOW - 61_000).toISOString() });
    const lowLevel = queue('soporte', { serviceLevel: 0.5 });
    const first = queuesTurningRed(new Set(), dashboard([waitingLong, lowLevel, queue('correo', {})]), NOW, 'es');
    expect(first.fresh).toEqual(['Cola ventas', 'Cola soporte']);
    const still = queuesTurningRed(first.alerting, dashboard([waitingLong, lowLevel]), NOW + 5_000, 'en');
    expect(still.fresh).toEqual([]);
    const recovered = queuesTurningRed(still.alerting, dashboard([queue('ventas', {}), lowLevel]), NOW, 'en');
    expect(recovered.fresh).toEqual([]);
    expect(queuesTurningRed(recovered.alerting, dashboard([waitingLong, lowLevel]), NOW, 'en').fresh).toEqual(['Queue ventas']);
  });

  it('says nothing without a dashboard (an agent)', () => {
    expect(queuesTurningRed(new Set(), null, NOW, 'es')).toEqual({ alerting: new Set(), fresh: [] });
  });
});
