/**
 * The lab's simulated colleagues take support chats and emails, work them, wrap up and come
 * back Ready, through the same center calls a desktop makes, so a supervisor watching the demo
 * sees the day's figures move. They never take sales chats or calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { startSimulatedAgents, withSimulatedAgents, type SimulatedAgents } from '../../../src-hub/sim/simulated-agents';
import pino from 'pino';
import { closeCenterOnDisk, openCenterOnDisk, type CenterOnDisk } from './support/center-on-disk';

let hub: CenterOnDisk | null = null;
let agents: SimulatedAgents | null = null;
afterEach(() => {
  agents?.stop();
  if (hub) closeCenterOnDisk(hub);
  hub = null;
});

describe('simulated agents', () => {
  it('take a support chat, finish it and count it on the dashboard; sales chats wait for a human', () => {
    hub = openCenterOnDisk('centralita-sim-agents-', withSimulatedAgents(demoHubConfig()));
    const { center, clock, store } = hub;
    agents = startSimulatedAgents(center, clock, pino({ level: 'silent' }), { acceptAfter: [2, 2], handleFor: [30, 30], wrapUpFor: [5, 5], breakChance: 0, breakFor: [1, 1] });
    expect(store.presence.get('sim-lucia')?.state).toBe('ready');

    const support = center.submitWork({ channel: 'chat', queueId: 'soporte', from: 'a@example.es', subject: 'No funciona' });
    const sales = center.submitWork({ channel: 'chat', queueId: 'ventas', from: 'b@example.es', subject: 'Precio' });
    if (!support.ok || !sales.ok) throw new Error('intake failed');
    clock.advance(60_000);

    expect(store.items.get(support.value.id)).toMatchObject({ state: 'done', disposition: 'resolved' });
    expect(store.items.get(support.value.id)?.agentId).toMatch(/^sim-/);
    expect(store.items.get(sales.value.id)?.state).toBe('queued');
    const dashboard = center.supervision.dashboardFor('sara');
    expect(dashboard?.queues.find((q) => q.queueId === 'soporte')).toMatchObject({ answered: 1, answeredWithinThreshold: 1 });
    expect(dashboard?.agents.filter((a) => a.agentId.startsWith('sim-')).reduce((n, a) => n + a.handledToday, 0)).toBe(1);
  });

  it('cannot be signed in as: their passwords are random and never printed', () => {
    const config = withSimulatedAgents(demoHubConfig());
    const sim = config.users.filter((u) => u.id.startsWith('sim-'));
    expect(sim).toHaveLength(2);
    for (const user of sim) expect(user.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(withSimulatedAgents(config).users).toHaveLength(config.users.length);
  });
});
