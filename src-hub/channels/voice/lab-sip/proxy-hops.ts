/**
 * The proxy's own marks on a message: its Via (with the id of the connection the request came
 * from, so the answer finds its way back without any state), its Record-Route (so in-dialog
 * requests come back through it) and the branch ids it stamps.
 */
import { createHash, randomBytes } from 'node:crypto';
import { nameAddrUri, parseVia, type SipFrame } from './sip-message';

/** Every branch the proxy writes starts with this (RFC 3261 magic cookie + our mark). */
export const BRANCH_PREFIX = 'z9hG4bKlab.';
/** User part of our Record-Route URI: how we recognise our own Route header. */
export const ROUTE_USER = 'lab-proxy';
/** A request already carrying this many of our Vias is looping. */
export const MAX_OWN_VIAS = 3;

export class ProxyHops {
  /** host[:port] written in Via and Record-Route (the hub's own address once it listens). */
  sentBy = 'lab-proxy.invalid';

  via(branch: string, connectionId: string): string {
    return `SIP/2.0/WS ${this.sentBy};branch=${branch};cid=${connectionId}`;
  }

  /** Contact of answers the proxy itself gives inside a (early) dialog, like the queued caller's 180. */
  contact(): string {
    return `<sip:${ROUTE_USER}@${this.sentBy};transport=ws>`;
  }

  recordRoute(): string {
    return `<sip:${ROUTE_USER}@${this.sentBy};transport=ws;lr>`;
  }

  /** Stateless branch: the same for an INVITE and its CANCEL / non-2xx ACK (RFC 3261 16.11). */
  statelessBranch(connectionId: string, incomingBranch: string): string {
    return BRANCH_PREFIX + createHash('sha256').update(`${connectionId}|${incomingBranch}`).digest('hex').slice(0, 20);
  }

  /** A fresh branch for a transaction the proxy keeps state for. */
  statefulBranch(): string {
    return BRANCH_PREFIX + randomBytes(10).toString('hex');
  }

  /** Our top Via: its branch and the connection id it carries, or null if the top Via is not ours. */
  ownTopVia(frame: SipFrame): { branch: string; connectionId: string } | null {
    const top = frame.all('via')[0];
    const via = top === undefined ? null : parseVia(top);
    const branch = via?.branch;
    const cid = via?.params?.cid;
    if (!branch?.startsWith(BRANCH_PREFIX) || typeof cid !== 'string') return null;
    return { branch, connectionId: cid };
  }

  countOwnVias(frame: SipFrame): number {
    return frame.all('via').filter((v) => parseVia(v)?.branch?.startsWith(BRANCH_PREFIX) === true).length;
  }

  /** Removes the top Route when it is ours (loose routing, RFC 3261 16.4). */
  stripOwnRoute(frame: SipFrame): void {
    const top = frame.all('route')[0];
    if (top !== undefined && nameAddrUri(top)?.user === ROUTE_USER) frame.removeFirst('route');
  }

  /**
   * Readies a request to go one hop further: Request-URI, Max-Forwards minus one, our Via on
   * top, and our Record-Route when it may create a dialog.
   */
  forward(request: SipFrame, opts: { requestUri?: string; branch: string; fromConnectionId: string; recordRoute: boolean; extraHeaders?: ReadonlyArray<readonly [string, string]> }): SipFrame {
    const out = request.clone();
    if (opts.requestUri !== undefined) {
      const [method, , version] = out.startLine.split(' ');
      out.startLine = `${method ?? ''} ${opts.requestUri} ${version ?? 'SIP/2.0'}`;
    }
    const maxForwards = Number(out.get('max-forwards') ?? '70');
    out.set('Max-Forwards', String(Number.isFinite(maxForwards) ? Math.max(0, maxForwards - 1) : 69));
    out.prepend('Via', this.via(opts.branch, opts.fromConnectionId));
    if (opts.recordRoute) out.prepend('Record-Route', this.recordRoute());
    for (const [name, value] of opts.extraHeaders ?? []) out.set(name, value);
    return out;
  }
}
