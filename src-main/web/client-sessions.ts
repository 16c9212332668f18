/**
 * One MainServices per browser tab (client id), created on the tab's first connect, kept
 * across reloads and short network blips, and closed after an idle period with no socket.
 * In web mode this is what makes two browser contexts two separate agents.
 */
import type { Logger } from 'pino';
import type { MainServices } from '../services/main-services';
import type { IpcEventName, IpcEventPayload } from '../../src-common/ipc';

export type ServicesFactory = (clientId: string) => Promise<MainServices>;
export type EventSink = <K extends IpcEventName>(name: K, payload: IpcEventPayload<K>) => void;

interface ClientSession {
  services: Promise<MainServices>;
  sinks: Set<EventSink>;
  idleTimer: NodeJS.Timeout | null;
  unsubscribe: (() => void) | null;
}

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export class ClientSessions {
  private readonly sessions = new Map<string, ClientSession>();

  constructor(
    private readonly factory: ServicesFactory,
    private readonly idleCloseMs: number,
    private readonly maxSessions: number,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Attaches a socket's event sink to the client's session, creating the session if needed. */
  async attach(clientId: string, sink: EventSink): Promise<MainServices | null> {
    let session = this.sessions.get(clientId);
    if (!session) {
      if (this.sessions.size >= this.maxSessions) {
        this.log.warn({ clientId }, 'refused a new browser session: too many open');
        return null;
      }
      const created: ClientSession = { services: this.factory(clientId), sinks: new Set(), idleTimer: null, unsubscribe: null };
      this.sessions.set(clientId, created);
      session = created;
      this.log.info({ clientId }, 'browser session started');
      const services = await created.services.catch((error: unknown) => {
        this.log.error({ err: error, clientId }, 'could not start desktop services for a browser session');
        this.sessions.delete(clientId);
        return null;
      });
      if (!services) return null;
      created.unsubscribe = services.onEvent((name, payload) => {
        for (const forward of created.sinks) forward(name, payload);
      });
    }
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = null;
    session.sinks.add(sink);
    const services = await session.services.catch(() => null);
    // A tab shows this desktop again: the agent's readiness follows the page.
    services?.setWindowAttached(true);
    return services;
  }

  /** Detaches a socket; the last one leaving starts the idle countdown. */
  detach(clientId: string, sink: EventSink): void {
    const session = this.sessions.get(clientId);
    if (!session) return;
    session.sinks.delete(sink);
    if (session.sinks.size > 0 || session.idleTimer) return;
    // No tab shows this desktop: the hub hears it and, past a grace, sets a Ready agent Not Ready.
    void session.services.then((services) => services.setWindowAttached(false)).catch(() => undefined);
    session.idleTimer = setTimeout(() => void this.closeSession(clientId), this.idleCloseMs);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.closeSession(id)));
  }

  private async closeSession(clientId: string): Promise<void> {
    const session = this.sessions.get(clientId);
    if (!session) return;
    this.sessions.delete(clientId);
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.unsubscribe?.();
    const services = await session.services.catch(() => null);
    await services?.close();
    this.log.info({ clientId }, 'browser session closed');
  }
}
