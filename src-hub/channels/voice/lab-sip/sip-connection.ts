/**
 * One phone (or simulated caller) connected over WebSocket. Holds what the proxy knows about the
 * peer: a short id (stamped in our Via so answers find their way back), who it authenticated as,
 * and a token bucket that limits its requests.
 */
import type { WebSocket } from 'ws';

export type SipIdentity = { kind: 'agent'; userId: string; sipUser: string } | { kind: 'pstn'; sipUser: string };

/** Requests per second a connection may send on average, and the burst on top. */
export const REQUESTS_PER_SECOND = 30;
export const REQUEST_BURST = 60;

export class SipConnection {
  identity: SipIdentity | null = null;
  private tokens = REQUEST_BURST;
  private refilledAt: number;

  constructor(
    readonly id: string,
    private readonly ws: WebSocket,
    readonly remoteAddress: string,
    private readonly now: () => number,
  ) {
    this.refilledAt = now();
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(text: string): void {
    if (this.open) this.ws.send(text);
  }

  /** Takes one request token; false when the peer is over its rate. */
  takeRequestToken(): boolean {
    const now = this.now();
    this.tokens = Math.min(REQUEST_BURST, this.tokens + ((now - this.refilledAt) / 1000) * REQUESTS_PER_SECOND);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  close(code: number, reason: string): void {
    if (this.open) this.ws.close(code, reason);
  }
}
