/**
 * Registrar and location service: AOR → bindings on live WebSocket connections (RFC 3261 10),
 * plus contact → connection, learned from every message a connection sends, so in-dialog
 * requests whose Request-URI is a phone's `*.invalid` contact reach the socket it came from.
 */
import type { SipConnection } from './sip-connection';

export const MAX_EXPIRES_S = 3600;
export const DEFAULT_EXPIRES_S = 600;

export interface Binding {
  aor: string;
  /** The contact URI as the phone wrote it (the Request-URI of requests sent to it). */
  contact: string;
  connection: SipConnection;
  expiresAt: number;
  registeredAt: number;
}

/** `sip:ana@lab.centralita;transport=ws` → `ana@lab.centralita` (what identifies a contact). */
export function contactKey(user: string | undefined, host: string, port?: number): string {
  return `${user ?? ''}@${host.toLowerCase()}${port ? `:${port}` : ''}`;
}

export class Registrar {
  private readonly bindings = new Map<string, Binding[]>();
  private readonly contacts = new Map<string, SipConnection>();

  constructor(private readonly now: () => number) {}

  /** Adds or refreshes a binding; expires 0 removes it. */
  bind(aor: string, contact: string, key: string, connection: SipConnection, expiresS: number): void {
    const list = (this.bindings.get(aor) ?? []).filter((b) => b.contact !== contact && b.connection.open);
    if (expiresS > 0) {
      const now = this.now();
      list.push({ aor, contact, connection, expiresAt: now + expiresS * 1000, registeredAt: now });
      this.contacts.set(key, connection);
    }
    this.store(aor, list);
  }

  unbindAll(aor: string): void {
    this.bindings.delete(aor);
  }

  /** Live bindings of an AOR, newest first. */
  lookup(aor: string): Binding[] {
    const now = this.now();
    const live = (this.bindings.get(aor) ?? []).filter((b) => b.expiresAt > now && b.connection.open);
    this.store(aor, live);
    return [...live].sort((a, b) => b.registeredAt - a.registeredAt);
  }

  /** Remembers which connection a contact belongs to (never steals one owned by another live socket). */
  learnContact(key: string, connection: SipConnection): void {
    const owner = this.contacts.get(key);
    if (!owner || !owner.open || owner === connection) this.contacts.set(key, connection);
  }

  connectionForContact(key: string): SipConnection | null {
    const conn = this.contacts.get(key);
    return conn?.open ? conn : null;
  }

  /** A socket closed: its bindings and contacts go with it. */
  dropConnection(connection: SipConnection): string[] {
    const affected: string[] = [];
    for (const [aor, list] of this.bindings) {
      const kept = list.filter((b) => b.connection !== connection);
      if (kept.length !== list.length) affected.push(aor);
      this.store(aor, kept);
    }
    for (const [key, conn] of this.contacts) if (conn === connection) this.contacts.delete(key);
    return affected;
  }

  private store(aor: string, list: Binding[]): void {
    if (list.length > 0) this.bindings.set(aor, list);
    else this.bindings.delete(aor);
  }
}
