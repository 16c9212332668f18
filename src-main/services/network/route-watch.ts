/**
 * Notices that the way to the desktop's servers (the hub, the SIP server) now leaves from another
 * local address: a laptop docked (the cable takes the route while the Wi-Fi stays up, then the
 * Wi-Fi goes), a VPN coming up, a new address after an outage. The browser gives a page no event
 * when one Ethernet-like link replaces another, and a TCP connection on the old address only
 * finds out at its next check (seconds for the SIP link, tens of seconds for the hub's); this
 * watch asks the OS itself, a few times a second, and says so at once.
 *
 * Asking is cheap and sends nothing: a UDP socket connected to the server's address makes the OS
 * look up the route and pick the source address, which the socket then reports.
 */
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP, isIPv6 } from 'node:net';

/** How often the routes are read: a docked laptop's calls move within this (and the phone's own work). */
export const ROUTE_CHECK_MS = 250;
/**
 * Moves are told at most this often. A route that keeps changing (a machine that spreads its
 * connections over two links) would otherwise replace every connection four times a second; a
 * move seen sooner is told when this has passed.
 */
export const ROUTE_MOVE_MIN_INTERVAL_MS = 2_000;
/** A server's name is looked up again this often, and whenever its route is missing. */
export const ROUTE_NAME_TTL_MS = 60_000;

/** A server the desktop keeps a connection to. */
export interface RouteDestination {
  host: string;
  port: number;
}

/** What a move says: since when the connections opened before may lead nowhere, and which route moved. */
export interface RouteMove {
  /** The last moment the old source address was still the route (Date.now()). */
  since: number;
  destination: string;
  from: string;
  to: string;
}

export interface RouteWatchDeps {
  /** The local address the OS would send from to reach `destination`; null when there is no route. */
  sourceAddress(destination: RouteDestination): Promise<string | null>;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The source address a destination's route last left from, and when it was last read. */
interface RouteReading {
  address: string;
  lastSeenAt: number;
}

/** The key a destination is known by, e.g. `10.0.0.1:5060`. */
export function destinationKey(destination: RouteDestination): string {
  return `${destination.host}:${destination.port}`;
}

/**
 * Where the desktop's connections go: host and port of each ws(s):// or http(s):// address, in
 * order, without repeats; addresses that do not parse are left out.
 */
export function routeDestinationsOf(urls: readonly (string | null | undefined)[]): RouteDestination[] {
  const found = new Map<string, RouteDestination>();
  for (const text of urls) {
    if (!text) continue;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    if (!secure && url.protocol !== 'http:' && url.protocol !== 'ws:') continue;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const destination = { host, port: url.port ? Number(url.port) : secure ? 443 : 80 };
    found.set(destinationKey(destination), destination);
  }
  return [...found.values()];
}

/**
 * Reads the route to each destination every ROUTE_CHECK_MS and calls `onMove` once per reading
 * in which any of them left from another address than before, at most once per
 * ROUTE_MOVE_MIN_INTERVAL_MS (a move seen sooner waits, with its date kept). A route that
 * disappears (no network) is not a move by itself; coming back from another address is.
 * Readings never overlap.
 */
export class RouteWatch {
  private readonly readings = new Map<string, RouteReading>();
  private destinations: RouteDestination[] = [];
  private timer: unknown = null;
  private reading = false;
  private stopped = false;
  /** When a move was last told, and a move seen since that waits for its turn. */
  private lastToldAt = -Infinity;
  private waiting: RouteMove | null = null;

  constructor(private readonly deps: RouteWatchDeps, private readonly onMove: (move: RouteMove) => void) {}

  /** Follows these destinations from now on (none: the watch idles); readings of kept ones stay. */
  follow(destinations: readonly RouteDestination[]): void {
    if (this.stopped) return;
    this.destinations = [...destinations];
    const kept = new Set(this.destinations.map(destinationKey));
    for (const key of this.readings.keys()) if (!kept.has(key)) this.readings.delete(key);
    if (this.destinations.length === 0) {
      // Signed out: a move still waiting for its turn concerns connections that are gone.
      this.waiting = null;
      this.cancelTimer();
      return;
    }
    if (this.timer === null && !this.reading) void this.readAll();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimeout(this.timer);
    this.timer = null;
  }

  private async readAll(): Promise<void> {
    this.timer = null;
    this.reading = true;
    const destinations = this.destinations;
    const addresses = await Promise.all(destinations.map((destination) => this.deps.sourceAddress(destination).catch(() => null)));
    this.reading = false;
    if (this.stopped) return;
    const at = this.deps.now();
    let moved: RouteMove | null = null;
    // Destinations let go of during the reading (a sign-out) are not noted again.
    const followed = new Set(this.destinations.map(destinationKey));
    destinations.forEach((destination, index) => {
      const key = destinationKey(destination);
      if (!followed.has(key)) return;
      const address = addresses[index] ?? null;
      // No route now: what counts is where it comes back from.
      if (address === null) return;
      const before = this.readings.get(key);
      if (before && before.address !== address) {
        const move = { since: before.lastSeenAt, destination: key, from: before.address, to: address };
        if (!moved || move.since < moved.since) moved = move;
      }
      this.readings.set(key, { address, lastSeenAt: at });
    });
    this.tell(moved, at);
    if (this.destinations.length > 0 && this.timer === null) this.timer = this.deps.setTimeout(() => void this.readAll(), ROUTE_CHECK_MS);
  }

  /**
   * Tells this reading's move (dated, with a waiting one, at the earlier of the two), or keeps it
   * waiting while a move was told less than ROUTE_MOVE_MIN_INTERVAL_MS ago.
   */
  private tell(moved: RouteMove | null, at: number): void {
    const waiting = this.waiting;
    const move = !moved ? waiting : waiting && waiting.since < moved.since ? { ...moved, since: waiting.since } : moved;
    if (!move) return;
    if (at - this.lastToldAt < ROUTE_MOVE_MIN_INTERVAL_MS) {
      this.waiting = move;
      return;
    }
    this.waiting = null;
    this.lastToldAt = at;
    this.onMove(move);
  }
}

/**
 * The OS's own answer, with names looked up at most every ROUTE_NAME_TTL_MS (the resolver is
 * not asked four times a second) and again whenever a name's route is missing.
 */
export function osSourceAddress(now: () => number = Date.now): (destination: RouteDestination) => Promise<string | null> {
  const names = new Map<string, { address: string; at: number }>();
  const resolve = async (host: string): Promise<string | null> => {
    if (isIP(host) !== 0) return host;
    const known = names.get(host);
    if (known && now() - known.at < ROUTE_NAME_TTL_MS) return known.address;
    try {
      const { address } = await lookup(host);
      names.set(host, { address, at: now() });
      return address;
    } catch {
      names.delete(host);
      return null;
    }
  };
  return async (destination) => {
    const address = await resolve(destination.host);
    if (address === null) return null;
    const source = await udpSourceAddress(address, destination.port);
    if (source === null) names.delete(destination.host);
    return source;
  };
}

/** The source address of a UDP socket connected to `address:port` (nothing is sent); null when there is no route. */
export function udpSourceAddress(address: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    const done = (source: string | null) => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      try {
        socket.close();
      } catch {
        // Already closed by the failed connect.
      }
      resolve(source);
    };
    socket.once('error', () => done(null));
    // With no route the connect fails (ENETUNREACH) and the socket stays on the any-address.
    socket.connect(port, address, (failed?: Error) => {
      if (failed) return done(null);
      try {
        const source = socket.address().address;
        done(source === '0.0.0.0' || source === '::' ? null : source);
      } catch {
        done(null);
      }
    });
  });
}
