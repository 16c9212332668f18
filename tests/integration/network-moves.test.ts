/**
 * A desktop whose route to the hub moves (docked: the cable takes over, the Wi-Fi goes): its hub
 * link is still open at both ends and leads nowhere. The real MainServices and hub, a proxy that
 * silently stops carrying the old connection, and a route reading the test moves (the OS's own
 * reading is tested on its own and, through a network namespace, in tests/interop).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteDestination, RouteWatchDeps } from '../../src-main/services/network/route-watch';
import { DesktopClient } from './helpers/desktop-client';
import { PASSWORD, startTestHub } from './helpers/hub-fixture';
import { TcpProxy } from './helpers/tcp-proxy';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

/** The local address each destination leaves from, as the test sets it; every reading is kept. */
function movableRoutes() {
  let source = '192.168.1.20';
  const asked: RouteDestination[] = [];
  const deps: RouteWatchDeps = {
    sourceAddress: async (destination) => {
      asked.push(destination);
      return source;
    },
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    now: Date.now,
  };
  return { deps, asked, moveTo: (address: string) => (source = address) };
}

async function anaDocking() {
  const hub = await startTestHub(temp.make('centralita-hub-'));
  cleanups.push(() => hub.stop());
  const proxy = await TcpProxy.start(hub.port);
  cleanups.push(() => proxy.stop());
  const routes = movableRoutes();
  const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: proxy.url, routeWatch: routes.deps });
  cleanups.push(() => ana.close());
  const moves: number[] = [];
  ana.services.onEvent((name, payload) => {
    if (name === 'network') moves.push((payload as { since: number }).since);
  });
  await ana.must('session.login', { username: 'ana', password: PASSWORD });
  return { proxy, routes, ana, moves };
}

describe('the route to the hub moves under a signed-in desktop', () => {
  it('opens a new hub link at once, so what the agent does next reaches the hub in well under a second, and tells the phone', async () => {
    const { proxy, routes, ana, moves } = await anaDocking();
    // The hub's address (and, once provisioned, the SIP server's) is what the desktop watches.
    await ana.waitFor('the route to the hub read', () => routes.asked.some((destination) => destination.host === '127.0.0.1' && destination.port === proxy.port));
    const linksBefore = proxy.connections;

    proxy.stall();
    const movedAt = Date.now();
    routes.moveTo('10.20.0.7');
    await ana.waitFor('a new hub link', () => proxy.connections > linksBefore, 2_000);
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });
    await ana.waitFor('Ready, as the hub says', (c) => c.view?.presence?.state === 'ready', 2_000);
    const readyAfterMs = Date.now() - movedAt;
    console.log(`route moved: hub link replaced and Ready confirmed by the hub ${readyAfterMs} ms later`);
    expect(readyAfterMs).toBeLessThan(1_000);
    expect(ana.view?.status).toBe('online');

    // One word for the phone, dated before the move was read (the last reading of the old address).
    expect(moves).toHaveLength(1);
    expect(moves[0]).toBeLessThanOrEqual(movedAt);
    expect(moves[0]).toBeGreaterThan(movedAt - 1_000);
  }, 30_000);

  it('without a move, the same dead link holds the agent\'s action back (the control for the case above)', async () => {
    const { proxy, ana, moves } = await anaDocking();
    proxy.stall();
    const stalledAt = Date.now();
    await ana.invoke('agent.setState', { state: 'ready', reasonCode: null });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stalledAt + 1_500 - Date.now())));
    expect(ana.view?.presence?.state).not.toBe('ready');
    expect(moves).toEqual([]);
  }, 30_000);

  it('after signing out it no longer reads the routes', async () => {
    const { routes, ana } = await anaDocking();
    await ana.must('session.logout', {});
    const readings = routes.asked.length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(routes.asked.length).toBeLessThanOrEqual(readings + 2);
  }, 30_000);
});
