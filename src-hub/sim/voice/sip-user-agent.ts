/**
 * A SIP.js UserAgent for a simulated party in Node: SIP over WebSocket with SIP.js's own
 * WebSocket transport (Node 22's global WebSocket), our werift media handler, and SIP.js's log
 * routed to the hub's pino logger at debug level.
 */
import { UserAgent, type LogLevel } from 'sip.js';
import type { HubLogger } from '../../log';
import { WeriftMediaHandler, type WeriftMediaOptions } from './werift-media-handler';

export interface SimulatedUserAgentOptions {
  /** ws://host:port/ws/sip */
  sipUrl: string;
  /** SIP user part: an E.164 number for a caller, `pstn` for the outside world. */
  user: string;
  sipDomain: string;
  displayName?: string;
  /** Digest credentials, when the proxy asks for them. */
  password?: string;
  media: Omit<WeriftMediaOptions, 'logger'>;
  logger: HubLogger;
}

export function hasGlobalWebSocket(): boolean {
  return typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';
}

export function sipUri(user: string, domain: string): ReturnType<typeof UserAgent.makeURI> {
  return UserAgent.makeURI(`sip:${user}@${domain}`);
}

export function createSimulatedUserAgent(options: SimulatedUserAgentOptions): UserAgent {
  if (!hasGlobalWebSocket()) throw new Error('simulated SIP parties need a global WebSocket (Node 22 or newer)');
  const uri = sipUri(options.user, options.sipDomain);
  if (!uri) throw new Error(`not a SIP user part: ${options.user}`);
  const log = options.logger;
  return new UserAgent({
    uri,
    displayName: options.displayName,
    transportOptions: { server: options.sipUrl, connectionTimeout: 5 },
    authorizationUsername: options.password ? options.user : undefined,
    authorizationPassword: options.password,
    sessionDescriptionHandlerFactory: WeriftMediaHandler.factory({ ...options.media, logger: log }),
    logBuiltinEnabled: false,
    logConfiguration: false,
    // SIP.js's "log" level carries every SIP message: useful at debug, silent otherwise.
    logLevel: log.isLevelEnabled('debug') ? 'debug' : 'warn',
    logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
      const fields = { sip: category, user: options.user };
      if (level === 'error') log.warn(fields, content);
      else log.debug(fields, content);
    },
    userAgentString: 'Centralita lab simulator',
  });
}

/** The werift handler behind a SIP.js session, if it has one yet. */
export function mediaOf(handler: unknown): WeriftMediaHandler | null {
  return handler instanceof WeriftMediaHandler ? handler : null;
}
