import { describe, expect, it } from 'vitest';
import { ROUTE_CHECK_MS, ROUTE_MOVE_MIN_INTERVAL_MS, RouteWatch, routeDestinationsOf, udpSourceAddress, type RouteMove } from '../../../src-main/services/network/route-watch';

/** A clock the test moves, and routes it sets: each reading of a destination returns its address now. */
function scriptedRoutes() {
  let now = 1_000_000;
  const timers: Array<{ at: number; run: () => void }> = [];
  const routes = new Map<string, string | null>();
  const readings: string[] = [];
  const moves: RouteMove[] = [];
  const watch = new RouteWatch(
    {
      sourceAddress: async ({ host, port }) => {
        readings.push(`${host}:${port}`);
        return routes.get(`${host}:${port}`) ?? null;
      },
      setTimeout: (run, ms) => {
        const timer = { at: now + ms, run };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        const index = timers.indexOf(handle as (typeof timers)[number]);
        if (index >= 0) timers.splice(index, 1);
      },
      now: () => now,
    },
    (move) => moves.push(move),
  );
  /** Moves the clock one check on and lets that reading finish. */
  const tick = async () => {
    now += ROUTE_CHECK_MS;
    for (const timer of timers.splice(0).filter((t) => t.at <= now)) timer.run();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { watch, routes, readings, moves, tick, settle, now: () => now, pendingTimers: () => timers.length };
}

const hub = { host: 'hub.example', port: 443 };
const sip = { host: '10.0.0.5', port: 8443 };

describe('the desktop watching its routes to the servers', () => {
  it('says nothing while each server is reached from the same address', async () => {
    const r = scriptedRoutes();
    r.routes.set('hub.example:443', '192.168.1.20').set('10.0.0.5:8443', '192.168.1.20');
    r.watch.follow([hub, sip]);
    await r.settle();
    for (let i = 0; i < 8; i += 1) await r.tick();
    expect(r.readings.length).toBeGreaterThanOrEqual(16);
    expect(r.moves).toEqual([]);
  });

  it('says once, dated at the last reading of the old address, when the route leaves from another address (a dock)', async () => {
    const r = scriptedRoutes();
    r.routes.set('hub.example:443', '192.168.1.20').set('10.0.0.5:8443', '192.168.1.20');
    r.watch.follow([hub, sip]);
    await r.settle();
    await r.tick();
    const lastOld = r.now();
    r.routes.set('hub.example:443', '10.1.0.9').set('10.0.0.5:8443', '10.1.0.9');
    await r.tick();
    await r.tick();
    expect(r.moves).toEqual([{ since: lastOld, destination: 'hub.example:443', from: '192.168.1.20', to: '10.1.0.9' }]);
  });

  it('tells a route that keeps changing at most once per interval, the waiting move dated at its first old reading', async () => {
    const r = scriptedRoutes();
    r.routes.set('10.0.0.5:8443', '192.168.1.20');
    r.watch.follow([sip]);
    await r.settle();
    const firstOld = r.now();
    const readings = (ROUTE_MOVE_MIN_INTERVAL_MS * 1.5) / ROUTE_CHECK_MS;
    let secondOld = 0;
    for (let i = 0; i < readings; i += 1) {
      if (i === 1) secondOld = r.now();
      r.routes.set('10.0.0.5:8443', i % 2 === 0 ? '10.1.0.9' : '192.168.1.20');
      await r.tick();
    }
    // The first move at once, then one more when the interval has passed: not one per reading.
    expect(r.moves).toHaveLength(2);
    expect(r.moves[0]?.since).toBe(firstOld);
    expect(r.moves[1]?.since).toBe(secondOld);
  });

  it('does not count a route that goes away as a move, but does count it coming back from a new address', async () => {
    const r = scriptedRoutes();
    r.routes.set('10.0.0.5:8443', '192.168.1.20');
    r.watch.follow([sip]);
    await r.settle();
    const lastOld = r.now();
    r.routes.set('10.0.0.5:8443', null);
    await r.tick();
    await r.tick();
    expect(r.moves).toEqual([]);
    // Back on the same address: the old connection may well still work; nothing to say.
    r.routes.set('10.0.0.5:8443', '192.168.1.20');
    await r.tick();
    expect(r.moves).toEqual([]);
    const seenAgain = r.now();
    r.routes.set('10.0.0.5:8443', null);
    await r.tick();
    r.routes.set('10.0.0.5:8443', '192.168.7.3');
    await r.tick();
    expect(r.moves).toEqual([{ since: seenAgain, destination: '10.0.0.5:8443', from: '192.168.1.20', to: '192.168.7.3' }]);
    expect(seenAgain).toBeGreaterThan(lastOld);
  });

  it('a desktop started with no network: the first route it finds is not a move', async () => {
    const r = scriptedRoutes();
    r.watch.follow([sip]);
    await r.settle();
    await r.tick();
    r.routes.set('10.0.0.5:8443', '192.168.1.20');
    await r.tick();
    await r.tick();
    expect(r.moves).toEqual([]);
  });

  it('stops reading when it follows nothing (signed out) or is stopped, and forgets servers it no longer follows', async () => {
    const r = scriptedRoutes();
    r.routes.set('10.0.0.5:8443', '192.168.1.20');
    r.watch.follow([sip]);
    await r.settle();
    r.watch.follow([]);
    expect(r.pendingTimers()).toBe(0);
    const read = r.readings.length;
    await r.tick();
    expect(r.readings.length).toBe(read);
    // Followed again later from another network: a fresh start, not a move.
    r.routes.set('10.0.0.5:8443', '10.9.9.9');
    r.watch.follow([sip]);
    await r.settle();
    await r.tick();
    expect(r.moves).toEqual([]);
    r.watch.stop();
    await r.tick();
    expect(r.pendingTimers()).toBe(0);
  });

  it('a server let go of while its route was being read is forgotten: followed again from another network, that is not a move', async () => {
    let answer: (address: string) => void = () => undefined;
    const moves: RouteMove[] = [];
    const watch = new RouteWatch(
      {
        sourceAddress: () => new Promise<string>((resolve) => (answer = resolve)),
        setTimeout: () => ({}),
        clearTimeout: () => undefined,
        now: () => 5_000,
      },
      (move) => moves.push(move),
    );
    watch.follow([sip]);
    watch.follow([]);
    answer('192.168.1.20');
    await new Promise((resolve) => setImmediate(resolve));
    watch.follow([sip]);
    answer('10.9.9.9');
    await new Promise((resolve) => setImmediate(resolve));
    expect(moves).toEqual([]);
  });

  it('asks the OS: loopback is reached from loopback, and a destination the OS will not route to gives none', async () => {
    expect(await udpSourceAddress('127.0.0.1', 9)).toBe('127.0.0.1');
    expect(await udpSourceAddress('::1', 9)).toBe('::1');
    // Broadcast without the socket's broadcast flag: the connect fails (EACCES), as it does with no route (ENETUNREACH).
    expect(await udpSourceAddress('255.255.255.255', 9)).toBeNull();
  });
});

describe('where the desktop connects (the destinations it watches)', () => {
  it('takes host and port from hub and SIP server addresses, with default ports, once each', () => {
    expect(routeDestinationsOf(['https://hub.example', 'wss://sip.example:8443/ws', 'http://127.0.0.1:8600', 'ws://[::1]:5066', 'https://hub.example/other', null, undefined, 'not a url', 'ftp://x.example'])).toEqual([
      { host: 'hub.example', port: 443 },
      { host: 'sip.example', port: 8443 },
      { host: '127.0.0.1', port: 8600 },
      { host: '::1', port: 5066 },
    ]);
  });
});
