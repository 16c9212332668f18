/**
 * The lab proxy's message handling: registrar, authentication, routing decisions and
 * forwarding (README.md beside this file has the rules). Transaction state is kept only for
 * contact-center calls (queued-calls.ts); every other request is forwarded statelessly with a
 * Via that names the connection it came from, and a Record-Route so in-dialog requests come back.
 */
import type { HubConfig } from '../../../../src-common/hub-config';
import type { HubLogger } from '../../../log';
import type { DigestAuth } from './digest-auth';
import { MAX_OWN_VIAS, type ProxyHops } from './proxy-hops';
import type { QueuedCalls } from './queued-calls';
import type { TransferredCalls } from './transferred-calls';
import { contactKey, DEFAULT_EXPIRES_S, MAX_EXPIRES_S, type Binding, type Registrar } from './registrar';
import { PSTN_USER, type SipIdentities } from './sip-identities';
import type { SipConnection, SipIdentity } from './sip-connection';
import { parseSip, parseUri, SipFrame, type SipRequest, type SipResponse } from './sip-message';
import { replyTo } from './sip-replies';

/** Larger frames are refused with 513 (the WebSocket itself closes above its maxPayload). */
export const MAX_SIP_MESSAGE_BYTES = 32 * 1024;
/** Headers that steer the agent's phone; stripped from outside callers' INVITEs. */
const CALLER_CONTROLLED_HEADERS = ['call-info', 'alert-info', 'answer-mode', 'priv-answer-mode', 'x-centralita-item', 'x-centralita-supervision'] as const;
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER']);
const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE, MESSAGE, SUBSCRIBE';
/** Forwarded INVITEs are remembered this long, to send their CANCEL / non-2xx ACK the same way. */
const INVITE_MEMORY_MS = 5 * 60_000;
/** A hub item id as the phones accept it in X-Centralita-Item. */
const ITEM_ID = /^[\w.:-]{1,128}$/;
/** How long the party an agent transferred (REFER) may take to call the transfer target. */
const REFERRAL_MS = 60_000;

type Destination = { kind: 'queue' } | { kind: 'aor'; aor: string; missing: number } | { kind: 'reject'; status: number; reason: string } | { kind: 'challenge' };

export interface SipProxyDeps {
  config: HubConfig;
  registrar: Registrar;
  identities: SipIdentities;
  digest: DigestAuth;
  hops: ProxyHops;
  log: HubLogger;
  connection(id: string): SipConnection | null;
}

export class SipProxy {
  private queue: QueuedCalls | null = null;
  private transferred: TransferredCalls | null = null;
  /** Our stateless branch of a forwarded INVITE → the connection it went to. */
  private readonly invites = new Map<string, { target: SipConnection; requestUri: string; at: number }>();
  /**
   * Transfers an agent asked for (REFER): "<referee connection>|<user or contact key>" → expiry.
   * The referee (often an unauthenticated caller) may then INVITE that target once; `itemId` is
   * the target's hub item when the REFER named one (X-Centralita-Item).
   */
  private readonly referrals = new Map<string, { expires: number; itemId: string | null }>();

  constructor(
    private readonly deps: SipProxyDeps,
    private readonly now: () => number,
  ) {}

  attachQueue(queue: QueuedCalls): void {
    this.queue = queue;
  }

  attachTransferred(transferred: TransferredCalls): void {
    this.transferred = transferred;
  }

  aor(sipUser: string): string {
    return `sip:${sipUser}@${this.deps.config.voice.sipDomain}`;
  }

  lookup(aor: string): Binding | null {
    return this.deps.registrar.lookup(aor)[0] ?? null;
  }

  /** One text frame from a connection. */
  onFrame(conn: SipConnection, text: string): void {
    const parsed = parseSip(text);
    if (!parsed.ok) {
      this.answerMalformed(conn, text, parsed.reason);
      return;
    }
    const frame = SipFrame.fromText(text);
    if (parsed.kind === 'response') {
      this.onResponse(conn, parsed.message, frame);
      return;
    }
    const msg = parsed.message;
    if (msg.method !== 'ACK' && !conn.takeRequestToken()) {
      conn.send(replyTo(frame, 503, { reason: 'Too many requests', headers: [['Retry-After', '1']] }));
      return;
    }
    if (Buffer.byteLength(text, 'utf8') > MAX_SIP_MESSAGE_BYTES) {
      if (msg.method !== 'ACK') conn.send(replyTo(frame, 513));
      return;
    }
    const maxForwards = Number(frame.get('max-forwards') ?? '70');
    if (!Number.isInteger(maxForwards) || maxForwards < 0) return this.reply(conn, msg, frame, 400, 'Bad Max-Forwards');
    if (maxForwards === 0 && msg.method !== 'REGISTER' && msg.method !== 'OPTIONS') return this.reply(conn, msg, frame, 483);
    if (this.deps.hops.countOwnVias(frame) >= MAX_OWN_VIAS) return this.reply(conn, msg, frame, 482);
    this.learnContact(conn, msg.getHeader('contact'));
    this.onRequest(conn, msg, frame);
  }

  private reply(conn: SipConnection, msg: SipRequest, frame: SipFrame, status: number, reason?: string, headers?: ReadonlyArray<readonly [string, string]>): void {
    if (msg.method === 'ACK') return;
    conn.send(replyTo(frame, status, { reason, headers, toTag: status >= 200 && !msg.toTag ? 'lab' + this.now().toString(36) : undefined }));
  }

  /** 400 when there is enough of a request to answer; otherwise the frame is only logged. */
  private answerMalformed(conn: SipConnection, text: string, reason: string): void {
    this.deps.log.info({ connection: conn.id, reason }, 'lab SIP: malformed message');
    const head = text.split('\r\n', 1)[0] ?? '';
    if (!/^[A-Z]+ \S+ SIP\/2\.0$/.test(head) || head.startsWith('ACK ') || !text.includes('\r\n')) return;
    const frame = SipFrame.fromText(text.includes('\r\n\r\n') ? text : `${text}\r\n\r\n`);
    if (frame.all('via').length === 0 || !frame.get('call-id') || !frame.get('cseq')) return;
    conn.send(replyTo(frame, 400, { reason: `Bad Request (${reason.slice(0, 120)})` }));
  }

  private learnContact(conn: SipConnection, contact: string | undefined): void {
    if (contact === undefined) return;
    const uri = parseUri(/<([^>]+)>/.exec(contact)?.[1] ?? contact.split(';')[0] ?? '');
    if (uri) this.deps.registrar.learnContact(contactKey(uri.user, uri.host, uri.port), conn);
  }

  private onRequest(conn: SipConnection, msg: SipRequest, frame: SipFrame): void {
    if (msg.method === 'REGISTER') return this.register(conn, msg, frame);
    if (msg.method === 'CANCEL') return this.cancel(conn, msg, frame);
    if (msg.method === 'ACK' && this.queue?.absorbAck(msg)) return;
    const routedByUs = frame.all('route').length > 0;
    this.deps.hops.stripOwnRoute(frame);
    if (msg.toTag || (msg.method === 'ACK' && routedByUs)) return this.inDialog(conn, msg, frame);
    if (msg.method === 'ACK') return this.ackOfFailure(conn, msg, frame);
    this.outOfDialog(conn, msg, frame);
  }

  private register(conn: SipConnection, msg: SipRequest, frame: SipFrame): void {
    const auth = this.deps.identities.authenticate(msg.getHeader('authorization'), 'REGISTER');
    if (auth.kind === 'none' || auth.kind === 'stale' || auth.kind === 'bad') {
      if (auth.kind === 'bad') this.deps.log.info({ connection: conn.id, from: conn.remoteAddress }, 'lab SIP: wrong REGISTER credentials');
      return this.reply(conn, msg, frame, 401, auth.kind === 'bad' ? 'Wrong credentials' : undefined, [['WWW-Authenticate', this.deps.digest.challenge(auth.kind === 'stale')]]);
    }
    if (auth.kind === 'unknown-user') return this.reply(conn, msg, frame, 403, 'Unknown user');
    const aor = this.aor(auth.identity.sipUser);
    const toUri = msg.to.uri;
    if (toUri.user !== auth.identity.sipUser || toUri.host.toLowerCase() !== this.deps.config.voice.sipDomain.toLowerCase()) {
      return this.reply(conn, msg, frame, 403, 'Not your address of record');
    }
    conn.identity = auth.identity;
    const headerExpires = Number(msg.getHeader('expires') ?? DEFAULT_EXPIRES_S);
    const contacts = msg.headers.Contact ?? [];
    for (let i = 0; i < contacts.length; i += 1) {
      const raw = contacts[i]?.raw.trim() ?? '';
      if (raw === '*') {
        if (headerExpires !== 0) return this.reply(conn, msg, frame, 400, 'Contact * needs Expires: 0');
        this.deps.registrar.unbindAll(aor);
        continue;
      }
      const parsed = contacts[i]?.parsed as { uri?: { user?: string; host: string; port?: number; toString(): string }; getParam?(name: string): string | undefined } | undefined;
      const uri = parsed?.uri;
      if (!uri) return this.reply(conn, msg, frame, 400, 'Malformed Contact');
      const paramExpires = parsed.getParam?.('expires');
      const asked = Number(paramExpires ?? headerExpires);
      const expires = Number.isFinite(asked) ? Math.max(0, Math.min(MAX_EXPIRES_S, Math.floor(asked))) : DEFAULT_EXPIRES_S;
      this.deps.registrar.bind(aor, uri.toString(), contactKey(uri.user, uri.host, uri.port), conn, expires);
      this.deps.log.info({ aor, connection: conn.id, expires }, expires > 0 ? 'lab SIP: registered' : 'lab SIP: unregistered');
    }
    const now = this.now();
    const bound = this.deps.registrar.lookup(aor).map((b) => ['Contact', `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`] as const);
    this.reply(conn, msg, frame, 200, undefined, bound);
  }

  private cancel(conn: SipConnection, msg: SipRequest, frame: SipFrame): void {
    if (this.queue?.cancel(conn, msg, frame)) return;
    const branch = this.deps.hops.statelessBranch(conn.id, msg.viaBranch);
    this.transferred?.cancelled(branch);
    const invite = this.invites.get(branch);
    if (!invite?.target.open) return this.reply(conn, msg, frame, 481);
    invite.target.send(this.deps.hops.forward(frame, { requestUri: invite.requestUri, branch, fromConnectionId: conn.id, recordRoute: false }).toString());
  }

  /** ACK of a non-2xx answer to an INVITE we forwarded statelessly: same way as the INVITE. */
  private ackOfFailure(conn: SipConnection, msg: SipRequest, frame: SipFrame): void {
    const branch = this.deps.hops.statelessBranch(conn.id, msg.viaBranch);
    const invite = this.invites.get(branch);
    if (invite?.target.open) invite.target.send(this.deps.hops.forward(frame, { requestUri: invite.requestUri, branch, fromConnectionId: conn.id, recordRoute: false }).toString());
  }

  private inDialog(conn: SipConnection, msg: SipRequest, frame: SipFrame): void {
    const ruri = msg.ruri;
    const target = ruri ? (this.deps.registrar.connectionForContact(contactKey(ruri.user, ruri.host, ruri.port)) ?? this.lookupByRequestUri(ruri.user, ruri.host)) : null;
    if (!target) return this.reply(conn, msg, frame, msg.method === 'BYE' ? 481 : 404, 'Unknown contact');
    if (msg.method === 'REFER' && conn.identity?.kind === 'agent') {
      this.allowReferral(target, msg.getHeader('refer-to'), msg.getHeader('x-centralita-item'));
      // The item id is for us (stamped on the referee's INVITE), not for the outside party.
      frame.remove('x-centralita-item');
    }
    const branch = this.deps.hops.statelessBranch(conn.id, msg.viaBranch);
    target.send(this.deps.hops.forward(frame, { branch, fromConnectionId: conn.id, recordRoute: false }).toString());
  }

  /** An agent transfers the far end: it may call the Refer-To target (an agent, or a phone's contact for attended transfer). */
  private allowReferral(referee: SipConnection, referTo: string | undefined, item: string | undefined): void {
    const uri = referTo === undefined ? null : parseUri(/<([^>]+)>/.exec(referTo)?.[1] ?? referTo);
    if (!uri) return;
    const referral = { expires: this.now() + REFERRAL_MS, itemId: item !== undefined && ITEM_ID.test(item.trim()) ? item.trim() : null };
    if (uri.user !== undefined) this.referrals.set(`${referee.id}|user:${uri.user}`, referral);
    this.referrals.set(`${referee.id}|contact:${contactKey(uri.user, uri.host, uri.port)}`, referral);
  }

  /** The live referral that lets this connection call the target, if any. */
  private referral(conn: SipConnection, key: string): { itemId: string | null } | null {
    const now = this.now();
    for (const [k, r] of this.referrals) if (r.expires < now) this.referrals.delete(k);
    return this.referrals.get(`${conn.id}|${key}`) ?? null;
  }

  private referred(conn: SipConnection, key: string): boolean {
    return this.referral(conn, key) !== null;
  }

  /**
   * The referee's INVITE to the transfer target carries the target's item (named on the REFER),
   * and the hub learns its Call-ID, so answering it accepts that item's offer.
   */
  private stampTransferredItem(conn: SipConnection, msg: SipRequest, frame: SipFrame, key: string): void {
    const itemId = msg.method === 'INVITE' ? this.referral(conn, key)?.itemId : null;
    if (!itemId || !this.transferred) return;
    const branch = this.deps.hops.statelessBranch(conn.id, msg.viaBranch);
    if (this.transferred.begin(branch, msg.callId, itemId)) frame.set('X-Centralita-Item', itemId);
  }

  private lookupByRequestUri(user: string | undefined, host: string): SipConnection | null {
    if (user === undefined || host.toLowerCase() !== this.deps.config.voice.sipDomain.toLowerCase()) return null;
    return this.lookup(this.aor(user))?.connection ?? null;
  }

  private outOfDialog(conn: SipConnection, msg: SipRequest, frame: SipFrame): void {
    let identity = conn.identity;
    if (!identity && msg.hasHeader('proxy-authorization')) {
      const auth = this.deps.identities.authenticate(msg.getHeader('proxy-authorization'), msg.method);
      if (auth.kind === 'ok') identity = auth.identity;
      else if (auth.kind === 'unknown-user') return this.reply(conn, msg, frame, 403, 'Unknown user');
      else return this.reply(conn, msg, frame, 407, undefined, [['Proxy-Authenticate', this.deps.digest.challenge(auth.kind === 'stale')]]);
    }
    // Only an agent's phone may ask another phone to answer by itself or name a hub item: an
    // outside caller must not make an agent's phone pick up (Call-Info answer-after & co.) nor
    // pretend to be a work item the agent was offered.
    if (identity?.kind !== 'agent' && msg.method === 'INVITE') for (const header of CALLER_CONTROLLED_HEADERS) frame.remove(header);
    const ruri = msg.ruri;
    const user = ruri?.user;
    if (user === undefined && msg.method === 'OPTIONS') return this.reply(conn, msg, frame, 200, undefined, [['Allow', ALLOW]]);
    // A phone's own contact (attended transfer: INVITE with Replaces to the consulted phone).
    const key = ruri ? contactKey(user, ruri.host, ruri.port) : '';
    const contactTarget = ruri ? this.deps.registrar.connectionForContact(key) : null;
    if (contactTarget) {
      if (identity?.kind !== 'agent' && !this.referred(conn, `contact:${key}`)) return this.reply(conn, msg, frame, 403, 'Not allowed to call this phone');
      if (identity?.kind !== 'agent') this.stampTransferredItem(conn, msg, frame, `contact:${key}`);
      return this.forwardTo(conn, msg, frame, contactTarget, ruri?.toString() ?? '');
    }
    const referredAgent = user !== undefined && identity?.kind !== 'agent' && this.deps.identities.agentByUser(user) !== null && this.referred(conn, `user:${user}`);
    if (referredAgent && msg.method === 'INVITE') {
      // A blind transfer that names the colleague's item rings like a queued call of that item.
      const itemId = this.referral(conn, `user:${user}`)?.itemId;
      if (itemId && this.queue?.admitTransferred(conn, msg, frame, itemId)) return;
    }
    const destination = referredAgent ? { kind: 'aor' as const, aor: this.aor(user), missing: 480 } : this.destinationFor(user, identity);
    if (destination.kind === 'challenge') return this.reply(conn, msg, frame, 407, undefined, [['Proxy-Authenticate', this.deps.digest.challenge()]]);
    if (destination.kind === 'reject') return this.reply(conn, msg, frame, destination.status, destination.reason);
    if (destination.kind === 'queue') {
      if (msg.method !== 'INVITE') return this.reply(conn, msg, frame, 405, undefined, [['Allow', 'INVITE, ACK, CANCEL']]);
      if (!this.queue) return this.reply(conn, msg, frame, 503, 'Contact center unavailable');
      this.queue.admit(conn, msg, frame);
      return;
    }
    const binding = this.lookup(destination.aor);
    if (!binding) return this.reply(conn, msg, frame, destination.missing, destination.missing === 404 ? 'No outside line registered' : 'Not registered');
    this.forwardTo(conn, msg, frame, binding.connection, binding.contact);
  }

  private forwardTo(conn: SipConnection, msg: SipRequest, frame: SipFrame, target: SipConnection, requestUri: string): void {
    const branch = this.deps.hops.statelessBranch(conn.id, msg.viaBranch);
    if (msg.method === 'INVITE') this.rememberInvite(branch, target, requestUri);
    const out = this.deps.hops.forward(frame, { requestUri, branch, fromConnectionId: conn.id, recordRoute: DIALOG_CREATING.has(msg.method) });
    target.send(out.toString());
  }

  /** README "Routing": agent, contact center, or the outside world. */
  private destinationFor(user: string | undefined, identity: SipIdentity | null): Destination {
    const voice = this.deps.config.voice;
    if (user === undefined) return { kind: 'reject', status: 404, reason: 'No user in the Request-URI' };
    const agent = this.deps.identities.agentByUser(user);
    if (identity?.kind === 'agent') {
      if (agent) return { kind: 'aor', aor: this.aor(agent.sipUser), missing: 480 };
      if (voice.numbers[user] !== undefined) return { kind: 'queue' };
      return { kind: 'aor', aor: this.aor(PSTN_USER), missing: 404 };
    }
    if (agent) return identity ? { kind: 'reject', status: 403, reason: 'Outside callers reach the contact-center numbers only' } : { kind: 'challenge' };
    if (voice.numbers[user] !== undefined || voice.defaultQueueId !== undefined) return { kind: 'queue' };
    return { kind: 'reject', status: 404, reason: 'No queue answers this number' };
  }

  private rememberInvite(branch: string, target: SipConnection, requestUri: string): void {
    const now = this.now();
    this.invites.set(branch, { target, requestUri, at: now });
    for (const [key, value] of this.invites) {
      if (now - value.at < INVITE_MEMORY_MS) break;
      this.invites.delete(key);
    }
  }

  private onResponse(conn: SipConnection, msg: SipResponse, frame: SipFrame): void {
    const own = this.deps.hops.ownTopVia(frame);
    if (!own) {
      this.deps.log.info({ connection: conn.id, status: msg.statusCode }, 'lab SIP: response without our Via dropped');
      return;
    }
    this.learnContact(conn, msg.getHeader('contact'));
    if (this.queue?.ownsBranch(own.branch)) {
      this.queue.onAgentResponse(own.branch, msg, frame);
      return;
    }
    if (msg.method === 'INVITE') this.transferred?.onFinalResponse(own.branch, msg.statusCode ?? 0);
    this.relayResponse(frame);
  }

  /** Pops our Via and sends the response to the connection named in it. */
  relayResponse(frame: SipFrame): void {
    const own = this.deps.hops.ownTopVia(frame);
    if (!own) return;
    const out = frame.clone();
    out.removeFirst('via');
    this.deps.connection(own.connectionId)?.send(out.toString());
  }
}
