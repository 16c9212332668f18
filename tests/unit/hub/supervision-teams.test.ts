/**
 * Teams on a real SQLite store: a team lead who supervises only their team sees and steers its
 * agents whatever queues they serve (and no queue tiles of their own), can listen to their calls
 * and chats, and is refused, and audited, on anyone else. A configuration naming a team that does
 * not exist is refused with the path of the typo.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubConfig } from '../../../src-common/hub-config';
import { CallSupervision } from '../../../src-hub/channels/voice/call-supervision';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp, type Caller } from '../../../src-hub/server/desktop-ops';
import { VoiceGrants } from '../../../src-hub/supervision/voice-grants';
import type { HubChannel } from '../../../src-hub/channels/channel';
import { closeCenterOnDisk, openCenterOnDisk, type CenterOnDisk } from './support/center-on-disk';

const lidia: Caller = { userId: 'lidia', role: 'supervisor' };

function teamsConfig(): HubConfig {
  const demo = demoHubConfig();
  return HubConfig.parse({
    ...demo,
    teams: [{ id: 'norte', name: 'Equipo Norte' }],
    users: [
      ...demo.users.map((u) => (u.id === 'ana' ? { ...u, team: 'norte' } : u)),
      { id: 'lidia', username: 'lidia', displayName: 'Lidia Soler', role: 'supervisor', password: 'centralita', supervisesTeams: ['norte'] },
    ],
  });
}

describe('teams', () => {
  let hub: CenterOnDisk;
  let voice: HubChannel;
  const op = (caller: Caller, name: Parameters<typeof runDesktopOp>[2], params: unknown, key?: string) =>
    runDesktopOp({ center: hub.center, idempotency: hub.store.idempotency, clock: hub.clock, channels: [voice] }, caller, name, params, key);

  beforeEach(() => {
    hub = openCenterOnDisk('centralita-teams-', teamsConfig());
    const supervision = new CallSupervision({ config: teamsConfig(), store: hub.store, clock: hub.clock, center: hub.center }, new VoiceGrants(randomBytes(32)));
    voice = { name: 'voice', desktopOps: { superviseCall: (caller, p) => supervision.superviseCall(caller, p) } };
    hub.center.setState('ana', 'ready', null);
    hub.center.setState('jordi', 'ready', null);
  });
  afterEach(() => closeCenterOnDisk(hub));

  it('a team lead sees and steers their team only, and listens to its calls only', () => {
    const dashboard = hub.center.supervision.dashboardFor('lidia');
    expect(dashboard?.queues).toEqual([]);
    expect(dashboard?.agents.map((a) => [a.agentId, a.team])).toEqual([['ana', 'Equipo Norte']]);

    expect(op(lidia, 'forceAgentState', { agentId: 'ana', state: 'not-ready', reasonCode: 'break' })).toMatchObject({ ok: true });
    expect(op(lidia, 'forceAgentState', { agentId: 'jordi', state: 'not-ready', reasonCode: 'break' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Jordi Puig does not work in a queue or team you supervise.' },
    });

    hub.center.setState('ana', 'ready', null);
    expect(op({ userId: 'ana', role: 'agent' }, 'startOutboundCall', { number: '+34600100200', customerId: null }, 'dial-ana').ok).toBe(true);
    expect(op({ userId: 'jordi', role: 'agent' }, 'startOutboundCall', { number: '+34600100300', customerId: null }, 'dial-jordi').ok).toBe(true);
    expect(op(lidia, 'superviseCall', { agentId: 'ana', mode: 'monitor' })).toMatchObject({ ok: true });
    expect(op(lidia, 'superviseCall', { agentId: 'jordi', mode: 'monitor' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const refused = hub.store.supervision.latestAudit(10).filter((e) => e.actorId === 'lidia' && e.outcome === 'refused').map((e) => e.action);
    expect(refused).toEqual(['superviseCall', 'forceAgentState']);
  });

  it('refuses a configuration that names a team it does not define', () => {
    const demo = demoHubConfig();
    const parsed = HubConfig.safeParse({ ...demo, teams: [{ id: 'norte', name: 'Norte' }], users: demo.users.map((u) => (u.id === 'ana' ? { ...u, team: 'nrote' } : u)) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('users.0.team: unknown team "nrote"');
  });
});
